"""A router that serves every path with and without its trailing slash, as the contract says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter


def _variants(path: str) -> tuple[str, str]:
    bare = path.rstrip("/")
    return f"{bare}/", bare


class SlashAgnosticRouter(APIRouter):
    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        with_slash, bare = _variants(path)
        super().add_api_route(with_slash, endpoint, **kwargs)
        super().add_api_route(bare, endpoint, **{**kwargs, "include_in_schema": False})

    def add_api_websocket_route(self, path: str, endpoint: Callable[..., Any],
                                name: str | None = None, **kwargs: Any) -> None:
        for variant in _variants(path):
            super().add_api_websocket_route(variant, endpoint, name=name, **kwargs)
