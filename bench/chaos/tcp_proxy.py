"""A TCP proxy in a background thread that a test can cut, stall and restore: an outage of
the server behind it, without touching the real server.

`cut` is a server that went away (connections reset, new ones refused); `stall` is one
whose packets vanish (a network partition): connections stay open and nothing arrives,
until `restore`, when what was held goes through, as TCP's retransmission would."""

from __future__ import annotations

import asyncio
import socket
import threading
from concurrent.futures import Future


class PausableProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.loop = asyncio.new_event_loop()
        self.open = True
        self.stalled = False
        self._links: set[asyncio.StreamWriter] = set()
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port: int = probe.getsockname()[1]
        probe.close()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> PausableProxy:
        self._thread.start()
        self._call(self._listen()).result(5)
        return self

    def __exit__(self, *_: object) -> None:
        self.cut()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)

    def cut(self) -> None:
        """Drop every connection and refuse new ones, as a Redis that went away would."""
        self.open = False
        self._call(self._drop_all()).result(5)

    def stall(self) -> None:
        """Keep every connection open but carry nothing, either way; new ones hang too."""
        self.stalled = True

    def restore(self) -> None:
        self.open = True
        self.stalled = False

    def _call(self, work: object) -> Future[object]:
        return asyncio.run_coroutine_threadsafe(work, self.loop)  # type: ignore[arg-type]

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def _drop_all(self) -> None:
        for writer in list(self._links):
            writer.transport.abort()
        self._links.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.open:
            writer.transport.abort()
            return
        while self.stalled:  # a SYN into the void: the client's connect timeout decides
            await asyncio.sleep(0.02)
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._links.update((writer, up_writer))
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                while self.stalled:
                    await asyncio.sleep(0.02)
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._links.discard(writer)
            writer.transport.abort()
