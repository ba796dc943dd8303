"""`python -m bench.what_if [--questions N]`: a what-if over a month of traffic.

The clinic's catalog (eval/) with one FAQ taken out as the draft; N visitor questions (default
100,000) drawn from the labelled questions: 40% asked word for word, 60% with a word of their
own added (an order number, a name, a typo), so most wordings are new. Prints the time to fold
the month's events into conversations (the first request of an instance) and the replay
itself (every request), as the service runs it (application.insights)."""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from application.insights.conversations import Conversations
from application.insights.what_if import replay
from bench.faq_matching.evaluation import load_faqs, load_questions
from domain.answering import AnswerPolicy
from domain.escalation import EscalationPolicy
from domain.faq import FAQ
from domain.session_events import BotAnswered, SessionStarted, VisitorMessagePosted
from domain.small_talk import small_talk

START = datetime(2026, 3, 1, tzinfo=UTC)
FILLERS = ("please", "today", "order 4821", "Sara", "thanks", "urgent", "لطفا", "امروز",
           "سفارش ۵۵۱۲", "ممنون", "asap", "hi")


def month_of_questions(count: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    # small talk («سلام», "hello") is no question put to the bot (ADR 0051): not drawn
    texts = [q.text for q in load_questions() if small_talk(q.text) is None]
    asked = []
    for _ in range(count):
        text = rng.choice(texts)
        if rng.random() < 0.6:
            text = f"{text} {rng.choice(FILLERS)} {rng.randrange(10_000)}"
        asked.append(text)
    return asked


def fold(questions: list[str]) -> Conversations:
    folded = Conversations()
    position = 0
    for n, text in enumerate(questions):
        key, at = f"s{n // 2}", START + timedelta(seconds=25 * n)
        seq = 1 + 2 * (n % 2)
        events = [VisitorMessagePosted(f"q{n}", seq, text, None, at),
                  BotAnswered(f"a{n}", seq + 1, "…", "ai", None, 0.7, seq, at)]
        if n % 2 == 0:
            events.insert(0, SessionStarted(key, at))
        for event in events:
            position += 1
            folded.fold(f"session-{key}", position, event)
    return folded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=100_000)
    args = parser.parse_args()
    faqs = load_faqs()
    draft = faqs[len(faqs) // 2]
    catalog: list[FAQ] = [faq for faq in faqs if faq.id != draft.id]
    asked = month_of_questions(args.questions)

    began = time.perf_counter()
    folded = fold(asked)
    folded_in = time.perf_counter() - began
    questions = [q for c in folded.started_between(START, START + timedelta(days=60))
                 for q in c.questions]

    began = time.perf_counter()
    found = replay(draft, catalog, questions, AnswerPolicy(),
                   EscalationPolicy.with_keywords(["پرداخت", "payment"]))
    replayed_in = time.perf_counter() - began

    print(f"catalog: {len(catalog)} FAQs + the draft {draft.question!r}")
    print(f"questions: {found.questions} ({len(set(asked))} distinct wordings)")
    print(f"would answer: {found.would_answer}")
    print(f"fold: {folded_in:.2f} s")
    print(f"replay: {replayed_in:.2f} s")
    print(f"total: {folded_in + replayed_in:.2f} s")


if __name__ == "__main__":
    main()
