"""User-agent strings in words, by ua-parser (ADR 0044): its regexes are the ones the uap-core
project keeps up to date with new browsers and systems, which hand-written ones would not be."""

from __future__ import annotations

from ua_parser import parse

# the parser's names for a browser's mobile build; the agent wants the browser's name
SHOWN_AS = {"Chrome Mobile": "Chrome", "Chrome Mobile iOS": "Chrome", "Mobile Safari": "Safari",
            "Firefox Mobile": "Firefox", "Firefox iOS": "Firefox", "Mac OS X": "macOS",
            "Edge Mobile": "Edge", "Samsung Internet": "Samsung Internet"}
UNKNOWN = "Other"


class UaParserDeviceNames:
    def describe(self, user_agent: str | None) -> str | None:
        if not user_agent:
            return None
        result = parse(user_agent)
        browser = _named(result.user_agent.family, result.user_agent.major) \
            if result.user_agent else None
        system = _named(result.os.family, result.os.major) if result.os else None
        if browser and system:
            return f"{browser} on {system}"
        return browser or system


def _named(family: str, major: str | None) -> str | None:
    if not family or family == UNKNOWN:
        return None
    name = SHOWN_AS.get(family, family)
    return f"{name} {major}" if major else name
