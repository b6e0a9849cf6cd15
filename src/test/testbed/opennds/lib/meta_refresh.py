#!/usr/bin/env python3
"""meta_refresh.py PAGE.html PAGE_URL - the <meta http-equiv="refresh"> of a page, if any.

Prints one line "MILLISECONDS URL": the delay of the first refresh tag and the absolute
URL it loads (resolved against <base href> / PAGE_URL, no fragment; the page itself
when the tag has no url=). Accepts what browsers accept: content="5", "5; url=/x",
"5;URL='/x'", "0.5, url=/x". Exit 1 if the page has no usable refresh tag.
Pure stdlib; no network access.
"""
import re
import sys
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

CONTENT = re.compile(r"""^\s*(\d+(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$""", re.I | re.S)


class Refresh(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.base, self.content = None, None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and "href" in a and self.base is None:
            self.base = a["href"]
        elif (tag == "meta" and self.content is None and a.get("http-equiv", "").strip().lower() == "refresh"
              and "content" in a):
            self.content = a["content"]

    handle_startendtag = handle_starttag


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        parser = Refresh()
        parser.feed(f.read())
    if parser.content is None:
        return 1
    m = CONTENT.match(parser.content)
    if not m:
        print(f"meta_refresh: cannot read content={parser.content!r}", file=sys.stderr)
        return 1
    millis = int(float(m.group(1)) * 1000)
    target = (m.group(2) or "").strip()
    if len(target) >= 2 and target[0] in "'\"":
        target = target[1:].split(target[0], 1)[0]
    base = urljoin(sys.argv[2], parser.base) if parser.base else sys.argv[2]
    url = urldefrag(urljoin(base, target) if target else sys.argv[2])[0]
    print(f"{millis} {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
