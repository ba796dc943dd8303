"""The team page: an admin adds an agent and disables them; the agent's desk shows no admin
work, and closes the moment the account is disabled."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.desk import Dashboard

AgentAccount = Callable[[str], tuple[str, str]]


def test_an_admin_adds_an_agent_who_is_signed_out_when_disabled(
        page: Page, browser: Browser, pasokh: str, agent_account: AgentAccount,
        snapshot: Callable[[str], None]) -> None:
    admin = Dashboard(page)
    admin.open(pasokh)
    admin.log_in(*agent_account("sara"))
    admin.logged_in()
    page.get_by_role("button", name="Team").click()
    expect(page.get_by_role("heading", name="Team")).to_be_focused()

    username, password = f"omid-{secrets.token_hex(3)}", "omid-has-a-long-password"
    page.get_by_role("button", name="Add a person").click()
    expect(page.get_by_label("Username (to sign in)")).to_be_focused()
    page.get_by_label("Username (to sign in)").fill(username)
    page.get_by_label("Name shown to visitors").fill("امید")
    page.get_by_label("Password (12 characters or more)").fill("short")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#team-error")).to_contain_text("password")
    page.get_by_label("Password (12 characters or more)").fill(password)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="was added")).to_have_text(
        "امید was added to the team.")
    row = page.locator("#team-rows tr").filter(has_text=username)
    expect(row).to_contain_text("Agent")
    expect(row).to_contain_text("Offline")

    with browser.new_context(locale="en-US") as other:
        agent_page = other.new_page()
        agent = Dashboard(agent_page)
        agent.open(pasokh)
        agent.log_in(username, password)
        agent.logged_in()
        expect(agent_page.get_by_role("button", name="FAQs")).to_be_visible()
        expect(agent_page.get_by_role("button", name="Team")).to_be_hidden()
        expect(agent_page.get_by_role("button", name="Reports")).to_be_hidden()
        agent_page.get_by_role("button", name="FAQs").click()
        expect(agent_page.locator("#faq-rows tr").first).to_be_visible()
        expect(agent_page.get_by_role("button", name="New FAQ")).to_be_hidden()

        page.get_by_role("button", name="Team").click()
        expect(row).to_contain_text("Online")
        snapshot("team-with-agent-online")
        row.get_by_role("button", name="Disable امید").click()
        expect(page.get_by_role("status").filter(has_text="disabled")).to_have_text(
            "امید was disabled and signed out.")
        expect(row).to_contain_text("Disabled")
        expect(agent_page.get_by_role("alert")).to_have_text(
            "Your session has ended. Please sign in again.")
        expect(agent_page.get_by_label("Username", exact=True)).to_be_visible()

        agent.log_in(username, password)
        expect(agent_page.get_by_role("alert")).to_have_text("Wrong username or password.")
    snapshot("team-agent-disabled")

    page.get_by_role("button", name="فارسی").click()
    expect(page.get_by_role("heading", name="تیم")).to_be_visible()
    expect(row).to_contain_text("غیرفعال")
    snapshot("team-persian")
