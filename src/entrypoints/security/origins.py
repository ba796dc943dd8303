"""Which web pages may talk to Pasokh: the `Origin` checks of the sockets, and CORS.

`CHAT_ALLOWED_ORIGINS` lists the sites that embed the widget. Unset, any site may embed it.
- Visitor socket: any origin when the list is unset, else only the listed ones. No `Origin`
  header at all means no browser (an app, a script): allowed, as the key is the credential.
- Admin socket: only Pasokh's own origin (the page's host is the host it connects to) and
  the listed ones. No `Origin` header is allowed too: browsers always send it, so only a
  non-browser client omits it, and it cannot borrow anyone's browser; the token still rules.
- CORS: visitor calls from any site (or the listed ones); admin calls need `Authorization`,
  which only the listed sites may send cross-origin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def normalized_origin(origin: str) -> str | None:
    """`scheme://host[:port]` in lower case without a default port; None when not an origin."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        return None
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    shown_port = "" if port in (None, DEFAULT_PORTS[parts.scheme]) else f":{port}"
    return f"{parts.scheme}://{host.lower()}{shown_port}"


def parse_origins(entries: Iterable[str]) -> tuple[str, ...]:
    """The configured list, normalized; ValueError names an entry that is not an origin.

    `*` anywhere in the list means any site, as an unset list does."""
    origins = []
    for entry in (e.strip() for e in entries):
        if entry == "*":
            return ()
        if not entry:
            continue
        origin = normalized_origin(entry)
        if origin is None:
            raise ValueError(f"not an origin (scheme://host[:port]): {entry!r}")
        origins.append(origin)
    return tuple(dict.fromkeys(origins))


def _netloc(origin: str) -> str:
    scheme, _, rest = origin.partition("://")
    return rest


def _host_header(host: str, scheme: str) -> str:
    """The Host header in the origin's form, so `example.com:443` equals `example.com`."""
    normalized = normalized_origin(f"{scheme}://{host}")
    return _netloc(normalized) if normalized else ""


@dataclass(frozen=True)
class OriginPolicy:
    allowed: tuple[str, ...] = ()

    @classmethod
    def of(cls, entries: Iterable[str]) -> OriginPolicy:
        return cls(parse_origins(entries))

    def visitor_may_connect(self, origin: str | None, host: str | None = None) -> bool:
        """Any site when no list is set; else the listed sites and Pasokh's own pages (the
        demo page's origin is the host it connects to)."""
        if origin is None or not self.allowed:
            return True
        normalized = normalized_origin(origin)
        if normalized is None:
            return False
        scheme = normalized.partition("://")[0]
        if host and _netloc(normalized) == _host_header(host, scheme):
            return True
        return normalized in self.allowed

    def admin_may_connect(self, origin: str | None, host: str | None) -> bool:
        if origin is None:
            return True
        normalized = normalized_origin(origin)
        if normalized is None:
            return False  # "null" (sandboxed frames, files) and other opaque origins
        scheme = normalized.partition("://")[0]
        if host and _netloc(normalized) == _host_header(host, scheme):
            return True
        return normalized in self.allowed

    def cors_options(self) -> dict[str, Any]:
        """Keyword arguments for Starlette's CORSMiddleware."""
        common = {"allow_credentials": False, "expose_headers": ["Retry-After"],
                  "max_age": 600}
        if not self.allowed:
            return {**common, "allow_origins": ["*"], "allow_methods": ["GET", "POST"],
                    "allow_headers": ["Content-Type"]}
        return {**common, "allow_origins": list(self.allowed),
                "allow_methods": ["GET", "POST", "PUT", "DELETE"],
                "allow_headers": ["Content-Type", "Authorization"]}
