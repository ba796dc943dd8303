"""The visitor socket `/ws/chat/{session_key}/`."""

import asyncio
import contextlib

import structlog
from dependency_injector.wiring import inject
from fastapi import WebSocket, WebSocketDisconnect

from application.messagebus import MessageBus
from application.ports import Subscription
from domain.chat_session import stream_id_for
from entrypoints.api.dependencies import Bus, Live, Reads
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.session_keys import is_well_formed
from entrypoints.ws.conversation import VisitorConversation
from entrypoints.ws.frames import session_frame

UNKNOWN_SESSION = 4404
SERVER_ERROR = 1011

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
) -> None:
    await websocket.accept()
    if not is_well_formed(session_key):
        await websocket.close(UNKNOWN_SESSION)
        return
    # Subscribe before reading the history, so nothing committed in between is missed.
    subscription = await subscriber.subscribe(stream_id_for(session_key))
    try:
        view = await read_models.session(session_key)
        if view is None:
            await websocket.close(UNKNOWN_SESSION)
            return
        after_seq = after_seq_of(websocket)
        last_seq = view.messages[-1].seq if view.messages else 0
        conversation = VisitorConversation(websocket, session_key, read_models, last_seq,
                                           view.agent)
        await conversation.send(session_frame(view, after_seq))
        log.info("visitor socket opened", after_seq=after_seq, status=view.status)
        await _serve(websocket, conversation, subscription, bus)
    finally:
        await subscription.close()


async def _serve(websocket: WebSocket, conversation: VisitorConversation,
                 subscription: Subscription, bus: MessageBus) -> None:
    reader = asyncio.create_task(conversation.read(bus))
    pump = asyncio.create_task(conversation.pump(subscription))
    await asyncio.wait({reader, pump}, return_when=asyncio.FIRST_COMPLETED)
    for task in (reader, pump):
        task.cancel()
    # wait(), not gather(): a cancellation of this handler must surface as itself, not as
    # the CancelledError of a child we cancelled.
    await asyncio.wait({reader, pump})
    outcomes = [task.exception() for task in (reader, pump) if not task.cancelled()]
    failure = next((o for o in outcomes if isinstance(o, Exception) and not _gone(o)), None)
    if failure is not None:
        log.error("visitor socket failed", exc_info=failure)
        with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
            await websocket.close(SERVER_ERROR)
    log.info("visitor socket closed")


def _gone(error: Exception) -> bool:
    """The client went away while we were sending: nothing to report."""
    return isinstance(error, WebSocketDisconnect | OSError)
