#!/usr/bin/env python3
"""visitor_form.py PAGE.html PAGE_URL [CLICK_REGEX] - "click" a button of a portal page.

Picks the <form> whose submit button (<button> text, or <input type=submit|image>
value) matches CLICK_REGEX (case-insensitive; default "Continue|Tiếp tục"),
or the only form of the page. Prints three lines:
    METHOD            GET or POST
    ACTION URL        absolute (resolved against <base href> / PAGE_URL), no fragment
    BODY              application/x-www-form-urlencoded data
The data is what a browser sends: hidden and other named inputs with their values
(every checkbox ticked, checked radios), then the clicked button's name=value.
formaction/formmethod on the button are honoured. Exit 1 (message on stderr) if
there is no such form. Pure stdlib; no network access.
"""
import re
import sys
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urljoin

SKIP = {"submit", "image", "button", "reset", "file"}


class Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.base, self.forms, self._form, self._button = None, [], None, None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and "href" in a and self.base is None:
            self.base = a["href"]
        elif tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get"),
                          "fields": [], "buttons": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            t = a.get("type", "text").lower()
            if t in ("submit", "image"):
                self._form["buttons"].append(dict(a, text=a.get("value", "")))
            elif t not in SKIP and a.get("name"):
                if t == "radio" and "checked" not in a:
                    return
                value = a.get("value", "on" if t in ("checkbox", "radio") else "")
                self._form["fields"].append((a["name"], value))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._button = dict(a, text="")
            self._form["buttons"].append(self._button)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "button":
            self._button = None

    def handle_data(self, data):
        if self._button is not None:
            self._button["text"] += data


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    page, page_url = sys.argv[1], sys.argv[2]
    click = re.compile(sys.argv[3] if len(sys.argv) > 3 else "Continue|Tiếp tục", re.I)
    with open(page, "rb") as fh:
        html = fh.read().decode("utf-8", errors="replace")
    p = Forms()
    p.feed(html)
    chosen = None
    for form in p.forms:
        for b in form["buttons"]:
            if click.search(" ".join(b["text"].split())):
                chosen = (form, b)
                break
        if chosen:
            break
    if chosen is None and len(p.forms) == 1:
        form = p.forms[0]
        chosen = (form, form["buttons"][0] if form["buttons"] else {})
    if chosen is None:
        print(f"visitor_form: no form with a button matching /{click.pattern}/ "
              f"among {len(p.forms)} form(s)", file=sys.stderr)
        sys.exit(1)
    form, button = chosen
    data = list(form["fields"])
    if button.get("name"):
        data.append((button["name"], button.get("value", "")))
    base = urljoin(page_url, p.base) if p.base else page_url
    action = urldefrag(urljoin(base, button.get("formaction") or form["action"] or base))[0]
    method = (button.get("formmethod") or form["method"] or "get").upper()
    print("POST" if method == "POST" else "GET")
    print(action)
    print(urlencode(data))


if __name__ == "__main__":
    main()
