"""The distinct words of the indexed FAQs, found again from a visitor's spelling of them."""

from __future__ import annotations

from collections import Counter

from domain.matching.edits import deletions, within_one_edit
from domain.matching.morphology import bases

EXACT = 1.0
INFLECTED = 0.9  # one side carries a suffix the other lacks: "نوبتم" and "نوبت"
RELATED = 0.8  # both inflected from one base of four letters or more: "ساعتای", "ساعتهای"
MISSPELT = 0.7  # one edit apart: "ناشطا" and "ناشتا"
MIN_SHARED_BASE = 4  # "کاری" and "کارت" share "کار" but are different words
MIN_TYPO_LENGTH = 5
MAX_TYPO_LENGTH = 24  # longer "words" are not typos; their deletion sets would cost O(n^2)


class Vocabulary:
    """Kept in step with the catalog by add and remove; looked up once per visitor word."""

    def __init__(self) -> None:
        self._refs: Counter[str] = Counter()
        self._by_base: dict[str, dict[str, str]] = {}
        self._near: dict[str, set[str]] = {}

    def __contains__(self, term: str) -> bool:
        return term in self._refs

    def add(self, term: str) -> None:
        self._refs[term] += 1
        if self._refs[term] > 1:
            return
        for base, affix in bases(term):
            forms = self._by_base.setdefault(base, {})
            forms[term] = min(forms.get(term, affix), affix, key=len)
            if _typo_candidate(base, affix):
                for key in deletions(base) | {base}:
                    self._near.setdefault(key, set()).add(base)

    def remove(self, term: str) -> None:
        if self._refs[term] > 1:
            self._refs[term] -= 1
            return
        del self._refs[term]
        for base, _ in bases(term):
            forms = self._by_base[base]
            forms.pop(term, None)
            if not forms:
                del self._by_base[base]
            if not any(_typo_candidate(base, affix) for affix in forms.values()):
                self._forget_near(base)

    def lookup(self, word: str, typos: bool = True) -> dict[str, float]:
        """The indexed terms that word may be a form of, each with how sure that is; with
        typos=False only its forms, never what it may be a misspelling of."""
        found: dict[str, float] = {}
        for base, affix in bases(word):
            for term, term_affix in self._by_base.get(base, {}).items():
                if affix and term_affix and len(base) < MIN_SHARED_BASE:
                    continue
                strength = EXACT if not (affix or term_affix) else (
                    INFLECTED if not (affix and term_affix) else RELATED)
                found[term] = max(found.get(term, 0.0), strength)
        if found or not typos:
            return found
        return self._misspelt(word)

    def _misspelt(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        for base, affix in bases(word):
            if not _typo_candidate(base, affix):
                continue
            for key in deletions(base) | {base}:
                for near in self._near.get(key, ()):
                    if _one_typo_apart(base, near):
                        found.update(dict.fromkeys(self._by_base[near], MISSPELT))
        return found

    def _forget_near(self, base: str) -> None:
        for key in deletions(base) | {base}:
            keys = self._near.get(key)
            if keys is not None:
                keys.discard(base)
                if not keys:
                    del self._near[key]


def _typo_candidate(base: str, affix: str) -> bool:
    """Bases left by a one-letter suffix ("دقیق" from "دقیقه") are too unsure to correct."""
    return MIN_SHARED_BASE <= len(base) <= MAX_TYPO_LENGTH and len(affix) != 1


def _one_typo_apart(word: str, known: str) -> bool:
    # Visitors rarely mistype a word's first letter, and "later" is not "water".
    return (word[0] == known[0] and max(len(word), len(known)) >= MIN_TYPO_LENGTH
            and within_one_edit(word, known))
