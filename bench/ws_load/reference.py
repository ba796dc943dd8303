"""The bare reference: a raw ASGI app speaking just enough of Pasokh's protocol.

POST /chat/api/sessions/ returns a new key; the socket sends the session frame, then for
every question an echo and a constant answer, storing nothing. Whatever Pasokh costs
beyond this is Pasokh's own work: storage, matching, fan-out.

    python -m bench.ws_load.reference --port 8100
"""

from __future__ import annotations

import argparse
import itertools
import json
import secrets
from typing import Any

ANSWER = "Use the booking page on our website, or call us."
Scope = dict[str, Any]


def message_frame(seq: int, sender: str, text: str) -> str:
    return json.dumps({"type": "message", "message": {
        "id": f"m{seq}", "seq": seq, "sender": sender, "text": text,
        "source": "faq" if sender == "bot" else None, "faq_id": None,
        "created_at": "2025-01-01T00:00:00Z", "client_id": None}}, ensure_ascii=False)


async def app(scope: Scope, receive: Any, send: Any) -> None:
    if scope["type"] == "http":
        await _session(receive, send)
    elif scope["type"] == "websocket":
        await _conversation(receive, send)


async def _session(receive: Any, send: Any) -> None:
    while (await receive()).get("more_body"):
        pass
    body = json.dumps({"session_key": secrets.token_urlsafe(24), "status": "bot",
                       "created_at": "2025-01-01T00:00:00Z"}).encode()
    await send({"type": "http.response.start", "status": 201,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def _conversation(receive: Any, send: Any) -> None:
    await receive()  # websocket.connect
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.send", "text": json.dumps(
        {"type": "session", "session_key": "-", "status": "bot", "messages": []})})
    seq = itertools.count(1)
    while True:
        event = await receive()
        if event["type"] == "websocket.disconnect":
            return
        frame = json.loads(event.get("text") or "{}")
        if frame.get("type") == "message":
            await send({"type": "websocket.send",
                        "text": message_frame(next(seq), "user", frame.get("text", ""))})
            await send({"type": "websocket.send", "text": message_frame(next(seq), "bot", ANSWER)})


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="the bare reference WebSocket server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--option", action="append", default=[], metavar="NAME=JSON",
                        help="a uvicorn.run() keyword, e.g. ws=\"wsproto\" or "
                             "ws_per_message_deflate=false (default: uvicorn's defaults)")
    args = parser.parse_args()
    options = {name: json.loads(value) for name, value in
               (option.split("=", 1) for option in args.option)}
    # bench.ws_load runs this twice: with no options, and with `pasokh serve`'s WebSocket
    # settings (entrypoints.server.TUNED_WEBSOCKETS), so ratios are given against both
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                **options)


if __name__ == "__main__":
    main()
