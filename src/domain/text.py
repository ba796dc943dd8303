"""Persian and English text normalization shared by FAQ matching and escalation."""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans({
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه",
    "أ": "ا", "إ": "ا", "ٱ": "ا", "آ": "ا", "ؤ": "و",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
    "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "؟": " ", "،": " ", "؛": " ", "«": " ", "»": " ",
    "\u0640": "",  # tatweel
})
_ZWNJ = "\u200c"
_JOINERS = re.compile("[\u200b\u200d\u2060\ufeff]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_PREFIX_MI = re.compile(r"\b(ن?می) (?=\w)")

_FA_CHARS = re.compile("[\u0600-\u06ff]")


def normalize(text: str) -> str:
    """Lower-cased, Persian-normalized text with single spaces and no punctuation.

    ZWNJ is dropped so that "می‌خواهم", "میخواهم" and "می خواهم" all read "میخواهم".
    """
    text = unicodedata.normalize("NFKC", text).translate(_LETTERS)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")  # diacritics
    text = _JOINERS.sub("", text).replace(_ZWNJ, "")
    text = _NON_WORD.sub(" ", text.casefold()).strip()
    return _PREFIX_MI.sub(r"\1", text)


def tokens(text: str) -> list[str]:
    return [token for token in normalize(text).split() if token]


def is_persian(text: str) -> bool:
    return bool(_FA_CHARS.search(text))


PERSIAN_SUFFIXES = ("", "ی", "ها", "های", "هایی", "ای", "م", "ت", "ش", "یم", "ید", "ند",
                    "مان", "تان", "شان", "ام", "ات", "اش", "هام", "هات", "هاش", "تر", "ترین")
ENGLISH_SUFFIXES = ("", "s", "es", "ed", "ing", "d")


def matches_word(token: str, word: str) -> bool:
    """Whether token is word, or word with a common inflection suffix ("پرداختم" is "پرداخت")."""
    if not token.startswith(word):
        return False
    rest = token[len(word):]
    return rest in PERSIAN_SUFFIXES or rest in ENGLISH_SUFFIXES


def contains_phrase(text_tokens: list[str], phrase: str) -> bool:
    """Whether the normalized phrase occurs as consecutive words (last word may be inflected)."""
    words = tokens(phrase)
    if not words:
        return False
    size = len(words)
    for start in range(len(text_tokens) - size + 1):
        window = text_tokens[start:start + size]
        if window[:-1] == words[:-1] and matches_word(window[-1], words[-1]):
            return True
    return False
