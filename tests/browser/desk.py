"""The agents' dashboard as an agent sees it, and agent accounts on the served Pasokh."""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.server import PASOKH


def create_agent(served_dir: Path, name: str) -> tuple[str, str]:
    """`pasokh create-admin` against the served database; a unique username per call."""
    username = f"{name}-{secrets.token_hex(3)}"
    password = f"pw-{secrets.token_urlsafe(12)}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{served_dir / 'browser.db'}",
           "PASOKH_STORAGE": "auto", "PASOKH_ENV": "development",
           "PASOKH_LOG_LEVEL": "WARNING"}
    done = subprocess.run([*PASOKH, "create-admin", username, "--password-stdin"],
                          input=password + "\n", env=env, cwd=served_dir,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"pasokh create-admin failed:\n{done.stderr}"
    return username, password


class Dashboard:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.queue = page.locator("#queue")
        self.active = page.locator("#active")
        self.messages = page.locator("#messages")
        self.reply_box = page.get_by_label("Reply to the visitor")
        self.meta = page.locator("#conv-meta")

    def open(self, base: str) -> None:
        self.page.goto(f"{base}/admin/chat/")

    def log_in(self, username: str, password: str) -> None:
        self.page.get_by_label("Username", exact=True).fill(username)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()

    def logged_in(self) -> None:
        expect(self.page.locator("#conn")).to_have_text("Online")

    def queued(self, text: str) -> Locator:
        """The queue entry whose last message is `text`."""
        return self.queue.locator("button.item").filter(
            has=self.page.locator(".last").get_by_text(text, exact=True))

    def bubble(self, sender: str) -> Locator:
        return self.messages.locator(f".msg.from-{sender} .text")

    def reply(self, text: str) -> None:
        self.reply_box.fill(text)
        self.reply_box.press("Enter")
