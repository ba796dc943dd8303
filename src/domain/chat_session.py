"""The ChatSession aggregate: one visitor's conversation with the bot and, maybe, an agent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from functools import singledispatchmethod

from domain.agent_load import ChatLimit
from domain.base import Aggregate, DomainEvent
from domain.contact import Contact
from domain.errors import (
    AlreadyAssigned,
    AlreadyEscalated,
    BotSilenced,
    NoEmailToSendTo,
    NotABotMessage,
    NotAssignedAgent,
    NotRatable,
    SessionAlreadyClosed,
)
from domain.handoff import BY_MODEL, trimmed
from domain.message import Message, Offer, Sender, Source, clean_client_id, clean_text
from domain.rating import Rating, clean_comment, clean_score
from domain.session_events import (
    AgentJoined,
    AgentMessagePosted,
    AnswerFeedbackGiven,
    BotAnswered,
    ContactLeft,
    ConversationRated,
    HandoffSummarized,
    MailQueued,
    MailSent,
    NoteLeft,
    SessionClosed,
    SessionEscalated,
    SessionReturnedToQueue,
    SessionStarted,
    SessionTransferred,
    SystemMessagePosted,
    VisitorMessagePosted,
)
from domain.transfer import Handover, TransferTarget
from domain.visitor_context import VisitorContext


class SessionStatus(StrEnum):
    BOT = "bot"
    QUEUED = "queued"
    WITH_AGENT = "with_agent"
    CLOSED = "closed"


STATUS_AFTER: dict[type[DomainEvent], SessionStatus] = {
    SessionEscalated: SessionStatus.QUEUED,
    AgentJoined: SessionStatus.WITH_AGENT,
    SessionTransferred: SessionStatus.WITH_AGENT,
    SessionReturnedToQueue: SessionStatus.QUEUED,
    SessionClosed: SessionStatus.CLOSED,
}
"""The events that change a session's status (it starts with the bot), and the status each
leaves it in."""


def status_after(event: DomainEvent) -> SessionStatus | None:
    """The status a session has after this event, or None when the event leaves it as is."""
    return STATUS_AFTER.get(type(event))


def agent_after(event: DomainEvent, before: str | None) -> str | None:
    """The agent holding the session after this event (`before`: who held it until then)."""
    match event:
        case AgentJoined(agent=agent) | SessionTransferred(to_agent=agent):
            return agent
        case SessionReturnedToQueue():
            return None
    return before


SESSION_STREAM_PREFIX = "session-"


def stream_id_for(session_key: str) -> str:
    return f"{SESSION_STREAM_PREFIX}{session_key}"


def session_key_in(stream_id: str) -> str | None:
    """The session key of a session's stream id; None for any other stream."""
    if not stream_id.startswith(SESSION_STREAM_PREFIX):
        return None
    return stream_id.removeprefix(SESSION_STREAM_PREFIX)


def ensure_agent_may_act(status: SessionStatus, holder: str | None, agent: str) -> None:
    """An agent acts in a conversation (writes, types) only while it is open and theirs."""
    if status is SessionStatus.CLOSED:
        raise SessionAlreadyClosed("the session is closed")
    if agent != holder:
        raise NotAssignedAgent(f"{agent} has not joined this session")


class ChatSession(Aggregate):
    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.session_key = ""
        self.status = SessionStatus.BOT
        self.agent: str | None = None
        self.escalation_reason: str | None = None
        self.flood = False  # escalated from a network over its limit: waits behind the rest
        self.started_at: datetime | None = None
        self.origin: str | None = None  # a tag of the visitor's network (SessionStarted)
        self.visitor_id: str | None = None  # the widget's id for the visitor's browser
        self.context: VisitorContext | None = None  # page, referrer, locale, user agent
        self.summary: str | None = None  # what the visitor wants, for the agent (handoff)
        self.summary_by: str | None = None  # who wrote it: the model, or the conversation
        self.messages: list[Message] = []
        self._by_client_id: dict[tuple[Sender, str], Message] = {}
        self._answers: dict[int, Message] = {}  # question seq -> the bot's reply to it
        self.feedback: dict[str, bool] = {}  # bot message id -> helpful, the latest said
        self.rating: Rating | None = None
        self.notes: list[str] = []  # the ids of the agents' notes, never the visitor's to see
        self.contact: Contact | None = None
        self.mails: dict[str, MailQueued] = {}  # mail id -> the mail owed, in order
        self.mails_sent: set[str] = set()

    # -- commands -------------------------------------------------------------------------

    @classmethod
    def start(cls, session_key: str, at: datetime, origin: str | None = None,
              visitor_id: str | None = None,
              context: VisitorContext | None = None) -> ChatSession:
        session = cls(stream_id_for(session_key))
        session._record(SessionStarted(session_key=session_key, at=at, origin=origin,
                                       visitor_id=visitor_id, context=context))
        return session

    def post_visitor_message(
        self, message_id: str, text: str, client_id: str | None, at: datetime,
        faq_id: str | None = None,
    ) -> Message:
        """Store the visitor's text; a repeated client_id returns the stored message unchanged.
        faq_id: the FAQ the visitor chose among the bot's suggestions."""
        self._ensure_open()
        client_id = clean_client_id(client_id)
        if client_id and (Sender.USER, client_id) in self._by_client_id:
            return self._by_client_id[(Sender.USER, client_id)]
        self._record(
            VisitorMessagePosted(
                message_id=message_id,
                seq=self.next_seq,
                text=clean_text(text),
                client_id=client_id,
                at=at,
                faq_id=faq_id,
            )
        )
        return self.messages[-1]

    def answer(
        self,
        message_id: str,
        text: str,
        source: Source,
        faq_id: str | None,
        confidence: float | None,
        in_reply_to: int,
        at: datetime,
        suggestions: Sequence[Offer] = (),
        citations: Sequence[str] = (),
    ) -> Message:
        """Reply to the visitor's message in_reply_to; a message already replied to keeps its
        one reply, returned unchanged (a repaired reaction may race the original one)."""
        self._ensure_open()
        if self.status is not SessionStatus.BOT:
            raise BotSilenced(f"the session is {self.status}")
        if in_reply_to in self._answers:
            return self._answers[in_reply_to]
        self._record(
            BotAnswered(
                message_id=message_id,
                seq=self.next_seq,
                text=clean_text(text),
                source=source.value,
                faq_id=faq_id,
                confidence=confidence,
                in_reply_to=in_reply_to,
                at=at,
                suggestions=tuple(suggestions),
                citations=tuple(citations),
            )
        )
        return self.messages[-1]

    def escalate(self, reason: str, notice_id: str, notice: str, at: datetime,
                 flood: bool = False) -> None:
        """Hand the conversation to people: status `queued` and a system message saying so.
        flood: its network is over its escalation limit; it waits behind the others."""
        self._ensure_open()
        if self.status is not SessionStatus.BOT:
            raise AlreadyEscalated(f"the session is {self.status}")
        self._record(SessionEscalated(reason=reason, at=at, flood=flood))
        self._post_system(notice_id, notice, at)

    def summarize_handoff(self, summary: str, by: str, at: datetime) -> bool:
        """Say in a line what the visitor wants, once the conversation went to people. The
        line built from the conversation comes first (the queue never waits for a model) and
        is never replaced by another; the model's replaces it, once. False: nothing recorded
        (a repeated reaction, or an empty line)."""
        if self.status is SessionStatus.BOT or self.summary_by == BY_MODEL:
            return False
        if by != BY_MODEL and self.summary is not None:
            return False
        text = trimmed(summary)
        if not text:
            return False
        self._record(HandoffSummarized(summary=text, by=by, at=at))
        return True

    def join(self, agent: str, notice_id: str, notice: str, at: datetime) -> None:
        """Take the session; joining again a session one already holds changes nothing."""
        self._ensure_open()
        if self.agent == agent:
            return
        if self.agent is not None:
            raise AlreadyAssigned(f"the session is with {self.agent}")
        self._record(AgentJoined(agent=agent, at=at))
        self._post_system(notice_id, notice, at)

    def transfer(self, handover: Handover, target: TransferTarget, limit: ChatLimit,
                 notice_id: str, notice: str, at: datetime) -> None:
        """Hand the conversation to another agent, online with room under `limit`; handing
        it to the agent who holds it changes nothing."""
        self._ensure_open()
        holder = handover.ensure_allowed(self.agent)
        if target.agent == holder:
            return
        target.ensure_can_take_one(limit)
        self._record(SessionTransferred(from_agent=holder, to_agent=target.agent,
                                        by=handover.by, at=at))
        self._post_system(notice_id, notice, at)

    def return_to_queue(self, handover: Handover, notice_id: str, notice: str,
                        at: datetime) -> None:
        """Put the conversation back in the queue, `queued` with nobody holding it."""
        self._ensure_open()
        holder = handover.ensure_allowed(self.agent)
        self._record(SessionReturnedToQueue(from_agent=holder, by=handover.by, at=at))
        self._post_system(notice_id, notice, at)

    def post_agent_message(
        self, agent: str, message_id: str, text: str, client_id: str | None, at: datetime
    ) -> Message:
        ensure_agent_may_act(self.status, self.agent, agent)
        client_id = clean_client_id(client_id)
        if client_id and (Sender.AGENT, client_id) in self._by_client_id:
            return self._by_client_id[(Sender.AGENT, client_id)]
        self._record(
            AgentMessagePosted(
                message_id=message_id,
                seq=self.next_seq,
                agent=agent,
                text=clean_text(text),
                client_id=client_id,
                at=at,
            )
        )
        return self.messages[-1]

    def leave_note(self, agent: str, note_id: str, text: str, at: datetime) -> NoteLeft:
        """Any agent may leave a note while the conversation is open (before joining it,
        too: a teammate's hint); a closed conversation takes no more notes."""
        self._ensure_open()
        note = NoteLeft(note_id=note_id, agent=agent, text=clean_text(text),
                        after_seq=self.next_seq - 1, at=at)
        self._record(note)
        return note

    def close(self, closed_by: str, at: datetime) -> None:
        """End the conversation; once an agent holds it, only that agent may end it."""
        self._ensure_open()
        if self.agent is not None and closed_by != self.agent:
            raise NotAssignedAgent(f"{closed_by} has not joined this session")
        self._record(SessionClosed(closed_by=closed_by, at=at))

    def give_feedback(self, message_id: str, helpful: bool, at: datetime) -> None:
        """Whether a bot message helped; saying the same again changes nothing. Allowed after
        the conversation closed too: an answer can be judged later."""
        # a scan, not an index: feedback is rare, and conversations are kept in memory
        message = next((m for m in reversed(self.messages) if m.id == message_id), None)
        if message is None or message.sender is not Sender.BOT:
            raise NotABotMessage(f"no message of the bot has the id {message_id!r}")
        if self.feedback.get(message_id) is helpful:
            return
        self._record(AnswerFeedbackGiven(message_id=message_id, seq=message.seq,
                                         helpful=helpful, at=at))

    def rate(self, score: int, comment: str | None, at: datetime) -> Rating:
        """Once, after the conversation with an agent closed; the rating as recorded."""
        if self.status is not SessionStatus.CLOSED or self.agent is None:
            raise NotRatable("only a conversation with an agent, once closed, can be rated")
        if self.rating is not None:
            raise NotRatable("this conversation has been rated already")
        self._record(ConversationRated(score=clean_score(score), comment=clean_comment(comment),
                                       at=at))
        assert self.rating is not None
        return self.rating

    def leave_contact(self, contact: Contact, offline: bool, at: datetime,
                      notify: str | None = None) -> None:
        """A way to reach the visitor; leaving the same again records nothing. Left while
        offline, with a team address to `notify`, it owes the team an email."""
        self._ensure_open()
        if contact == self.contact:
            return
        self._record(ContactLeft(name=contact.name, email=contact.email, phone=contact.phone,
                                 offline=offline, at=at))
        if offline and notify:
            self._owe_mail("contact_notice", notify, "en", at)

    def mail_transcript(self, lang: str, at: datetime) -> MailQueued:
        """Owe the visitor their transcript, at the email they left."""
        if self.contact is None or self.contact.email is None:
            raise NoEmailToSendTo("leave an email first: the transcript is mailed there")
        return self._owe_mail("transcript", self.contact.email, lang, at)

    def mail_sent(self, mail_id: str, at: datetime) -> None:
        """The mail server took it; said again (a retry that crossed a restart), nothing."""
        if mail_id not in self.mails:
            raise KeyError(mail_id)
        if mail_id not in self.mails_sent:
            self._record(MailSent(mail_id=mail_id, at=at))

    @property
    def unsent_mails(self) -> list[MailQueued]:
        return [m for m in self.mails.values() if m.mail_id not in self.mails_sent]

    def _owe_mail(self, kind: str, to: str, lang: str, at: datetime) -> MailQueued:
        mail_id = f"{kind}-{len(self.mails) + 1}"
        self._record(MailQueued(mail_id=mail_id, kind=kind, to=to, lang=lang, at=at))
        return self.mails[mail_id]

    # -- queries --------------------------------------------------------------------------

    @property
    def next_seq(self) -> int:
        return len(self.messages) + 1

    def message(self, seq: int) -> Message | None:
        return self.messages[seq - 1] if 0 < seq <= len(self.messages) else None

    @property
    def unanswered_questions(self) -> list[Message]:
        """The visitor's messages the bot has not replied to (all of them, once with people)."""
        return [m for m in self.messages if m.sender is Sender.USER and m.seq not in self._answers]

    @property
    def last_visitor_seq(self) -> int:
        return max((m.seq for m in self.messages if m.sender is Sender.USER), default=0)

    # -- helpers --------------------------------------------------------------------------

    def _ensure_open(self) -> None:
        if self.status is SessionStatus.CLOSED:
            raise SessionAlreadyClosed("the session is closed")

    def _post_system(self, message_id: str, text: str, at: datetime) -> None:
        self._record(
            SystemMessagePosted(message_id=message_id, seq=self.next_seq, text=text, at=at)
        )

    def _add_message(self, message: Message) -> None:
        self.messages.append(message)
        if message.client_id:
            self._by_client_id[(message.sender, message.client_id)] = message

    # -- state changes: the only place state is assigned, for live changes and replay -----

    @singledispatchmethod
    def _apply(self, event: DomainEvent) -> None:
        raise TypeError(f"ChatSession cannot apply {type(event).__name__}")

    @_apply.register
    def _(self, event: SessionStarted) -> None:
        self.session_key = event.session_key
        self.started_at = event.at
        self.origin = event.origin
        self.visitor_id = event.visitor_id
        self.context = event.context

    @_apply.register
    def _(self, event: VisitorMessagePosted) -> None:
        self._add_message(
            Message(event.message_id, event.seq, Sender.USER, event.text, None, event.faq_id,
                    event.at, event.client_id)
        )

    @_apply.register
    def _(self, event: BotAnswered) -> None:
        self._add_message(
            Message(event.message_id, event.seq, Sender.BOT, event.text, Source(event.source),
                    event.faq_id, event.at, None, suggestions=event.suggestions,
                    citations=event.citations)
        )
        self._answers.setdefault(event.in_reply_to, self.messages[-1])

    @_apply.register
    def _(self, event: SystemMessagePosted) -> None:
        self._add_message(
            Message(event.message_id, event.seq, Sender.SYSTEM, event.text, Source.SYSTEM,
                    None, event.at, None)
        )

    @_apply.register
    def _(self, event: AgentMessagePosted) -> None:
        self._add_message(
            Message(event.message_id, event.seq, Sender.AGENT, event.text, Source.AGENT,
                    None, event.at, event.client_id, agent=event.agent)
        )

    @_apply.register
    def _(self, event: SessionEscalated) -> None:
        self.status = STATUS_AFTER[SessionEscalated]
        self.escalation_reason = event.reason
        self.flood = event.flood

    @_apply.register
    def _(self, event: HandoffSummarized) -> None:
        self.summary = event.summary
        self.summary_by = event.by

    @_apply.register
    def _(self, event: AgentJoined) -> None:
        self.status = STATUS_AFTER[AgentJoined]
        self.agent = event.agent

    @_apply.register
    def _(self, event: SessionTransferred) -> None:
        self.status = STATUS_AFTER[SessionTransferred]
        self.agent = event.to_agent

    @_apply.register
    def _(self, event: SessionReturnedToQueue) -> None:
        self.status = STATUS_AFTER[SessionReturnedToQueue]
        self.agent = None

    @_apply.register
    def _(self, event: SessionClosed) -> None:
        self.status = STATUS_AFTER[SessionClosed]

    @_apply.register
    def _(self, event: AnswerFeedbackGiven) -> None:
        self.feedback[event.message_id] = event.helpful

    @_apply.register
    def _(self, event: NoteLeft) -> None:
        self.notes.append(event.note_id)

    @_apply.register
    def _(self, event: MailQueued) -> None:
        self.mails[event.mail_id] = event

    @_apply.register
    def _(self, event: MailSent) -> None:
        self.mails_sent.add(event.mail_id)

    @_apply.register
    def _(self, event: ContactLeft) -> None:
        self.contact = Contact(event.name, event.email, event.phone)

    @_apply.register
    def _(self, event: ConversationRated) -> None:
        self.rating = Rating(event.score, event.comment, event.at)
