"""The answer responder used when no OpenAI key is set: honest, and it offers a person.

FAQs that may answer are offered by the answering decision itself, as suggestions the
visitor can choose (domain.answering); this reply comes when there is none to offer."""

from __future__ import annotations

from collections.abc import Sequence

from application.ports import DraftReply, FAQSuggestion, TextSink, Turn
from application.texts import language_of, say


class LocalFallbackResponder:
    async def draft_reply(self, question: str, history: Sequence[Turn],
                          suggestions: Sequence[FAQSuggestion], *,
                          session_key: str | None = None,
                          on_text: TextSink | None = None) -> DraftReply:
        return DraftReply(text=say("no_answer", language_of(question)), confidence=None,
                          reason="no_ai_configured")
