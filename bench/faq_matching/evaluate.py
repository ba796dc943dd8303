"""Prints how well FAQ matching answers the labelled evaluation set, against the original
keyword-substring matching, and how fast it is. Writes nothing.

    .venv/bin/python -m bench.faq_matching.evaluate
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.faq_matching.catalog import synthetic_catalog
from bench.faq_matching.evaluation import (
    DEFAULT_THRESHOLD,
    Figures,
    LabelledQuestion,
    Matcher,
    build_index,
    evaluate,
    load_faqs,
    load_questions,
    matcher,
    substring_baseline,
)
from domain.faq import FAQ

SWEEP = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
CATALOG_SIZES = (2_000, 10_000)
HEADER = (f"{'':28} {'n':>4} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8} "
          f"{'wrong':>5} {'false answers':>16}")


def row(label: str, figures: Figures) -> str:
    false = f"{figures.false_answers}/{figures.unanswerable} ({figures.false_answer_rate:.1%})"
    return (f"{label:28} {figures.questions:>4} {figures.precision:>9.1%} "
            f"{figures.recall:>7.1%} {figures.f1:>6.3f} {figures.recall:>8.1%} "
            f"{figures.wrong:>5} {false:>16}")


def quality(faqs: list[FAQ], questions: list[LabelledQuestion]) -> None:
    matchers: dict[str, Matcher] = {
        "baseline (keyword substring)": substring_baseline(faqs),
        f"matcher (threshold {DEFAULT_THRESHOLD})": matcher(build_index(faqs)),
    }
    groups = {
        "all": questions,
        "Persian": [q for q in questions if q.lang == "fa"],
        "English": [q for q in questions if q.lang == "en"],
        "tuning part": [q for q in questions if q.split == "tune"],
        "held-out part": [q for q in questions if q.split == "holdout"],
        "second held-out part": [q for q in questions if q.split == "holdout2"],
    }
    for group, subset in groups.items():
        print(f"\n== {group} questions")
        print(HEADER)
        for name, match in matchers.items():
            print(row(name, evaluate(match, subset)))
    index = build_index(faqs)
    answerable = [q for q in questions if q.expected is not None]
    first = sum(1 for q in answerable
                if [m.faq.id for m in index.rank(q.text, 1)] == [q.expected])
    print(f"\nmatcher ranks the expected FAQ first for {first}/{len(answerable)} "
          f"({first / len(answerable):.1%}) of answerable questions, whatever the threshold")
    print("\n== by kind of wording (matcher, all questions)")
    print(HEADER)
    for variant in sorted({q.variant for q in questions}):
        subset = [q for q in questions if q.variant == variant]
        print(row(variant, evaluate(matcher(index), subset)))
    print("\n== threshold sweep (matcher, all questions)")
    print(HEADER)
    for threshold in SWEEP:
        print(row(f"threshold {threshold:.2f}", evaluate(matcher(index, threshold), questions)))


def speed(faqs: list[FAQ], questions: Sequence[LabelledQuestion]) -> None:
    """Wall-clock time per message, and the CPU time of this thread: on a shared machine the
    wall-clock tail mostly measures other processes, the CPU time what matching costs."""
    print("\n== speed (one process, one core)")
    print(f"{'catalog':>8} {'index build':>12} {'median':>9} {'p99':>9} {'max':>9}   "
          f"{'CPU median':>10} {'CPU p99':>9}")
    for size in (len(faqs), *CATALOG_SIZES):
        catalog = faqs if size == len(faqs) else synthetic_catalog(faqs, size)
        started = time.perf_counter()
        index = build_index(catalog)
        built = time.perf_counter() - started
        for question in questions:  # warm the word-form cache as a running service would
            index.best(question.text, DEFAULT_THRESHOLD)
        wall, cpu = [], []
        for _ in range(3):
            for question in questions:
                started, started_cpu = time.perf_counter(), time.thread_time()
                index.best(question.text, DEFAULT_THRESHOLD)
                cpu.append((time.thread_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
        wall.sort()
        cpu.sort()
        print(f"{size:>8} {built:>11.2f}s {statistics.median(wall):>7.3f}ms "
              f"{_p99(wall):>7.3f}ms {wall[-1]:>7.3f}ms   {statistics.median(cpu):>8.3f}ms "
              f"{_p99(cpu):>7.3f}ms")


def _p99(timings: list[float]) -> float:
    return timings[int(len(timings) * 0.99)]


def main() -> None:
    faqs, questions = load_faqs(), load_questions()
    answerable = sum(q.expected is not None for q in questions)
    print(f"{len(faqs)} FAQs, {len(questions)} questions: {answerable} answerable, "
          f"{len(questions) - answerable} that no FAQ answers")
    print("accuracy = answered with the expected FAQ, of the answerable (equals recall); "
          "wrong = answerable but answered with another FAQ;\n"
          "false answers = questions no FAQ answers that got an answer anyway")
    quality(faqs, questions)
    speed(faqs, questions)


if __name__ == "__main__":
    main()
