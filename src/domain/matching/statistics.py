"""Document frequencies for BM25, kept up to date as FAQs come and go."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

K1 = 1.2
B = 0.75


class CorpusStatistics:
    def __init__(self) -> None:
        self.documents = 0
        self._frequency: Counter[str] = Counter()
        self._total_length = 0

    def add(self, terms: set[str], length: int) -> None:
        self.documents += 1
        self._frequency.update(terms)
        self._total_length += length

    def remove(self, terms: set[str], length: int) -> None:
        self.documents -= 1
        self._frequency.subtract(terms)
        for term in terms:
            if self._frequency[term] <= 0:
                del self._frequency[term]
        self._total_length -= length

    def idf(self, term: str | None) -> float:
        """BM25's inverse document frequency; a word no FAQ holds (term None) counts as held
        by one: as telling as the rarest known word, so an unexplained word weighs fully."""
        held = max(1, self._frequency[term]) if term is not None else 1
        return math.log(1 + max(0.0, self.documents - held + 0.5) / (held + 0.5))

    def saturation(self, count: int, length: int) -> float:
        """BM25's term-frequency factor, between 0 and K1 + 1."""
        average = self._total_length / self.documents if self.documents else 1.0
        return count * (K1 + 1) / (count + K1 * (1 - B + B * length / max(average, 1e-9)))

    def saturation_of_length(self) -> Callable[[int, int], float]:
        """saturation with the average length worked out once, for scoring many FAQs."""
        average = max(self._total_length / self.documents if self.documents else 1.0, 1e-9)
        scale, base = K1 * B / average, K1 * (1 - B)

        def saturation(count: int, length: int) -> float:
            return count * (K1 + 1) / (count + base + scale * length)
        return saturation
