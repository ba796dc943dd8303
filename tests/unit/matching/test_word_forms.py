"""Visitor words found again as the FAQ's words: inflections, compounds and typos."""

from __future__ import annotations

import pytest

from domain.matching.edits import within_one_edit
from domain.matching.morphology import bases
from domain.matching.vocabulary import EXACT, INFLECTED, MISSPELT, RELATED, Vocabulary


def vocabulary(*terms: str) -> Vocabulary:
    built = Vocabulary()
    for term in terms:
        built.add(term)
    return built


@pytest.mark.parametrize(
    ("word", "base"),
    [("نوبتهامو", "نوبت"), ("بیمهام", "بیمه"), ("پزشکان", "پزشک"), ("نوبتدهی", "نوبت"),
     ("ارزانترین", "ارزان"), ("میخواهم", "خواهم"), ("appointments", "appointment"),
     ("booking", "book"), ("cancellations", "cancel"), ("میگیرم", "گیر")],
)
def test_a_word_reduces_to_its_base(word: str, base: str) -> None:
    assert base in dict(bases(word))


def test_short_words_are_not_cut_to_nothing() -> None:
    assert dict(bases("کار")) == {"کار": ""}
    assert "زن" in dict(bases("زنان")) and "ک" not in dict(bases("کم"))


@pytest.mark.parametrize(
    ("word", "term", "strength"),
    [("نوبت", "نوبت", EXACT), ("نوبتمو", "نوبت", INFLECTED), ("نوبت", "نوبتهای", INFLECTED),
     ("ساعتای", "ساعتهای", RELATED), ("پرداختم", "پرداخت", INFLECTED),
     ("ناشطا", "ناشتا", MISSPELT), ("insurence", "insurance", MISSPELT),
     ("parkng", "parking", MISSPELT), ("fees", "fee", INFLECTED)],
)
def test_lookup_finds_the_indexed_word(word: str, term: str, strength: float) -> None:
    assert vocabulary(term, "کلینیک").lookup(word).get(term) == strength


@pytest.mark.parametrize(
    ("word", "term"),
    [("کارت", "کاری"),  # share a three-letter base, but are different words
     ("cart", "card"), ("مدیریت", "مدیر"),  # too short for a typo; not a suffix
     ("later", "water"),  # typos keep the first letter
     ("booking", "cooking")],
)
def test_lookup_does_not_confuse_different_words(word: str, term: str) -> None:
    assert term not in vocabulary(term).lookup(word)


def test_an_exactly_known_word_is_not_also_read_as_a_typo() -> None:
    assert vocabulary("parking", "parkinx").lookup("parking") == {"parking": EXACT}


def test_removing_the_last_use_of_a_word_forgets_it_and_its_forms() -> None:
    words = vocabulary("insurance", "insurance")
    words.remove("insurance")
    assert "insurance" in words.lookup("insurence")
    words.remove("insurance")
    assert words.lookup("insurence") == {} and words.lookup("insurance") == {}
    assert "insurance" not in words


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("abcd", "abcd", True), ("abcd", "abxd", True), ("abcd", "abd", True),
     ("abcd", "abcde", True), ("abcd", "bacd", True), ("abcd", "badc", False),
     ("abcd", "ab", False), ("abcd", "xbcy", False)],
)
def test_one_edit(a: str, b: str, expected: bool) -> None:
    assert within_one_edit(a, b) is expected and within_one_edit(b, a) is expected


def test_a_very_long_word_is_not_searched_for_typos(monkeypatch) -> None:  # noqa: ANN001
    """One 4000-letter 'word' must not build thousands of deletion sets on the event loop."""
    from domain.matching import vocabulary

    calls: list[int] = []
    real = vocabulary.deletions
    monkeypatch.setattr(vocabulary, "deletions", lambda w: calls.append(len(w)) or real(w))
    words = vocabulary.Vocabulary()
    words.add("appointment")
    assert words.lookup("x" * 4000) == {}
    assert all(length <= vocabulary.MAX_TYPO_LENGTH for length in calls)
    assert words.lookup("apointment")  # ordinary typos are still found


def test_a_very_long_word_is_not_cut_at_every_letter(monkeypatch) -> None:  # noqa: ANN001
    """Two words typed without their space are split, but a 4000-letter 'word' is not tried
    at 4000 cuts: each cut would look up two long slices, O(n^2) on the event loop."""
    from domain.matching import query
    from domain.matching.concepts import LEXICON

    words = vocabulary("ساعت", "کاری")
    looked_up: list[str] = []
    real = words.lookup
    monkeypatch.setattr(words, "lookup", lambda w, **kw: looked_up.append(w) or real(w, **kw))

    def parse(text: str) -> list[str]:
        looked_up.clear()
        return [w.text for w in query.Query.parse(text, words, LEXICON, lambda _: False).words]

    assert parse("ساعتکاری") == ["ساعت", "کاری"]
    assert parse("ز" * 4000) == ["ز" * 4000]
    assert len(looked_up) <= 2


def test_of_a_very_long_message_only_the_first_words_are_weighed() -> None:
    from domain.matching import query
    from domain.matching.concepts import LEXICON

    words = vocabulary("parking")
    text = " ".join(f"parking{'x' * (i % 7)}" for i in range(400))
    parsed = query.Query.parse(text, words, LEXICON, lambda _: False)
    assert len(parsed.tokens) == query.MAX_QUERY_TOKENS
    assert parsed.words[0].matches == {"parking": EXACT}
