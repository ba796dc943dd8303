"""The visitor socket `/ws/chat/{session_key}/`."""

import re

import structlog
from fastapi import WebSocket
from starlette.types import Receive, Scope, Send

from application.availability import TeamAvailability
from application.messagebus import MessageBus
from application.ports import ReadModels, Signaller, Subscriber
from application.rate_limits import Throttle
from domain.chat_session import SessionStatus, stream_id_for
from domain.queue import QUEUE_STREAM
from entrypoints.container import Container
from entrypoints.display_names import DisplayNames
from entrypoints.errors import close_socket_after
from entrypoints.session_keys import is_well_formed
from entrypoints.ws.conversation import VisitorConversation
from entrypoints.ws.frames import session_frame
from entrypoints.ws.outbox import Outbox
from entrypoints.ws.registry import SocketRegistry
from entrypoints.ws.serving import Pump, serve

UNKNOWN_SESSION = 4404

log = structlog.get_logger("pasokh.ws")


def after_seq_of(websocket: WebSocket) -> int:
    """?after_seq=N; anything that is not a whole number >= 0 means the full history."""
    try:
        return max(0, int(websocket.query_params.get("after_seq", "0")))
    except ValueError:
        return 0


def session_key_in(path: str) -> str | None:
    """The session key of a visitor socket's path (with or without its trailing slash)."""
    match = _VISITOR_PATH.match(path)
    return match.group(1) if match else None


_VISITOR_PATH = re.compile(r"^/ws/chat/([^/]+)/?$")


async def visitor_socket(scope: Scope, receive: Receive, send: Send) -> None:
    """The visitor socket as a bare ASGI endpoint, reached before the router and the
    middleware (entrypoints.app): every frame of that chain would stay alive as long as the
    socket is open, and visitors hold sockets open for hours (ADR 0021)."""
    websocket = WebSocket(scope, receive, send)
    container: Container = scope["app"].state.container
    try:
        await serve_visitor(websocket, scope["path_params"]["session_key"], container.bus(),
                            container.read_models(), container.pubsub(), container.pubsub(),
                            container.sockets(), container.throttle(),
                            container.config.ws_send_buffer(), container.display_names(),
                            container.services().availability)
    except Exception as error:  # failed before its frame loop, e.g. reading the session
        await close_socket_after(websocket, error)


async def serve_visitor(
    websocket: WebSocket,
    session_key: str,
    bus: MessageBus,
    read_models: ReadModels,
    subscriber: Subscriber,
    signals: Signaller,
    sockets: SocketRegistry,
    throttle: Throttle,
    send_buffer: int,
    names: DisplayNames | None = None,
    availability: TeamAvailability | None = None,
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
        conversation = VisitorConversation.of(outbox, view, read_models, signals, throttle,
                                              names, availability)
        await conversation.send(session_frame(view, after_seq))
        if view.status == SessionStatus.QUEUED:
            await conversation.refresh_place()
        log.info("visitor socket opened", after_seq=after_seq, status=view.status)
        await serve(websocket, conversation.read(bus),
                    Pump(subscription, conversation.deliver), "visitor", outbox)
    finally:
        sockets.discard(websocket)
        await subscription.close()
