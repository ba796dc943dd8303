"""Pasokh installations driven through the `pasokh` command in-process, and sample catalogs."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from application import commands as c
from application.views import SessionView
from domain.faq import FAQ, FAQContent
from entrypoints import lifecycle
from entrypoints.cli import main
from entrypoints.container import Container, create_container
from entrypoints.settings import Settings

T = TypeVar("T")
SECRET = "cli-tests-signing-secret-0123456789abcdef"
PASOKH = str(Path(sys.executable).parent / "pasokh")


def settings_for(database_url: str | None) -> Settings:
    """In-memory storage without a URL, else the database at the URL."""
    common: dict[str, Any] = {"_env_file": None, "secret_key": SECRET, "env": "development",
                              "log_level": "WARNING"}
    if database_url is None:
        return Settings(storage="memory", **common)
    return Settings(storage="auto", database_url=database_url, **common)


@dataclass
class Site:
    """One Pasokh installation; each call opens and closes its storage, as the CLI does."""

    container: Container

    @classmethod
    def at(cls, database_url: str | None) -> Site:
        return cls(create_container(settings_for(database_url)))

    def pasokh(self, *argv: str | Path) -> int:
        return main([str(arg) for arg in argv], container=self.container)

    def catalog(self) -> list[FAQ]:
        return self._run(lambda: self.container.read_models().faqs(include_inactive=True))

    def catalog_version(self) -> int:
        return self._run(lambda: self.container.read_models().catalog_version())

    def do(self, *commands: c.Command) -> None:
        async def handle_all() -> None:
            for command in commands:
                await self.container.bus().handle(command)
            await self.container.bus().idle()

        self._run(handle_all)

    def ask(self, question: str) -> SessionView:
        """What a visitor who asks the question sees."""
        async def conversation() -> SessionView:
            bus = self.container.bus()
            key = (await bus.handle(c.StartSession())).session_key
            await bus.handle(c.PostVisitorMessage(key, question))
            await bus.idle()
            view = await self.container.read_models().session(key)
            assert view is not None
            return view

        return self._run(conversation)

    def _run(self, work: Callable[[], Awaitable[T]]) -> T:
        async def opened() -> T:
            if lifecycle.uses_embedded_sqlite(self.container):
                await asyncio.to_thread(lifecycle.migrate, self.container)
            await lifecycle.open_resources(self.container)
            try:
                return await work()
            finally:
                await lifecycle.close_resources(self.container)

        return asyncio.run(opened())


def run_pasokh(database_url: str, cwd: Path, *argv: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed `pasokh` console script, as an operator runs it."""
    env = {**os.environ, "DATABASE_URL": database_url, "PASOKH_STORAGE": "auto",
           "PASOKH_SECRET_KEY": SECRET, "PASOKH_LOG_LEVEL": "WARNING"}
    return subprocess.run([PASOKH, *map(str, argv)], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120, check=False)


def sample_catalog() -> list[c.Command]:
    """FAQs that test every corner of a file: Persian, ZWNJ, quotes, commas, new lines."""
    return [
        c.AddFAQ(FAQContent(
            "چطور نوبت بگیرم؟", "از صفحهٔ «رزرو نوبت» در سایت، یا تلفنی با ۰۲۱-۸۸۰۰۰۰۰۰.",
            ("نوبت", "رزرو نوبت", "نوبت‌دهی"), "نوبت‌دهی", 100), faq_id="booking-fa"),
        c.AddFAQ(FAQContent(
            "How do I book an appointment?", 'Use the "Book" page, or call us:\n'
            "021-8800 0000, weekdays 8-20.", ("book", "appointment"), "booking", 100),
            faq_id="booking-en"),
        c.AddFAQ(FAQContent(
            "آیا بیمه تکمیلی قبول می‌کنید؟", "بله، با بیشتر بیمه‌ها قرارداد داریم؛ "
            "فهرست کامل در سایت است.", ("بیمه", "بیمه تکمیلی"), "بیمه", 40),
            faq_id="insurance-fa"),
        c.AddFAQ(FAQContent(
            "Is there parking, nearby?", "Yes, behind the building; free for patients.",
            ("parking", "car park"), "", -5), faq_id="parking-en"),
        c.AddFAQ(FAQContent(
            "Do you open on Fridays?", "No, we are closed on Fridays.", (), "hours", 40, False),
            faq_id="fridays-en"),
        c.AddFAQ(FAQContent(
            "هزینه ویزیت چقدر است؟", "۴۵۰ هزار تومان؛ با بیمه کمتر.", ("هزینه", "قیمت"),
            "پرداخت", 40)),
    ]
