"""Transfer and return in the desk (ADR 0047): sara hands a conversation to her colleague
امید, listed by display name among the agents online; امید's desk (in Persian) gets it with
its messages, and puts it back at the head of the queue."""

from __future__ import annotations

import json
import secrets
import urllib.request
from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.desk import Dashboard
from tests.browser.test_dashboard_chat import visitor_escalates

AgentAccount = Callable[[str], tuple[str, str]]


def api(base: str, path: str, body: dict[str, str], token: str | None = None) -> object:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{base}{path}", json.dumps(body).encode(), headers)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our server)
        return json.loads(response.read())


def colleague(base: str, admin: tuple[str, str], display_name: str) -> tuple[str, str]:
    """An agent (not an admin) made by the admin through the API: (username, password)."""
    login = api(base, "/chat/api/auth/login/", {"username": admin[0], "password": admin[1]})
    assert isinstance(login, dict)
    username, password = f"omid-{secrets.token_hex(3)}", f"pw-{secrets.token_urlsafe(12)}"
    api(base, "/chat/api/admin/agents/", {"username": username, "password": password,
                                          "display_name": display_name, "role": "agent"},
        login["access_token"])
    return username, password


def test_an_agent_hands_a_conversation_to_a_colleague_who_puts_it_back_in_the_queue(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None]) -> None:
    problem = f"مشکل پرداخت دارم {secrets.token_hex(2)}"
    visitor, widget = visitor_escalates(browser, pasokh, problem)
    sara_account = agent_account("sara")
    sara = Dashboard(page)
    sara.open(pasokh)
    sara.log_in(*sara_account)
    sara.logged_in()
    sara.queued(problem).click()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(sara.reply_box).to_be_focused()
    sara.reply_box.fill("Let me check this for you")
    sara.reply_box.press("Enter")
    expect(sara.bubble("agent").last).to_have_text("Let me check this for you")
    key = sara.active.locator("button.item[aria-current=true]").get_attribute("data-key")
    chat = f"button.item[data-key='{key}']"

    with browser.new_context(locale="fa-IR", viewport={"width": 1280, "height": 800}) as other:
        other.add_init_script("localStorage.setItem('pasokh-desk:lang', 'fa')")
        omid_page = other.new_page()
        omid = Dashboard(omid_page)
        omid.open(pasokh)
        account = colleague(pasokh, sara_account, "امید")
        omid_page.get_by_label("نام کاربری", exact=True).fill(account[0])
        omid_page.get_by_label("گذرواژه", exact=True).fill(account[1])
        omid_page.get_by_role("button", name="ورود").click()
        expect(omid_page.locator("#conn")).to_have_text("متصل")
        # the snapshot: the server counts omid online before it sends it
        expect(omid_page.locator("#me")).to_have_text(f"وارد شده با نام {account[0]}")

        page.get_by_role("button", name="Transfer").click()
        expect(page.get_by_role("heading", name="Hand this conversation to a colleague "
                                                "online:")).to_be_focused()
        to_omid = page.get_by_role("button", name="Hand to امید")
        expect(to_omid).to_have_text("امید")
        snapshot("transfer-panel")
        to_omid.click()
        expect(page.locator("#transfer-panel")).to_be_hidden()
        expect(page.locator("#announcer")).to_have_text("The conversation went to امید.")
        # agents read each other's display names, never usernames
        expect(sara.active.locator(f"{chat} .chip")).to_have_text("with امید")
        expect(sara.reply_box).to_be_hidden()

        expect(omid.active.locator(f"{chat} .chip")).to_have_text("شما")
        omid.active.locator(chat).click()
        expect(omid.bubble("system").last).to_have_text("گفتگوی شما به امید سپرده شد.")
        expect(omid.bubble("user").first).to_have_text(problem)
        # sara's reply is still hers on the desk of the one who holds it now
        expect(omid_page.locator("#messages li.from-agent .who").first).to_have_text(
            sara_account[0])
        expect(widget.stored("system").last).to_contain_text("گفتگوی شما به امید سپرده شد.")
        visitor.locator("body").screenshot(path=SCREENSHOTS / "transfer-visitor-told.png")

        widget.ask("هنوز اینجا هستید؟")
        expect(omid.bubble("user").last).to_have_text("هنوز اینجا هستید؟")
        omid_page.locator("#reply").fill("بله، در خدمتم")
        omid_page.locator("#reply").press("Enter")
        expect(widget.stored("agent").locator(".bubble").last).to_have_text("بله، در خدمتم")
        omid_page.screenshot(path=SCREENSHOTS / "transfer-new-owner-fa.png")

        waiting = f"I want to talk to a human {secrets.token_hex(2)}"
        second, _ = visitor_escalates(browser, pasokh, waiting)
        expect(sara.queued(waiting)).to_have_count(1)
        omid_page.get_by_role("button", name="واگذاری").click()
        omid_page.get_by_role("button", name="بازگشت به صف").click()
        expect(omid_page.locator("#transfer")).to_be_hidden()  # not omid's any more
        expect(sara.queue.locator(f"{chat} .pos")).to_have_text("#1")  # ahead of everyone
        expect(sara.queued(waiting).locator(".pos")).not_to_have_text("#1")
        expect(widget.host.locator(".bar-queued")).to_be_visible()
        snapshot("back-at-the-head-of-the-queue")
        omid_page.screenshot(path=SCREENSHOTS / "transfer-returned-fa.png")
        second.context.close()
    visitor.context.close()
