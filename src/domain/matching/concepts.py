"""Words and phrases that stand for the same concept, found in a visitor's or an FAQ's text.

Both sides are annotated with concept terms ("~book" for "book", "reserve", "booking"...),
so a visitor's "reserve a slot" meets an FAQ's "book an appointment" without either text
being rewritten. Members are found like FAQ words: with their inflections, and with one typo
in longer words. The groups are in domain/matching/synonyms.py; ADR 0018 has the why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from domain.matching.lexicon import written
from domain.matching.synonyms import GROUPS
from domain.matching.vocabulary import RELATED, Vocabulary
from domain.text import is_persian, tokens

CONCEPT_MARK = "~"  # normalization turns every "~" into a space, so no visitor word has one


def is_concept(term: str) -> bool:
    return term.startswith(CONCEPT_MARK)


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # exclusive
    concepts: dict[str, float]  # concept term -> how sure the words are that member


class ConceptLexicon:
    """Static once built; lookups are cached because visitors reuse a small vocabulary."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self._words: dict[str, set[str]] = {}  # single-word member -> its concepts
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # by first word
        self._vocabulary = Vocabulary()
        self._seen: set[str] = set()
        names: set[str] = set()
        for group in groups:
            members = [m for m in (tuple(written(w) for w in tokens(text)) for text in group) if m]
            if not members:
                continue
            concept = _name(members[0], names)
            for member in members:
                # A Persian word and its English translation are one concept in the file
                # but two in the index: a visitor who writes Persian wants a Persian answer.
                self._add(member, concept + ("@fa" if is_persian(member[0]) else "@en"))
        self.members = lru_cache(maxsize=65536)(self._vocabulary.lookup)

    @classmethod
    def parse(cls, text: str) -> ConceptLexicon:
        """Groups one per line, members separated by "|"; a line that ends with "|" goes on
        on the next; "#" starts a comment line."""
        lines = [line.strip() for line in text.splitlines()]
        joined = "\n".join(line for line in lines if not line.startswith("#"))
        groups = joined.replace("|\n", "|").splitlines()
        return cls([group.split("|") for group in groups if group.strip()])

    def _add(self, member: tuple[str, ...], concept: str) -> None:
        for word in set(member) - self._seen:
            self._vocabulary.add(word)
            self._seen.add(word)
        if len(member) == 1:
            self._words.setdefault(member[0], set()).add(concept)
        else:
            self._phrases.setdefault(member[0], []).append((member, concept))

    def concepts(self, word: str) -> dict[str, float]:
        """The concepts one word stands for, each with how sure its form is."""
        found: dict[str, float] = {}
        for member, strength in self.members(word).items():
            for concept in self._words.get(member, ()):
                found[concept] = max(found.get(concept, 0.0), strength)
        return found

    def phrases(self, words: Sequence[str]) -> list[Span]:
        """Phrase members in words, longest first, left to right, never overlapping."""
        spans: list[Span] = []
        start = 0
        while start < len(words):
            span = self._phrase_at(words, start)
            if span is None:
                start += 1
            else:
                spans.append(span)
                start = span.end
        return spans

    def _phrase_at(self, words: Sequence[str], start: int) -> Span | None:
        best: Span | None = None
        for member, strength in self.members(words[start]).items():
            for phrase, concept in self._phrases.get(member, ()):
                end = start + len(phrase)
                if end > len(words) or (best is not None and end < best.end):
                    continue
                sure = min([strength, *(self.members(token).get(word, 0.0)
                                        for word, token in zip(phrase[1:], words[start + 1:end],
                                                               strict=True))])
                if not sure:
                    continue
                if best is not None and end == best.end:
                    best.concepts[concept] = max(best.concepts.get(concept, 0.0), sure)
                else:
                    best = Span(start, end, {concept: sure})
        return best

    def annotate(self, words: Sequence[str]) -> dict[str, set[str]]:
        """For an FAQ's text: each word's concepts, its own and those of phrases it is in.

        Only sure forms count (no typo correction): an FAQ is written with care."""
        found: dict[str, set[str]] = {}
        for span in self.phrases(words):
            for word in words[span.start:span.end]:
                found.setdefault(word, set()).update(
                    c for c, s in span.concepts.items() if s >= RELATED)
        for word in words:
            found.setdefault(word, set()).update(
                c for c, s in self.concepts(word).items() if s >= RELATED)
        return {w: c for w, c in found.items() if c}


def _name(member: tuple[str, ...], taken: set[str]) -> str:
    name = CONCEPT_MARK + "_".join(member)
    while name in taken:
        name += "'"
    taken.add(name)
    return name


LEXICON = ConceptLexicon.parse(GROUPS)
