"""Security headers on every HTTP response Pasokh serves.

A route that sets its own header (the demo page's Content-Security-Policy) keeps it; every
other response gets a policy that forbids everything: JSON needs no scripts, styles or
frames, and nothing of Pasokh's may be framed by another site (clickjacking). The API docs
(Swagger UI, ReDoc) load their scripts from a CDN and get a policy that allows just that.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCKED_DOWN = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DOCS_CDN = "https://cdn.jsdelivr.net"
API_DOCS = (f"default-src 'none'; script-src 'self' 'unsafe-inline' {DOCS_CDN}; "
            f"style-src 'self' 'unsafe-inline' {DOCS_CDN}; img-src 'self' data: "
            f"https://fastapi.tiangolo.com; connect-src 'self'; worker-src 'self' blob:; "
            f"frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
DOCS_PATHS = ("/docs", "/redoc")

ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy_for(path: str) -> str:
    if any(path == docs or path.startswith(docs + "/") for docs in DOCS_PATHS):
        return API_DOCS
    return LOCKED_DOWN


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = policy_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in {**ALWAYS, "Content-Security-Policy": policy}.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
