#!/usr/bin/env python3
"""upstream.py - the test bed's fake "internet" (runs in bz-up on 10.231.2.2:80).

/ answers a page containing BZ-TESTBED-UPSTREAM-OK; the OS connectivity probes
get the answers the real probe servers give when a device is online:
/generate_204 -> 204 (Android), /hotspot-detect.html -> Success (Apple),
/connecttest.txt (Windows), /success.txt (Firefox), plus a few aliases.
Any other path answers 200 text with the marker. No reverse-DNS lookup on bind.
"""
import argparse
import socketserver
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MARKER = "BZ-TESTBED-UPSTREAM-OK"
SUCCESS = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"
PROBES = {
    "/generate_204": (204, "text/plain", ""),
    "/gen_204": (204, "text/plain", ""),
    "/hotspot-detect.html": (200, "text/html", SUCCESS),
    "/library/test/success.html": (200, "text/html", SUCCESS),
    "/connecttest.txt": (200, "text/plain", "Microsoft Connect Test"),
    "/ncsi.txt": (200, "text/plain", "Microsoft NCSI"),
    "/success.txt": (200, "text/plain", "success\n"),
}


class Server(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True

    def server_bind(self):  # skip HTTPServer's socket.getfqdn() (a DNS query)
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


class Handler(BaseHTTPRequestHandler):
    server_version = "bz-testbed-upstream/1"

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in PROBES:
            status, ctype, body = PROBES[path]
        elif path in ("/", "/index.html"):
            status, ctype = 200, "text/html"
            body = ("<!doctype html><html><head><title>Upstream test page</title></head>"
                    f"<body><h1>{MARKER}</h1><p>host={self.headers.get('Host')} path={self.path}</p>"
                    "</body></html>")
        else:
            status, ctype, body = 200, "text/plain", f"{MARKER} path={self.path}\n"
        data = body.encode()
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", ctype + "; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if status != 204 and self.command != "HEAD":
            self.wfile.write(data)

    do_HEAD = do_GET

    def log_message(self, fmt, *args):  # one line per request on stdout (upstream.log)
        print(f"{self.client_address[0]} {self.command} {self.headers.get('Host')}{self.path} "
              f"{args[1] if len(args) > 1 else ''}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", required=True)
    ap.add_argument("--port", type=int, default=80)
    a = ap.parse_args()
    print(f"upstream listening on {a.bind}:{a.port}", flush=True)
    Server((a.bind, a.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
