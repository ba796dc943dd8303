"""Fit the confidence's logistic weights on the tuning part of the labelled set.

The confidence decides one thing: whether the best FAQ for a question is answered at once.
So each tuning question gives one example, its best-ranked FAQ, labelled 1 when that FAQ is
the one that answers the question (questions no FAQ answers give only 0s). Fitting every
shortlisted pair instead, as before ADR 0018, mostly taught the model that the 7th candidate
is wrong, which says little about the first. A wrong instant answer costs more than passing
the question on to the AI responder, so wrong examples weigh NEGATIVE_WEIGHT times as much:
a confidence of 0.5 then means odds of 4 to 1 that the FAQ is the right one. The best FAQ
depends on the weights in use, so run it again after copying them in until they settle.
Prints the weights to copy into domain/matching/scoring.py; the held-out part of the set is
never used here.

    .venv/bin/python -m bench.faq_matching.calibrate
"""

from __future__ import annotations

import math
import sys
from dataclasses import astuple
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.faq_matching.evaluation import build_index, load_faqs, load_questions

L2 = 1.0  # on the summed log-likelihood: keeps weights sane with a few hundred pairs
STEPS = 25
NEGATIVE_WEIGHT = 4.0
CANDIDATES = 1  # examples per question: the best-ranked FAQ, the one the threshold decides on


def examples() -> tuple[list[list[float]], list[int]]:
    index = build_index(load_faqs())
    rows: list[list[float]] = []
    labels: list[int] = []
    for question in load_questions():
        if question.split != "tune":
            continue
        for match, weighed in index.explain(question.text, limit=CANDIDATES):
            rows.append([1.0, *astuple(weighed)])
            labels.append(int(match.faq.id == question.expected))
    return rows, labels


def fit(rows: list[list[float]], labels: list[int]) -> list[float]:
    """Logistic regression by Newton's method with a light L2 penalty (not on the bias)."""
    size = len(rows[0])
    weights = [0.0] * size
    for _ in range(STEPS):
        gradient = [L2 * w if i else 0.0 for i, w in enumerate(weights)]
        hessian = [[L2 if i == j and i else 0.0 for j in range(size)] for i in range(size)]
        for row, label in zip(rows, labels, strict=True):
            p = _sigmoid(sum(w * x for w, x in zip(weights, row, strict=True)))
            weight = 1.0 if label else NEGATIVE_WEIGHT
            for i in range(size):
                gradient[i] += weight * (p - label) * row[i]
                for j in range(size):
                    hessian[i][j] += weight * p * (1 - p) * row[i] * row[j]
        weights = [w - d for w, d in zip(weights, _solve(hessian, gradient), strict=True)]
    return weights


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    size = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def main() -> None:
    rows, labels = examples()
    weights = fit(rows, labels)
    print(f"{len(rows)} pairs, {sum(labels)} positive")
    print(f"BIAS = {weights[0]:.2f}")
    print("WEIGHTS = (" + ", ".join(f"{w:.2f}" for w in weights[1:]) + ")")


if __name__ == "__main__":
    main()
