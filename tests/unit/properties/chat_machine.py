"""A random-command state machine over ChatSession and Queue, driven through the MessageBus.

Each step runs one command (or two joins at once) to completion, policies included, then
checks the invariants against the committed event log, the replayed aggregates and the
read models. Subclasses choose the storage (in memory, SQLite).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

from adapters.memory.read_models import InMemoryReadModels
from application import commands as c
from application.errors import SessionNotFound
from application.messagebus import MessageBus
from application.ports import ReadModels, RecordedEvent
from application.projections import project
from domain.base import DomainError
from domain.chat_session import ChatSession, SessionStatus
from domain.errors import SessionAlreadyClosed
from domain.message import Sender
from domain.queue import QUEUE_STREAM, Queue
from domain.session_events import AgentJoined, SessionClosed, SessionEscalated

T = TypeVar("T")
AGENTS = ("sara", "omid")
TEXTS = ("hello", "what are your hours?", "I want to talk to a human",
         "مشکل با پرداخت دارم", "سلام، وقت می‌خواهم", "ok thanks")
CLIENT_IDS = st.one_of(st.none(), st.sampled_from(["c1", "c2", "c3"]))


class ChatMachine(RuleBasedStateMachine):
    """Subclasses set self.bus, self.read_models and implement committed_events()."""

    sessions = Bundle("sessions")

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.bus: MessageBus
        self.read_models: ReadModels
        self.closed: set[str] = set()
        self.keys: list[str] = []

    # -- plumbing -------------------------------------------------------------------------

    def run(self, work: Awaitable[T]) -> T:
        return self.loop.run_until_complete(work)

    async def _settled(self, command: c.Command) -> Any:
        try:
            return await self.bus.handle(command)
        except (DomainError, SessionNotFound) as refused:
            return refused
        finally:
            await self.bus.idle()

    def send(self, command: c.Command, key: str) -> Any:
        outcome = self.run(self._settled(command))
        if key in self.closed:
            assert isinstance(outcome, SessionAlreadyClosed), f"{command} accepted after close"
        return outcome

    async def committed_events(self) -> Sequence[RecordedEvent]:
        raise NotImplementedError

    def teardown(self) -> None:
        self.run(self.bus.idle())
        self.loop.close()

    # -- commands -------------------------------------------------------------------------

    @initialize(target=sessions)
    def first_visitor(self) -> str:
        return self._start()

    @rule(target=sessions)
    def start(self) -> str:
        return self._start()

    def _start(self) -> str:
        session = self.run(self._settled(c.StartSession()))
        self.keys.append(session.session_key)
        return str(session.session_key)

    @rule(key=sessions, text=st.sampled_from(TEXTS), client_id=CLIENT_IDS)
    def visitor_says(self, key: str, text: str, client_id: str | None) -> None:
        self.send(c.PostVisitorMessage(key, text, client_id), key)

    @rule(key=sessions)
    def escalate(self, key: str) -> None:
        self.send(c.EscalateSession(key, "visitor_request"), key)

    @rule(key=sessions, agent=st.sampled_from(AGENTS))
    def join(self, key: str, agent: str) -> None:
        self.send(c.JoinSession(key, agent), key)

    @rule(key=sessions)
    def two_agents_join_at_once(self, key: str) -> None:
        async def both() -> list[Any]:
            return list(await asyncio.gather(*(self._settled(c.JoinSession(key, a))
                                               for a in AGENTS)))
        outcomes = self.run(both())
        if key not in self.closed:
            joined = [o for o in outcomes if isinstance(o, ChatSession)]
            assert len({s.agent for s in joined}) <= 1, outcomes

    @rule(key=sessions, agent=st.sampled_from(AGENTS), client_id=CLIENT_IDS)
    def agent_says(self, key: str, agent: str, client_id: str | None) -> None:
        self.send(c.PostAgentMessage(key, agent, "let me check", client_id), key)

    @rule(key=sessions, by=st.sampled_from(("visitor", *AGENTS)))
    def close(self, key: str, by: str) -> None:
        outcome = self.send(c.CloseSession(key, by), key)
        if isinstance(outcome, ChatSession):
            self.closed.add(key)

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def log_replays_to_consistent_state(self) -> None:
        events = list(self.run(self.committed_events()))
        assert [r.position for r in events] == list(range(1, len(events) + 1))
        streams: dict[str, list[RecordedEvent]] = {}
        for recorded in events:
            streams.setdefault(recorded.stream_id, []).append(recorded)
        for stream in streams.values():
            assert [r.version for r in stream] == list(range(1, len(stream) + 1))
        queue = Queue.rehydrate(QUEUE_STREAM, [r.event for r in streams.get(QUEUE_STREAM, [])])
        waiting = {entry.session_key for entry in queue.entries}
        for key in self.keys:
            self._check_session(key, streams.get(f"session-{key}", []), waiting)
        self._check_read_models(events)

    def _check_session(self, key: str, stream: list[RecordedEvent], waiting: set[str]) -> None:
        kinds = [type(r.event) for r in stream]
        assert kinds.count(AgentJoined) <= 1, "two agents joined"
        if SessionClosed in kinds:
            assert kinds[-1] is SessionClosed, "events after close"
        session = ChatSession.rehydrate(f"session-{key}", [r.event for r in stream])
        assert session.version == len(stream)
        assert [m.seq for m in session.messages] == list(range(1, len(session.messages) + 1))
        queued = (SessionEscalated in kinds and AgentJoined not in kinds
                  and SessionClosed not in kinds)
        assert (session.status is SessionStatus.QUEUED) == queued == (key in waiting)
        assert (session.status is SessionStatus.CLOSED) == (key in self.closed)
        for sender in (Sender.USER, Sender.AGENT):
            ids = [m.client_id for m in session.messages if m.sender is sender and m.client_id]
            assert len(ids) == len(set(ids)), f"a {sender} client_id stored twice"
        view = self.run(self.read_models.session(key))
        assert view is not None
        assert (view.status, view.agent) == (session.status.value, session.agent)
        assert [(m.seq, m.sender, m.text) for m in view.messages] == [
            (m.seq, m.sender.value, m.text) for m in session.messages]

    def _check_read_models(self, events: list[RecordedEvent]) -> None:
        folded = InMemoryReadModels()
        self.run(project(folded, events))
        for key in self.keys:
            assert self.run(self.read_models.session(key)) == self.run(folded.session(key))
        assert self.run(self.read_models.queue()) == self.run(folded.queue())
        assert self.run(self.read_models.active_chats()) == self.run(folded.active_chats())

