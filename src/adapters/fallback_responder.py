"""The answer responder used when no OpenAI key is set: honest, and it offers a person."""

from __future__ import annotations

from collections.abc import Sequence

from application.ports import DraftReply, FAQSuggestion, Turn
from application.texts import language_of, say

MIN_SUGGESTION_CONFIDENCE = 0.2


class LocalFallbackResponder:
    async def draft_reply(self, question: str, history: Sequence[Turn],
                          suggestions: Sequence[FAQSuggestion], *,
                          session_key: str | None = None) -> DraftReply:
        language = language_of(question)
        close = [s for s in suggestions if s.confidence >= MIN_SUGGESTION_CONFIDENCE]
        text = say("no_answer", language)
        if close:
            listed = "\n".join(f"• {s.faq.question}" for s in close)
            text = f"{say('did_you_mean', language)}\n{listed}\n\n{text}"
        return DraftReply(text=text, confidence=None, reason="no_ai_configured")
