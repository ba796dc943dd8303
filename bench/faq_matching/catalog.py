"""A synthetic FAQ catalog of any size, for timing the matcher as a catalog grows."""

from __future__ import annotations

import random
from collections.abc import Sequence

from domain.faq import FAQ, FAQContent
from domain.text import tokens

_PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_ENGLISH_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def synthetic_catalog(real: Sequence[FAQ], size: int, seed: int = 7) -> list[FAQ]:
    """The real FAQs plus made-up ones, up to size in all.

    Made-up FAQs reuse the real catalog's words, with Zipf-like frequencies, mixed with
    invented words, so common words have long posting lists as in a real catalog.
    """
    rng = random.Random(seed)
    pool = _word_pool(real, rng)
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    made: list[FAQ] = list(real)
    for number in range(size - len(real)):
        def words(count: int) -> str:
            return " ".join(rng.choices(pool, weights, k=count))
        keywords = tuple(words(rng.randint(1, 2)) for _ in range(rng.randint(1, 4)))
        made.append(FAQ(f"synthetic-{number}", FAQContent(
            words(rng.randint(4, 10)) + "?", words(rng.randint(10, 30)), keywords, "synthetic",
            rng.randint(0, 10))))
    return made


def _word_pool(real: Sequence[FAQ], rng: random.Random) -> list[str]:
    known = {w for faq in real for w in tokens(f"{faq.question} {faq.answer}") if len(w) > 2}
    invented = {_invented(rng, _PERSIAN_LETTERS if i % 2 else _ENGLISH_LETTERS)
                for i in range(8000)}
    pool = sorted(known) + sorted(invented)
    rng.shuffle(pool)
    return pool


def _invented(rng: random.Random, letters: str) -> str:
    return "".join(rng.choices(letters, k=rng.randint(3, 9)))
