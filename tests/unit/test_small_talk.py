"""Small talk: greetings, thanks, goodbyes and acknowledgements get Pasokh's own reply, in
the visitor's language, in the commit of the message; no FAQ, no model (domain.small_talk)."""

from __future__ import annotations

import pytest

from adapters.memory.event_store import InMemoryEventWriter
from application.handlers import answering
from application.insights.conversations import Conversations
from application.ports import DraftReply
from application.services import ChatRules
from application.texts import say
from domain.session_events import BotAnswered, VisitorMessagePosted
from domain.small_talk import SmallTalk, small_talk
from tests.unit.fakes import ScriptedResponder, build_app
from tests.unit.test_conversation_flow import BOOKING, ask, started


@pytest.mark.parametrize(("text", "kind"), [
    ("سلام", SmallTalk.GREETING),
    ("سلام، وقتتون بخیر 🌹", SmallTalk.GREETING),
    ("سلام خسته نباشید", SmallTalk.GREETING),
    ("Hello there!", SmallTalk.GREETING),
    ("salam khubid?", SmallTalk.GREETING),
    ("خیلی ممنون", SmallTalk.THANKS),
    ("دستت درد نكنه", SmallTalk.THANKS),  # Arabic kaf
    ("مرسی، خیلی کمک کرد", SmallTalk.THANKS),
    ("Thank you very much!", SmallTalk.THANKS),
    ("ok thanks", SmallTalk.THANKS),
    ("ممنون، خداحافظ", SmallTalk.GOODBYE),
    ("thanks, bye", SmallTalk.GOODBYE),
    ("شب بخیر", SmallTalk.GOODBYE),  # not a greeting, though بخیر is
    ("good night", SmallTalk.GOODBYE),
    ("باشه", SmallTalk.ACKNOWLEDGEMENT),
    ("آهان، متوجه شدم", SmallTalk.ACKNOWLEDGEMENT),
    ("got it", SmallTalk.ACKNOWLEDGEMENT),
])
def test_a_message_that_is_only_small_talk_is_told_by_its_kind(text: str,
                                                                 kind: SmallTalk) -> None:
    assert small_talk(text) is kind


@pytest.mark.parametrize("text", [
    "سلام، ساعت کاری شما چیه؟",  # a greeting with a question is a question
    "hi, what are your opening hours?",
    "سلام میخواستم بدونم هزینه ارسال چقدره",
    "ممنون ولی جواب سوالم رو ندادید",
    "thanks but that did not help",
    "خسته شدم",  # only words that may stand beside small talk: no greeting in it
    "how are you",
    "بله", "نه", "good", "صبح",
    "😊", "??", "",
    "hi " * 11,  # longer than small talk runs
])
def test_anything_more_is_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


async def test_small_talk_is_answered_in_its_own_commit_without_the_faq_or_the_model(
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = build_app(ScriptedResponder())  # a model is configured
    await app.bus.handle(BOOKING)
    key = await started(app)
    appends: list[list[type]] = []
    write = InMemoryEventWriter.write

    async def noted_write(writer, batch, metadata):
        appends.extend([type(event) for event in append.events] for append in batch)
        return await write(writer, batch, metadata)

    monkeypatch.setattr(InMemoryEventWriter, "write", noted_write)
    await ask(app, key, "سلام وقت بخیر")
    await ask(app, key, "thanks, bye")
    assert appends == [[VisitorMessagePosted, BotAnswered]] * 2
    view = await app.read_models.session(key)
    assert view is not None
    assert [(m.sender, m.source, m.faq_id, m.text) for m in view.messages[1::2]] == [
        ("bot", "system", None, say("small_talk_greeting", "fa")),
        ("bot", "system", None, say("small_talk_goodbye", "en"))]
    assert app.responder.asked == []


async def test_a_greeting_with_a_question_is_answered_as_a_question() -> None:
    app = build_app()
    faq = await app.bus.handle(BOOKING)
    key = await started(app)
    await ask(app, key, "Hi! How can I book an appointment?")
    view = await app.read_models.session(key)
    assert view is not None
    assert (view.messages[-1].source, view.messages[-1].faq_id) == ("faq", faq.id)


async def test_a_reaction_repeated_after_a_crash_replies_to_small_talk_too() -> None:
    """A message stored without its reply (the process died in between): the reconciler runs
    the answering policy for it with nothing handed over, and it replies as the command would
    have."""
    app = build_app(ScriptedResponder())
    key = await started(app)

    async def store_only(uow):
        session = await uow.session(key)
        session.post_visitor_message("m-lost", "hello", None, app.services.clock.now())

    await app.services.in_transaction(store_only)
    [lost] = [r.event for r in app.log.records if isinstance(r.event, VisitorMessagePosted)]
    view = await app.read_models.session(key)
    assert view is not None and len(view.messages) == 1  # no reply yet
    await answering.answer(key, lost, app.services)
    view = await app.read_models.session(key)
    assert view is not None
    assert [(m.sender, m.source, m.text) for m in view.messages[1:]] == [
        ("bot", "system", say("small_talk_greeting", "en"))]
    assert app.responder.asked == []


def test_insights_count_no_small_talk_pasokh_replied_to_as_a_question() -> None:
    from datetime import UTC, datetime

    from domain.session_events import SessionStarted

    at = datetime(2026, 12, 4, tzinfo=UTC)
    conversations = Conversations()
    stream = "session-k1"
    conversations.fold(stream, 1, SessionStarted(session_key="k1", at=at))
    replies = [("سلام", "system"), ("ساعت کاری شما چیه؟", "ai"),
               ("ممنون", "system"),
               ("ساعت کاری شما چیه؟", "system"),  # a refusal (AI budget spent): a question
               ("hello", "ai")]  # small talk the model answered (CHAT_SMALL_TALK=false)
    for n, (text, source) in enumerate(replies):
        seq = 2 * n + 1
        conversations.fold(stream, 2 * seq, VisitorMessagePosted(
            message_id=f"m{seq}", seq=seq, text=text, client_id=None, at=at))
        conversations.fold(stream, 2 * seq + 1, BotAnswered(
            message_id=f"b{seq}", seq=seq + 1, text="...", source=source, faq_id=None,
            confidence=None, in_reply_to=seq, at=at))
    assert [q.text for q in conversations.by_key["k1"].questions] == [
        "ساعت کاری شما چیه؟", "ساعت کاری شما چیه؟", "hello"]


async def test_with_small_talk_turned_off_it_is_decided_like_a_question() -> None:
    """CHAT_SMALL_TALK=false: a site with a model that should greet in its own voice."""
    app = build_app(ScriptedResponder([DraftReply("Hi! I'm Nik's assistant.", 0.9)]),
                    rules=ChatRules(small_talk=False))
    key = await started(app)
    await ask(app, key, "hello")
    view = await app.read_models.session(key)
    assert view is not None
    assert [(m.sender, m.source, m.text) for m in view.messages[1:]] == [
        ("bot", "ai", "Hi! I'm Nik's assistant.")]
    assert [question for question, _, _ in app.responder.asked] == ["hello"]


async def test_the_setting_reaches_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from entrypoints.container import create_container
    from entrypoints.settings import Settings

    monkeypatch.setenv("PASOKH_STORAGE", "memory")
    monkeypatch.delenv("CHAT_SMALL_TALK", raising=False)
    rules = create_container(Settings(_env_file=None)).services().rules  # type: ignore[call-arg]
    assert rules.small_talk is True
    monkeypatch.setenv("CHAT_SMALL_TALK", "false")
    rules = create_container(Settings(_env_file=None)).services().rules  # type: ignore[call-arg]
    assert rules.small_talk is False
