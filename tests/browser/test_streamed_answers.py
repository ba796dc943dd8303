"""A model's answer grows on screen while it is written, and a draft the model doubts is
withdrawn: Chromium against a Pasokh whose model is a local fake server that streams."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.server import served_pasokh
from tests.browser.widget import Widget
from tests.integration.openai.fake_server import FakeOpenAIServer, Reply, answer

PERSIAN_QUESTION = "آیا می‌توانم گربه‌ام را هم با خودم به مطب بیاورم؟"
PERSIAN_ANSWER = ("متأسفانه ورود حیوانات خانگی به مطب ممکن نیست، اما می‌توانید او را در "
                  "خودرو یا نزد یکی از همراهان بگذارید. Pasokh همیشه در خدمت شماست.")


def slowly(reply: Reply) -> Reply:
    """Streamed in small pieces a quarter second apart, after a second of thought."""
    return Reply(reply.status, reply.body, reply.headers, delay_seconds=1.0, piece_chars=6,
                 piece_delay_seconds=0.25)


@pytest.fixture(scope="module")
def ai_pasokh(tmp_path_factory: pytest.TempPathFactory,
              running_openai_server: FakeOpenAIServer) -> Iterator[str]:
    settings = {"OPENAI_API_KEY": "sk-local", "OPENAI_BASE_URL": running_openai_server.base_url,
                "OPENAI_MODEL": "local-model", "OPENAI_MAX_RETRIES": "0"}
    with served_pasokh(tmp_path_factory.mktemp("served-ai"), settings) as base:
        yield base


@pytest.fixture
def model(running_openai_server: FakeOpenAIServer) -> Iterator[FakeOpenAIServer]:
    running_openai_server.reset()
    yield running_openai_server
    running_openai_server.reset()


def test_a_persian_answer_grows_right_to_left_while_written_then_stays_as_stored(
        page: Page, ai_pasokh: str, model: FakeOpenAIServer,
        snapshot: Callable[[str], None]) -> None:
    model.script(slowly(answer(PERSIAN_ANSWER, 0.9)))
    page.goto(f"{ai_pasokh}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    widget.ask(PERSIAN_QUESTION)

    expect(widget.host.locator(".typing")).to_contain_text("دستیار در حال نوشتن است…")
    draft = widget.host.locator(".is-draft .bubble")
    expect(draft).to_contain_text("متأسفانه ورود")  # the first words, long before the rest
    expect(widget.host.locator(".typing")).to_be_hidden()
    written = draft.text_content() or ""
    assert 0 < len(written) < len(PERSIAN_ANSWER)
    expect(draft).to_have_attribute("dir", "rtl")
    expect(draft).to_have_css("direction", "rtl")
    expect(widget.stored("bot")).to_have_count(0)
    snapshot("growing")

    stored = widget.answer(PERSIAN_ANSWER)  # the stored message takes the draft's place
    expect(stored).to_have_attribute("data-source", "ai")
    expect(widget.host.locator(".is-draft")).to_have_count(0)
    assert page.evaluate("() => window.__sockets.all.length") == 1  # one socket all along


def test_a_draft_the_model_doubts_is_withdrawn_and_a_person_is_promised(
        page: Page, ai_pasokh: str, model: FakeOpenAIServer,
        snapshot: Callable[[str], None]) -> None:
    model.script(slowly(answer("Perhaps the cat may come, I am not sure at all.", 0.2)))
    page.goto(f"{ai_pasokh}/")
    widget = Widget(page)
    widget.open()
    widget.ask("Can my cat come with me to the visit?")

    draft = widget.host.locator(".is-draft .bubble")
    expect(draft).to_contain_text("Perhaps the cat")
    snapshot("draft")
    expect(widget.host.locator(".bar-queued")).to_be_visible()
    expect(widget.host.locator(".is-draft")).to_have_count(0)
    expect(widget.stored("system")).to_have_count(1)
    expect(widget.host.locator('.msg[data-source="ai"]')).to_have_count(0)
