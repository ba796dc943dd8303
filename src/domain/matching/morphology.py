"""Word forms: the bases a word reduces to once inflection suffixes and verb prefixes go."""

from __future__ import annotations

from functools import lru_cache

from domain.text import ENGLISH_SUFFIXES, PERSIAN_SUFFIXES, is_persian

VERB_PREFIXES = ("نمی", "می")
_PERSIAN = sorted(PERSIAN_SUFFIXES, key=len, reverse=True)
_ENGLISH = sorted(ENGLISH_SUFFIXES, key=len, reverse=True)
_BARE_ENGLISH = ("d", "e")  # one letter that ends many words without inflecting them


@lru_cache(maxsize=65536)
def bases(word: str) -> tuple[tuple[str, str], ...]:
    """(base, affix) pairs for word, itself first with an empty affix.

    "نوبتهامو" gives ("نوبتهامو", ""), ("نوبتهام", "و"), ("نوبتها", "مو"), ("نوبت", "هامو").
    A base keeps at least three letters, or two when the ending is longer than one letter
    ("زنان" is "زن"), so short words are not cut to nothing. Persian verbs also lose their
    "می" or "نمی" prefix: "میگیرم" has the base "گیر".
    """
    persian = is_persian(word)
    found: dict[str, str] = {word: ""}
    stems = [(word, "")]
    if persian:
        stems += [(word[len(p):], p + "-") for p in VERB_PREFIXES
                  if word.startswith(p) and len(word) - len(p) >= 3]
    for stem, prefix in stems:
        found.setdefault(stem, prefix)
        for suffix in _PERSIAN if persian else _ENGLISH:
            if stem.endswith(suffix) and _long_enough(stem, suffix, persian):
                found.setdefault(stem[: -len(suffix)], prefix + suffix)
    return tuple(found.items())


def _long_enough(stem: str, suffix: str, persian: bool) -> bool:
    left = len(stem) - len(suffix)
    if not persian:
        if suffix in _BARE_ENGLISH:  # "closed" is "close", but "card" is no "car"
            return left >= 4 and (suffix != "d" or stem[left - 1] == "e")
        return left >= 3
    return left >= 3 or (left >= 2 and len(suffix) >= 2)
