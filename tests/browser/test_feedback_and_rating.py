"""Did this help? under the bot's answers, and the rating after an agent closed the
conversation, in a real browser against a real server, with what the desk shows."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.desk import Dashboard
from tests.browser.widget import TRACK_SOCKETS, Widget, answer_to

AgentAccount = Callable[[str], tuple[str, str]]
HOURS_FA = "ساعات کاری کلینیک چیست؟"


def test_a_persian_visitor_says_an_answer_did_not_help_and_is_offered_a_person(
        page: Page, pasokh: str, snapshot: Callable[[str], None]) -> None:
    page.goto(f"{pasokh}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    widget.ask(HOURS_FA)
    answer = widget.answer(answer_to(HOURS_FA))

    question = answer.get_by_role("group", name="این پاسخ کمک کرد؟")
    yes, no = question.get_by_role("button", name="بله"), question.get_by_role("button", name="نه")
    expect(yes).to_have_attribute("aria-pressed", "false")
    expect(no).to_have_attribute("aria-pressed", "false")
    expect(question).to_have_css("direction", "rtl")
    no.click()
    expect(no).to_have_attribute("aria-pressed", "true")
    offer = answer.locator(".feedback-offer")
    expect(offer).to_contain_text("می‌خواهید با یک کارشناس گفتگو کنید؟")
    # Right to left: "Did this help?" starts at the right, the choices follow to its left.
    words, first = question.locator(".feedback-question").bounding_box(), yes.bounding_box()
    assert words and first and first["x"] < words["x"]
    page.wait_for_function("() => window.__sockets.sent.some((f) => f.type === 'feedback')")
    snapshot("said-no")

    yes.click()  # a change of mind: the latest word counts
    expect(yes).to_have_attribute("aria-pressed", "true")
    expect(no).to_have_attribute("aria-pressed", "false")
    expect(offer).to_have_count(0)
    sent = page.evaluate("() => window.__sockets.sent.filter((f) => f.type === 'feedback')")
    assert [frame["helpful"] for frame in sent] == [False, True]

    page.reload()  # the server keeps it: a reload shows the same choice
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    answer = widget.answer(answer_to(HOURS_FA))
    expect(answer.get_by_role("button", name="بله")).to_have_attribute("aria-pressed", "true")

    answer.get_by_role("button", name="نه").click()
    answer.get_by_role("button", name="گفتگو با کارشناس").click()
    expect(widget.stored("user").locator(".bubble").last).to_have_text(
        "می‌خواهم با یک کارشناس گفتگو کنم")
    expect(widget.host.locator(".bar-queued")).to_be_visible()
    # The answer to the visitor's request for a person is a notice, not a bot answer.
    expect(widget.host.locator(".feedback")).to_have_count(1)


def test_bot_messages_that_only_offer_faqs_and_the_visitors_own_have_no_feedback(
        page: Page, pasokh: str) -> None:
    page.goto(f"{pasokh}/fa/")
    widget = Widget(page, open_label="باز کردن گفتگو")
    widget.open()
    widget.ask("ماشین رو کجا پارک کنم؟")
    expect(widget.stored("bot").locator("button.offer")).to_have_count(1)
    expect(widget.host.locator(".feedback")).to_have_count(0)


def test_after_an_agent_closes_the_visitor_rates_the_conversation_once_and_the_desk_sees_it(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None]) -> None:
    username, password = agent_account("sara")
    context = browser.new_context(viewport={"width": 1000, "height": 800}, locale="fa-IR")
    context.add_init_script(TRACK_SOCKETS)
    visitor = context.new_page()
    visitor.goto(f"{pasokh}/fa/")
    widget = Widget(visitor, open_label="باز کردن گفتگو")
    widget.open()
    widget.ask(HOURS_FA)
    answer = widget.answer(answer_to(HOURS_FA))
    answer.get_by_role("button", name="نه").click()
    answer.get_by_role("button", name="گفتگو با کارشناس").click()
    expect(widget.host.locator(".bar-queued")).to_be_visible()

    desk = Dashboard(page)
    desk.open(pasokh)
    desk.log_in(username, password)
    desk.logged_in()
    desk.queued("می‌خواهم با یک کارشناس گفتگو کنم").last.click()  # an earlier test queued one too
    expect(desk.messages.locator(".msg.from-bot .note-line")).to_have_text(
        "The visitor found this unhelpful")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(desk.reply_box).to_be_focused()
    desk.reply("سلام، سارا هستم. مشکل حل شد؟")
    expect(widget.stored("agent")).to_have_count(1)
    expect(widget.host.locator(".rating")).to_be_hidden()  # not while the agent is there
    page.get_by_role("button", name="Close conversation").click()

    stars = widget.host.get_by_role("radiogroup", name="امتیاز شما، از ۱ تا ۵ ستاره")
    expect(stars).to_be_visible()
    expect(widget.host.locator(".rating-title")).to_contain_text("چطور بود؟")
    expect(stars).to_have_css("direction", "rtl")
    one = stars.get_by_role("radio", name="۱ ستاره")
    five = stars.get_by_role("radio", name="۵ ستاره")
    first, last = one.bounding_box(), five.bounding_box()
    assert first and last and first["x"] > last["x"]  # right to left: one star on the right
    stars.get_by_role("radio", name="۴ ستاره").click()
    expect(stars.get_by_role("radio", name="۴ ستاره")).to_have_attribute("aria-checked", "true")
    expect(stars.locator(".star.lit")).to_have_count(4)
    comment = widget.host.get_by_role("textbox", name="اگر نکته‌ای دارید بنویسید (اختیاری)")
    comment.fill("سارا سریع و مهربان بود")
    expect(comment).to_have_attribute("dir", "rtl")
    visitor.screenshot(path=SCREENSHOTS / "rating-form-fa.png", animations="disabled")
    widget.host.get_by_role("button", name="ارسال امتیاز").click()

    expect(widget.host.locator(".rating-thanks")).to_have_text("از امتیاز شما سپاسگزاریم!")
    expect(stars).to_have_count(0)
    expect(desk.meta).to_contain_text("Rated 4/5: “\u2068سارا سریع و مهربان بود\u2069”")
    visitor.screenshot(path=SCREENSHOTS / "rating-thanks-fa.png", animations="disabled")
    snapshot("desk")

    visitor.reload()  # rated once: a reload does not ask again
    widget = Widget(visitor, open_label="باز کردن گفتگو")
    widget.open()
    expect(widget.host.get_by_text("این گفتگو به پایان رسید.")).to_be_visible()
    expect(widget.host.locator(".stars")).to_have_count(0)
    visitor.wait_for_function("() => window.__sockets.open().length === 1")
    sent = visitor.evaluate("() => window.__sockets.sent")
    assert not [frame for frame in sent if frame.get("type") == "rating"]  # after the reload
    context.close()
