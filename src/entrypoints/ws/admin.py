"""The agents' socket `/ws/admin/chat/?ticket=<single-use ticket>` (or `?token=<access_token>`)."""

import secrets
from datetime import datetime
from typing import Annotated

import structlog
from dependency_injector.wiring import Provide, inject
from fastapi import Depends, WebSocket

from application import commands
from application.auth import redeem_ticket
from application.messagebus import MessageBus
from application.ports import (
    ALL_STREAMS,
    PRESENCE,
    PRESENCE_STREAM,
    AgentAccounts,
    Presence,
    Signal,
    Signaller,
    TokenIssuer,
)
from application.rate_limits import Throttle
from entrypoints.api.dependencies import (
    Accounts,
    Bus,
    Live,
    Presences,
    Reads,
    Sockets,
    Tokens,
)
from entrypoints.container import Container
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.security.dependencies import Throttling
from entrypoints.security.token_expiry import TokenLifetime
from entrypoints.ws.agent_account import UNAUTHORIZED, AccountStanding, StillActive
from entrypoints.ws.agent_actions import AgentActions, Trigger
from entrypoints.ws.agent_desk import AgentDesk
from entrypoints.ws.dependencies import SendBuffer, Signals
from entrypoints.ws.outbox import Outbox
from entrypoints.ws.serving import serve

MaxChats = Annotated[int, Depends(Provide[Container.config.chat_agent_max_chats])]
Assignment = Annotated[str, Depends(Provide[Container.config.chat_assignment])]

log = structlog.get_logger("pasokh.ws")
router = SlashAgnosticRouter()


@router.websocket("/ws/admin/chat/")
@inject
async def admin_socket(
    websocket: WebSocket,
    bus: Bus,
    read_models: Reads,
    subscriber: Live,
    signals: Signals,
    tokens: Tokens,
    accounts: Accounts,
    sockets: Sockets,
    max_chats: MaxChats,
    assignment: Assignment,
    presence: Presences,
    send_buffer: SendBuffer,
    throttle: Throttling,
) -> None:
    await websocket.accept()
    agent, expires_at = await _credentials(websocket, tokens, throttle)
    account = await accounts.get(agent) if agent is not None else None
    if agent is None or account is None or not account.active or expires_at is None:
        await websocket.close(UNAUTHORIZED, "a valid ticket or access token is required")
        return
    # Every stream: the queue, and the conversations in it or with agents, change anywhere.
    # Subscribed before the snapshot is read, so nothing committed in between is missed.
    subscription = await subscriber.subscribe(ALL_STREAMS)
    sockets.add(websocket, "agent")
    socket_id = secrets.token_hex(8)
    try:
        with structlog.contextvars.bound_contextvars(agent=agent):
            await presence.arrive(socket_id, agent)
            status = await _told(presence, signals, agent)
            outbox = Outbox(websocket, send_buffer)
            desk = AgentDesk(outbox, agent, read_models, account.display_name, account.role,
                             _still_active(accounts, agent))
            await desk.open(max_chats, status, assignment)
            log.info("agent socket opened", holding=len(desk.held))
            actions = AgentActions(desk, bus, read_models, signals, presence,
                                   _assigning(bus, assignment))
            await actions.arrived(status)
            lifetime = TokenLifetime(expires_at)  # the socket closes when the token expires
            standing = AccountStanding()  # and when its account is disabled
            await serve(websocket, actions.read(outbox),
                        lifetime.bound(standing.bound(desk.pump(subscription))), "agent",
                        outbox)
            await lifetime.close_if_expired(websocket)
            await standing.close_if_disabled(websocket)
    finally:
        sockets.discard(websocket)
        await presence.leave(socket_id)
        await _told(presence, signals, agent)
        await subscription.close()


async def _told(presence: Presence, signals: Signaller, agent: str) -> str:
    """The agent's status now, told to every desk's team list."""
    status = await presence.status_of(agent)
    await signals.signal(Signal(PRESENCE_STREAM, PRESENCE, agent, text=status))
    return status


def _assigning(bus: MessageBus, assignment: str) -> Trigger | None:
    """With CHAT_ASSIGNMENT=auto, an agent coming online may take waiting conversations."""
    if assignment != "auto":
        return None
    return lambda: bus.handle(commands.AssignWaiting())


def _still_active(accounts: AgentAccounts, agent: str) -> StillActive:
    async def check() -> bool:
        account = await accounts.get(agent)
        return account is not None and account.active

    return check


async def _credentials(websocket: WebSocket, tokens: TokenIssuer,
                       throttle: Throttle) -> tuple[str | None, datetime | None]:
    """The agent and when their access ends: from a single-use ticket (what the desk sends),
    or from the access token itself (the contract's original form)."""
    ticket = websocket.query_params.get("ticket", "")
    if ticket:
        claims = await redeem_ticket(tokens, throttle, ticket)
        return (claims.username, claims.access_expires_at) if claims else (None, None)
    token = websocket.query_params.get("token", "")
    agent = tokens.verify(token) if token else None
    return agent, tokens.expires_at(token) if agent else None
