"""The conversation as text: who wrote what and when, oldest first, in the visitor's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from application.transcript import transcript, transcript_filename
from application.views import MessageView, SessionView

START = datetime(2026, 1, 2, 7, 0, tzinfo=UTC)


def message(seq: int, sender: str, text: str, agent: str | None = None) -> MessageView:
    return MessageView(f"m{seq}", seq, sender, text, None, None,
                       START + timedelta(minutes=seq), None, agent)


VIEW = SessionView("AbCdEfGh-rest-of-the-key", "closed", "sara", START, None, [
    message(1, "user", "ساعت کاری کلینیک چیست؟"),
    message(2, "bot", "شنبه تا چهارشنبه\nساعت ۹ تا ۱۷"),
    message(3, "system", "A person will reply."),
    message(4, "agent", "Hello!", agent="sara"),
])


def test_each_message_has_its_time_and_speaker_and_agents_their_display_names() -> None:
    assert transcript(VIEW, "en", {"sara": "Sara Ahmadi"}) == (
        "Conversation AbCdEfGh\n"
        "Started: 2026-01-02 07:00 UTC\n"
        "\n"
        "[2026-01-02 07:01 UTC] You: ساعت کاری کلینیک چیست؟\n"
        "[2026-01-02 07:02 UTC] Assistant: شنبه تا چهارشنبه\n"
        "    ساعت ۹ تا ۱۷\n"
        "[2026-01-02 07:03 UTC] Notice: A person will reply.\n"
        "[2026-01-02 07:04 UTC] Sara Ahmadi: Hello!\n")


def test_persian_labels_and_an_empty_conversation() -> None:
    text = transcript(VIEW, "fa")
    assert "] شما: ساعت کاری" in text and "] دستیار: شنبه" in text and "] sara: Hello!" in text
    empty = SessionView("k" * 32, "bot", None, START, None, [])
    assert transcript(empty, "fa").endswith("(پیامی نیست)\n")


def test_the_file_is_named_after_the_day_and_the_key() -> None:
    assert transcript_filename(VIEW) == "conversation-2026-01-02-AbCdEfGh.txt"
