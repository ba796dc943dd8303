"""Another website on this machine, to embed the widget the way customers do.

A real HTTP server on localhost (a different origin than Pasokh's 127.0.0.1): Chromium only
lets pages from the loopback address space reach a loopback Pasokh, so an intercepted page
would not do.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HostSite:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self._server = server
        self.pages: dict[str, bytes] = {}

    def publish(self, html: str) -> str:
        """Put `html` on the site; returns its URL."""
        path = f"/{secrets.token_hex(4)}.html"
        self.pages[path] = html.encode()
        return f"http://localhost:{self._server.server_address[1]}{path}"


@contextmanager
def running_host_site() -> Iterator[HostSite]:
    site: HostSite

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            body = site.pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"not found")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site = HostSite(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
