"""The widget's static files, read once from the package and served with validators."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from entrypoints.web.widget_build import build

MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
# Files the router may serve by name; nothing else under static/ is reachable.
PUBLIC = frozenset({"demo.css"})


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str
    etag: str


@cache
def asset(name: str) -> Asset:
    body = (resources.files("entrypoints.web") / "static" / name).read_bytes()
    return _asset(body, name[name.rfind("."):])


def _asset(body: bytes, suffix: str) -> Asset:
    digest = hashlib.sha256(body).hexdigest()[:16]
    return Asset(body, MEDIA_TYPES[suffix], f'"{digest}"')


@cache
def widget_script() -> Asset:
    """`/widget.js`: the widget's modules joined into one script, built once per process."""
    folder = resources.files("entrypoints.web") / "static" / "widget"
    sources = {item.name: item.read_text("utf-8") for item in folder.iterdir()
               if item.name.endswith(".js")}
    return _asset(build(sources).encode(), ".js")


def matches(asset: Asset, if_none_match: str | None) -> bool:
    """True when the browser's cached copy (If-None-Match) is still this one."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return asset.etag in tags or "*" in tags
