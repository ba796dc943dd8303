"""A visitor's text as words looked up in the vocabulary, with joined and split compounds."""

from __future__ import annotations

from dataclasses import dataclass

from domain.matching.lexicon import QUESTION_WORDS, content_words
from domain.matching.vocabulary import INFLECTED, Vocabulary
from domain.text import tokens


@dataclass(frozen=True)
class QueryWord:
    text: str
    matches: dict[str, float]  # indexed term -> how sure the word is that term


@dataclass(frozen=True)
class Query:
    tokens: tuple[str, ...]  # every normalized word, stopwords included, for keyword phrases
    words: tuple[QueryWord, ...]  # content words, each looked up once

    @classmethod
    def parse(cls, text: str, vocabulary: Vocabulary) -> Query:
        all_tokens = tuple(tokens(text))
        content = content_words(list(all_tokens))
        words = _words(content, vocabulary)
        return cls(all_tokens, tuple(w for w in words if w.matches or w.text not in QUESTION_WORDS))


def _words(content: list[str], vocabulary: Vocabulary) -> list[QueryWord]:
    words: list[QueryWord] = []
    position = 0
    while position < len(content):
        word = content[position]
        if position + 1 < len(content):
            joined = _known(word + content[position + 1], vocabulary, longer_than=len(word))
            if joined is not None:  # "نوبت دهی" written apart is the FAQ's "نوبت‌دهی"
                words.append(joined)
                position += 2
                continue
        matches = vocabulary.lookup(word)
        words.extend([QueryWord(word, matches)] if matches else _split(word, vocabulary))
        position += 1
    return words


def _known(word: str, vocabulary: Vocabulary, longer_than: int = 0) -> QueryWord | None:
    """word when it is, or inflects, an indexed term longer than longer_than letters."""
    matches = {t: s for t, s in vocabulary.lookup(word).items()
               if s >= INFLECTED and len(t) > longer_than}
    return QueryWord(word, matches) if matches else None


def _split(word: str, vocabulary: Vocabulary) -> list[QueryWord]:
    """"ساعتکاری" typed without its space is "ساعت" and "کاری" when both are known."""
    for cut in range(3, len(word) - 2):
        left, right = _known(word[:cut], vocabulary), _known(word[cut:], vocabulary)
        if left is not None and right is not None:
            return [left, right]
    return [QueryWord(word, {})]
