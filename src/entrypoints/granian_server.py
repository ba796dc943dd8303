"""`pasokh serve` on Granian (PASOKH_SERVER=granian): the same app, served by Granian's
Rust HTTP and WebSocket server through its ASGI interface, embedded in this process (one
event loop, as with uvicorn). Evaluated against uvicorn in ADR 0036."""

from __future__ import annotations

import asyncio
import signal
from typing import Any


def available() -> bool:
    try:
        import granian  # noqa: F401
    except ImportError:
        return False
    return True


def serve(app: Any, host: str, port: int, *, max_header_bytes: int,
          header_timeout_seconds: float) -> None:
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.server.embed import Server

    async def main() -> None:
        server = Server(
            app, address=host, port=port, interface=Interfaces.ASGI, websockets=True,
            backlog=2048, log_enabled=False,
            http1_settings=HTTP1Settings(
                header_read_timeout=int(header_timeout_seconds * 1000),
                max_buffer_size=max(8192, max_header_bytes)))
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, server.stop)
        await server.serve()

    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        uvloop.run(main())
