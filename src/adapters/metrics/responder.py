"""Times every answer the responder drafts and counts the tokens it reports."""

from __future__ import annotations

import time
from collections.abc import Sequence

from adapters.metrics.registry import PasokhMetrics
from application.ports import AnswerResponder, DraftReply, FAQSuggestion, TextSink, Turn


class MeteredResponder:
    def __init__(self, inner: AnswerResponder, metrics: PasokhMetrics) -> None:
        self._inner = inner
        self._metrics = metrics

    async def draft_reply(self, question: str, history: Sequence[Turn],
                          suggestions: Sequence[FAQSuggestion], *,
                          session_key: str | None = None,
                          on_text: TextSink | None = None) -> DraftReply:
        started = time.perf_counter()
        outcome = "error"
        try:
            draft = await self._inner.draft_reply(question, history, suggestions,
                                                  session_key=session_key, on_text=on_text)
            outcome = "ok"
        finally:
            self._metrics.ai_seconds.labels(outcome).observe(time.perf_counter() - started)
        self._metrics.ai_tokens.labels("prompt").inc(draft.prompt_tokens or 0)
        self._metrics.ai_tokens.labels("completion").inc(draft.completion_tokens or 0)
        return draft

