"""The visitor socket `/ws/chat/{session_key}/`."""

import structlog
from dependency_injector.wiring import inject
from fastapi import WebSocket

from domain.chat_session import stream_id_for
from domain.queue import QUEUE_STREAM
from entrypoints.api.dependencies import Bus, Live, Reads, Sockets
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.security.dependencies import Throttling
from entrypoints.session_keys import is_well_formed
from entrypoints.ws.conversation import VisitorConversation
from entrypoints.ws.dependencies import SendBuffer, Signals
from entrypoints.ws.frames import session_frame
from entrypoints.ws.outbox import Outbox
from entrypoints.ws.serving import serve

UNKNOWN_SESSION = 4404

log = structlog.get_logger("pasokh.ws")
router = SlashAgnosticRouter()


def after_seq_of(websocket: WebSocket) -> int:
    """?after_seq=N; anything that is not a whole number >= 0 means the full history."""
    try:
        return max(0, int(websocket.query_params.get("after_seq", "0")))
    except ValueError:
        return 0


@router.websocket("/ws/chat/{session_key}/")
@inject
async def visitor_socket(
    websocket: WebSocket,
    session_key: str,
    bus: Bus,
    read_models: Reads,
    subscriber: Live,
    signals: Signals,
    sockets: Sockets,
    throttle: Throttling,
    send_buffer: SendBuffer,
) -> None:
    await websocket.accept()
    if not is_well_formed(session_key):
        await websocket.close(UNKNOWN_SESSION)
        return
    # Subscribe before reading the history, so nothing committed in between is missed.
    # The queue's stream too: a waiting visitor moves up when others leave the queue.
    subscription = await subscriber.subscribe(stream_id_for(session_key), QUEUE_STREAM)
    sockets.add(websocket, "visitor")
    try:
        view = await read_models.session(session_key)
        if view is None:
            await websocket.close(UNKNOWN_SESSION)
            return
        after_seq = after_seq_of(websocket)
        outbox = Outbox(websocket, send_buffer)
        conversation = VisitorConversation.of(outbox, view, read_models, signals, throttle)
        await conversation.send(session_frame(view, after_seq))
        if view.status == "queued":
            await conversation.refresh_place()
        log.info("visitor socket opened", after_seq=after_seq, status=view.status)
        await serve(websocket, conversation.read(bus), conversation.pump(subscription),
                    "visitor", outbox.write())
    finally:
        sockets.discard(websocket)
        await subscription.close()
