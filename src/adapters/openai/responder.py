"""The answer responder over the official openai SDK: any OpenAI-compatible server will do.

The adapter translates: it builds the grounded prompt, calls the model within a deadline,
retries what is worth retrying, reads the structured answer, and reports any failure as
ResponderUnavailable. Whether an answer is good enough to show is the application's call.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletion

from adapters.openai.circuit_breaker import CircuitBreaker, CircuitState
from adapters.openai.options import OpenAIOptions
from adapters.openai.prompt import RESPONSE_FORMAT, chat_messages
from adapters.openai.reply import MalformedReply, content_of, parse_reply, truncated
from adapters.openai.retry import Backoff, is_transient, retry_after_seconds
from adapters.openai.streaming import AnswerFieldReader, StreamedCompletion, WrittenSink
from adapters.openai.usage import SessionUsage, UsageTally
from application.ports import DraftReply, FAQSuggestion, ResponderUnavailable, TextSink, Turn
from application.texts import language_of

log = logging.getLogger("adapters.openai")


def openai_client(api_key: str, base_url: str | None = None,
                  timeout_seconds: float = 15.0) -> openai.AsyncOpenAI:
    """The SDK's own retries are off: ours keep to the answer's deadline and are logged."""
    return openai.AsyncOpenAI(api_key=api_key, base_url=base_url or None,
                              timeout=timeout_seconds, max_retries=0)


def short(session_key: str | None) -> str:
    return session_key[:6] if session_key else "-"


class OpenAIAnswerGenerator:
    def __init__(self, client: openai.AsyncOpenAI, options: OpenAIOptions | None = None, *,
                 breaker: CircuitBreaker | None = None, usage: UsageTally | None = None,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                 jitter: Callable[[], float] = random.random,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._options = options = options or OpenAIOptions()
        self._breaker = breaker or CircuitBreaker(options.circuit_failure_threshold,
                                                  options.circuit_reset_seconds)
        self._usage = usage or UsageTally()
        self._backoff = Backoff(options.backoff_base_seconds, options.backoff_max_seconds,
                                options.retry_after_cap_seconds)
        self._sleep, self._jitter, self._clock = sleep, jitter, clock

    @property
    def circuit(self) -> CircuitState:
        return self._breaker.state

    def usage_for(self, session_key: str) -> SessionUsage:
        return self._usage.for_session(session_key)

    async def aclose(self) -> None:
        await self._client.close()

    async def draft_reply(self, question: str, history: Sequence[Turn],
                          suggestions: Sequence[FAQSuggestion], *,
                          session_key: str | None = None,
                          on_text: TextSink | None = None) -> DraftReply:
        if not self._breaker.allow():
            log.warning("ai call skipped, circuit open: session=%s", short(session_key))
            raise ResponderUnavailable("the AI provider keeps failing; not calling it for now")
        retries = 0 if self._breaker.state is CircuitState.HALF_OPEN else self._options.max_retries
        messages = chat_messages(question, history, suggestions,
                                 self._options.business_description, language_of(question),
                                 self._options.max_answer_chars)
        started = self._clock()
        sink = WrittenSink(on_text) if on_text is not None else None
        try:
            completion = await self._complete(messages, retries, started, sink)
        except asyncio.CancelledError:
            self._breaker.abandon()
            raise
        except (openai.OpenAIError, TimeoutError) as error:
            raise self._failed(error, session_key, started, 0, 0) from error
        prompt_tokens, completion_tokens = _tokens(completion)
        try:
            reply = parse_reply(content_of(completion))
        except MalformedReply as error:
            raise self._failed(error, session_key, started, prompt_tokens,
                               completion_tokens) from error
        self._breaker.record_success()
        latency_ms = self._elapsed_ms(started)
        self._usage.record(session_key, prompt_tokens, completion_tokens, latency_ms, False)
        log.info("ai answer: session=%s model=%s prompt_tokens=%d completion_tokens=%d "
                 "latency_ms=%.0f confidence=%.2f needs_human=%s", short(session_key),
                 self._options.model, prompt_tokens, completion_tokens, latency_ms,
                 reply.confidence, reply.needs_human)
        return DraftReply(text=truncated(reply.answer, self._options.max_answer_chars),
                          confidence=reply.confidence, needs_human=reply.needs_human,
                          reason=reply.reason, prompt_tokens=prompt_tokens,
                          completion_tokens=completion_tokens, latency_ms=latency_ms,
                          faq_id=reply.faq_id, citations=reply.cited_faq_ids)

    async def _complete(self, messages: list[dict[str, str]], retries: int,
                        started: float, sink: WrittenSink | None = None
                        ) -> ChatCompletion | StreamedCompletion:
        deadline = started + self._options.total_timeout_seconds
        for retry in itertools.count(1):
            timeout = min(self._options.timeout_seconds, deadline - self._clock())
            if timeout <= 0:
                raise TimeoutError("no time left to answer")
            try:
                async with asyncio.timeout(timeout):  # the SDK's timeout is per read, not total
                    if sink is not None:
                        return await self._stream(messages, timeout, sink)
                    return await self._request(messages, timeout)
            except openai.OpenAIError as error:
                # once the visitor has seen part of an answer, a second one would repeat it
                if retry > retries or not is_transient(error) or (sink and sink.wrote):
                    raise
                delay = self._backoff.delay(retry, retry_after_seconds(error), self._jitter())
                if self._clock() + delay >= deadline:
                    raise
                log.info("ai call retry: attempt=%d error=%s wait_seconds=%.2f", retry + 1,
                         _describe(error), delay)
                await self._sleep(delay)
        raise AssertionError("unreachable")

    async def _request(self, messages: list[dict[str, str]], timeout: float) -> ChatCompletion:
        options = self._options
        temperature = openai.omit if options.temperature is None else options.temperature
        return await self._client.chat.completions.create(
            model=options.model, messages=cast(Any, messages),
            response_format=cast(Any, RESPONSE_FORMAT), max_tokens=options.max_output_tokens,
            temperature=temperature, timeout=timeout)

    async def _stream(self, messages: list[dict[str, str]], timeout: float,
                      sink: WrittenSink) -> StreamedCompletion:
        """The same request, streamed: the answer field goes to the sink as it is written."""
        options = self._options
        temperature = openai.omit if options.temperature is None else options.temperature
        stream = await self._client.chat.completions.create(
            model=options.model, messages=cast(Any, messages),
            response_format=cast(Any, RESPONSE_FORMAT), max_tokens=options.max_output_tokens,
            temperature=temperature, timeout=timeout, stream=True,
            stream_options={"include_usage": True})
        reader, streamed = AnswerFieldReader(), StreamedCompletion()
        async for chunk in stream:
            streamed.take(chunk)
            for choice in chunk.choices[:1]:
                if choice.delta.content and (text := reader.feed(choice.delta.content)):
                    await sink(text)
        return streamed

    def _failed(self, error: Exception, session_key: str | None, started: float,
                prompt_tokens: int, completion_tokens: int) -> ResponderUnavailable:
        self._breaker.record_failure()
        latency_ms = self._elapsed_ms(started)
        self._usage.record(session_key, prompt_tokens, completion_tokens, latency_ms, True)
        log.warning("ai call failed: session=%s model=%s error=%s latency_ms=%.0f circuit=%s",
                    short(session_key), self._options.model, _describe(error), latency_ms,
                    self._breaker.state.value)
        return ResponderUnavailable(f"the AI answer failed: {_describe(error)}")

    def _elapsed_ms(self, started: float) -> float:
        return (self._clock() - started) * 1000


def _tokens(completion: ChatCompletion | StreamedCompletion) -> tuple[int, int]:
    usage = getattr(completion, "usage", None)
    prompt = getattr(usage, "prompt_tokens", None)
    completion_tokens = getattr(usage, "completion_tokens", None)
    return (prompt if isinstance(prompt, int) else 0,
            completion_tokens if isinstance(completion_tokens, int) else 0)


def _describe(error: Exception) -> str:
    """Type and status only: provider messages may quote the request."""
    status = getattr(error, "status_code", None)
    if isinstance(error, MalformedReply):
        return f"MalformedReply({error})"
    return type(error).__name__ + (f"({status})" if status is not None else "")
