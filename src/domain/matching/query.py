"""A visitor's text as words looked up in the vocabulary, with joined and split compounds,
and the concepts of the support lexicon each word or phrase stands for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from domain.matching.concepts import ConceptLexicon, Span
from domain.matching.lexicon import QUESTION_WORDS, content_words, written
from domain.matching.vocabulary import INFLECTED, Vocabulary
from domain.text import tokens

# A synonym is good evidence, but less than the FAQ's own word: "reserve" reaches an FAQ
# about booking, and an FAQ that says "reserve" itself still ranks first.
SYNONYM = 0.8
# Two words typed without their space are rarely longer than this; a longer "word" (a pasted
# token, a flood of one letter) is not tried at every cut, which would cost O(n^2).
MAX_SPLIT_LENGTH = 24
# FAQ questions are a sentence or two; of a longer message only the first words are weighed,
# so a 4000-character message costs a few milliseconds of matching, not tens.
MAX_QUERY_TOKENS = 100


@dataclass(frozen=True)
class QueryWord:
    text: str
    matches: dict[str, float]  # indexed term or concept -> how sure the word is that term


@dataclass(frozen=True)
class Query:
    tokens: tuple[str, ...]  # every word in written form, stopwords included, for keywords
    words: tuple[QueryWord, ...]  # content words and lexicon phrases, each looked up once
    # for every term, concept or word the visitor wrote: the surest word for it, and how sure
    best: dict[str, tuple[float, str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, vocabulary: Vocabulary, lexicon: ConceptLexicon,
              indexed: Callable[[str], bool]) -> Query:
        spoken = [written(t) for t in tokens(text)[:MAX_QUERY_TOKENS]]
        words: list[QueryWord] = []
        start = 0
        for span in [*lexicon.phrases(spoken), Span(len(spoken), len(spoken), {})]:
            words += [_with_concepts(w, lexicon.concepts(w.text), indexed)
                      for w in _words(content_words(spoken[start:span.start]), vocabulary)]
            words += _phrase(span, spoken, vocabulary, lexicon, indexed)
            start = span.end
        kept = tuple(w for w in words if w.matches or w.text not in QUESTION_WORDS)
        return cls(tuple(spoken), kept, _best(kept))


def _best(words: tuple[QueryWord, ...]) -> dict[str, tuple[float, str]]:
    best: dict[str, tuple[float, str]] = {}
    for word in words:
        for term, strength in (*word.matches.items(), (word.text, 1.0)):
            if (strength, word.text) > best.get(term, (0.0, "")):
                best[term] = (strength, word.text)
    return best


def _with_concepts(word: QueryWord, concepts: dict[str, float],
                   indexed: Callable[[str], bool]) -> QueryWord:
    matches = dict(word.matches)
    for concept, strength in concepts.items():
        if indexed(concept):
            matches[concept] = max(matches.get(concept, 0.0), SYNONYM * strength)
    return QueryWord(word.text, matches)


def _phrase(span: Span, spoken: list[str], vocabulary: Vocabulary, lexicon: ConceptLexicon,
            indexed: Callable[[str], bool]) -> list[QueryWord]:
    """The words of a lexicon phrase, each also standing for the phrase's concepts.

    "car park": "car" and "park" both stand for parking, and each still matches as written.
    A phrase of question words only ("how much") becomes one word that stands for its
    concept alone: it says more than its words do."""
    if not span.concepts:  # the end of the message
        return []
    content = content_words(spoken[span.start:span.end])
    if all(word in QUESTION_WORDS for word in content):
        text = " ".join(spoken[span.start:span.end])
        return [_with_concepts(QueryWord(text, {}), span.concepts, indexed)]
    return [_with_concepts(word, {**lexicon.concepts(word.text), **span.concepts}, indexed)
            if word.text not in QUESTION_WORDS else word
            for word in _words(content, vocabulary)]


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
    matches = {t: s for t, s in vocabulary.lookup(word, typos=False).items()
               if s >= INFLECTED and len(t) > longer_than}
    return QueryWord(word, matches) if matches else None


def _split(word: str, vocabulary: Vocabulary) -> list[QueryWord]:
    """"ساعتکاری" typed without its space is "ساعت" and "کاری" when both are known."""
    if len(word) > MAX_SPLIT_LENGTH:
        return [QueryWord(word, {})]
    for cut in range(3, len(word) - 2):
        left, right = _known(word[:cut], vocabulary), _known(word[cut:], vocabulary)
        if left is not None and right is not None:
            return [left, right]
    return [QueryWord(word, {})]
