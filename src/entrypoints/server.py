"""`pasokh serve`: the app under uvicorn, with the WebSocket settings chosen for memory per
idle socket (ADR 0021)."""

from __future__ import annotations

from typing import Any

from entrypoints.container import Container

# The WebSocket server settings chosen for memory per idle socket (ADR 0021, with the
# figures); bench/ws_load runs its bare reference with these too. Compression is off by
# default because permessage-deflate keeps a compressor alive for every socket's lifetime.
TUNED_WEBSOCKETS: dict[str, Any] = {"ws": "websockets-sansio", "ws_per_message_deflate": False}


def server_options(container: Container) -> dict[str, Any]:
    """uvicorn.run()'s keywords for `pasokh serve`.

    Our middleware logs each request with the session key shortened; uvicorn's access log
    would print whole keys, so it stays off. Client addresses come from our own trusted-proxy
    rules (PASOKH_TRUSTED_PROXIES), not uvicorn's proxy headers. A socket message above the
    transport cap is refused from its header with 1009, unread. A request's head is limited
    in size and time (entrypoints/security/http_head.py), as a proxy in front would. An
    open socket keeps less than uvicorn's own protocol keeps (entrypoints/socket_protocol.py)."""
    from entrypoints.security.http_head import GuardedHttpToolsProtocol
    from entrypoints.socket_protocol import websocket_protocol

    http = GuardedHttpToolsProtocol.configured(container.config.max_header_bytes(),
                                               container.config.header_timeout_seconds())
    return {**TUNED_WEBSOCKETS, "ws": websocket_protocol(), "http": http, "log_config": None,
            "access_log": False, "proxy_headers": False,
            "ws_max_size": container.config.ws_max_message_bytes(),
            "ws_per_message_deflate": bool(container.config.ws_compression())}


def serve(container: Container, host: str, port: int) -> int:
    import uvicorn

    from entrypoints.app import create_app

    app = create_app(container)
    app.state.tune_gc = True  # this process serves: see app.tune_garbage_collector
    if container.config.server() == "granian":  # evaluated, not the default: ADR 0036
        from entrypoints import granian_server
        from entrypoints.tasks import UsageError

        if not granian_server.available():
            raise UsageError("PASOKH_SERVER=granian needs the granian package: "
                             "pip install granian")
        granian_server.serve(app, host, port,
                             max_header_bytes=container.config.max_header_bytes(),
                             header_timeout_seconds=container.config.header_timeout_seconds())
        return 0
    uvicorn.run(app, host=host, port=port, **server_options(container))
    return 0
