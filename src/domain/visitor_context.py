"""Where a visitor was when they opened the conversation: what the widget and the browser said.

All of it is optional and bounded: it comes from the visitor's browser, so it is shown to
agents as words, never trusted as anything more.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_URL_LENGTH = 2048
MAX_LOCALE_LENGTH = 35
MAX_USER_AGENT_LENGTH = 512


@dataclass(frozen=True)
class VisitorContext:
    page_url: str | None = None
    referrer: str | None = None
    locale: str | None = None
    user_agent: str | None = None

    @classmethod
    def of(cls, page_url: str | None = None, referrer: str | None = None,
           locale: str | None = None, user_agent: str | None = None) -> VisitorContext | None:
        """The context, trimmed and cut to its limits; None when nothing was said."""
        context = cls(_kept(page_url, MAX_URL_LENGTH), _kept(referrer, MAX_URL_LENGTH),
                      _kept(locale, MAX_LOCALE_LENGTH), _kept(user_agent, MAX_USER_AGENT_LENGTH))
        return None if context == cls() else context


def _kept(value: str | None, limit: int) -> str | None:
    # a user agent is the browser's, not the visitor's input: cut, never refused
    trimmed = value.strip()[:limit] if value else ""
    return trimmed or None
