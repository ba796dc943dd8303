"""The labelled evaluation set, the original keyword-substring baseline, and the figures."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from domain.faq import FAQ, FAQContent
from domain.faq_matching import FAQIndex

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
DEFAULT_THRESHOLD = 0.5

Matcher = Callable[[str], str | None]


@dataclass(frozen=True)
class LabelledQuestion:
    text: str
    expected: str | None  # the FAQ that answers it, or None when no FAQ does
    lang: str
    variant: str
    split: str


def load_faqs(path: Path = EVAL_DIR / "faqs.json") -> list[FAQ]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [FAQ(r["id"], FAQContent(r["question"], r["answer"], tuple(r["keywords"]),
                                    r["category"], r["priority"], r["active"])) for r in rows]


def load_questions(path: Path = EVAL_DIR / "questions.jsonl") -> list[LabelledQuestion]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [LabelledQuestion(**json.loads(line)) for line in lines if line.strip()]


def build_index(faqs: Iterable[FAQ]) -> FAQIndex:
    index = FAQIndex()
    for faq in faqs:
        index.put(faq)
    return index


def matcher(index: FAQIndex, threshold: float = DEFAULT_THRESHOLD) -> Matcher:
    def match(text: str) -> str | None:
        found = index.best(text, threshold)
        return found.faq.id if found else None
    return match


def substring_baseline(faqs: Sequence[FAQ]) -> Matcher:
    """The original system: in priority order, the first FAQ one of whose keywords is a
    substring of the lower-cased message; no normalization, no threshold."""
    ordered = sorted((f for f in faqs if f.active), key=lambda f: f.priority, reverse=True)

    def match(text: str) -> str | None:
        lowered = text.lower()
        for faq in ordered:
            if any(keyword.lower() in lowered for keyword in faq.keywords):
                return faq.id
        return None
    return match


@dataclass(frozen=True)
class Figures:
    questions: int
    answerable: int
    unanswerable: int
    correct: int  # answered with the expected FAQ
    wrong: int  # answerable, answered with another FAQ
    false_answers: int  # unanswerable, answered anyway

    @property
    def answered(self) -> int:
        return self.correct + self.wrong + self.false_answers

    @property
    def precision(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    @property
    def recall(self) -> float:
        """Also the top-1 accuracy on answerable questions: answered with the right FAQ."""
        return self.correct / self.answerable if self.answerable else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def false_answer_rate(self) -> float:
        return self.false_answers / self.unanswerable if self.unanswerable else 0.0


def evaluate(match: Matcher, questions: Iterable[LabelledQuestion]) -> Figures:
    counts = {"n": 0, "answerable": 0, "correct": 0, "wrong": 0, "false": 0}
    for question in questions:
        got = match(question.text)
        counts["n"] += 1
        counts["answerable"] += question.expected is not None
        if got is None:
            continue
        if question.expected is None:
            counts["false"] += 1
        elif got == question.expected:
            counts["correct"] += 1
        else:
            counts["wrong"] += 1
    return Figures(counts["n"], counts["answerable"], counts["n"] - counts["answerable"],
                   counts["correct"], counts["wrong"], counts["false"])
