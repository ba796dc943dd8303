"""Persian and English text normalization shared by FAQ matching and escalation.

One canonical spelling per word, whatever the visitor's keyboard: Arabic letter forms become
Persian, diacritics, tatweel and invisible joiners go, digits become ASCII, punctuation
becomes a space, and verb prefixes and plural or comparative suffixes join their word however
they were written (space, zero-width non-joiner, or nothing).
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans({
    "ي": "ی", "ى": "ی", "ۍ": "ی", "ې": "ی",
    "ك": "ک", "ڪ": "ک",
    "ة": "ه", "ە": "ه", "ھ": "ه", "ہ": "ه",
    "ٱ": "ا",
    "ء": "",  # a lone hamza ("اجزاء") is dropped: visitors rarely type it
    "\u0640": "",  # tatweel
    "؟": " ", "،": " ", "؛": " ", "«": " ", "»": " ", "٪": " ", "٫": " ", "٬": " ",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
    "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
})
_NON_WORD = re.compile(r"[\W_]+")
_FA = "\u0600-\u06ff"
_VERB_PREFIX = re.compile(rf"(?<![{_FA}])(ن?می) (?=[{_FA}])")
_SUFFIX = re.compile(rf"(?<=[{_FA}]{{2}}) (ها|های|هایی|هایم|هایت|هایش|تر|ترین)(?![{_FA}])")
# After a final ه the ezafe, indefinite and short "to be" endings are written apart:
# "هزینه ی ویزیت", "شماره ای", "بچه ام".
_AFTER_HEH = re.compile(rf"(?<=[{_FA}]ه) (ی|ای|ام|ات|اش|ایم|اید|اند)(?![{_FA}])")
_FA_CHARS = re.compile(f"[{_FA}]")

# Where combining marks (Mn) and format characters (Cf) live: the first three planes, and the
# tags and variation selectors of plane 14 (a test checks that nothing else has one).
MARK_PLANES = (range(0x30000), range(0xE0000, 0xE1000))


def _marks_pattern() -> re.Pattern[str]:
    points = [p for plane in MARK_PLANES for p in plane
              if unicodedata.category(chr(p)) in ("Mn", "Cf")]
    spans: list[tuple[int, int]] = []
    for point in points:
        if spans and spans[-1][1] == point - 1:
            spans[-1] = (spans[-1][0], point)
        else:
            spans.append((point, point))
    return re.compile("[" + "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans) + "]")


_MARKS = _marks_pattern()


def normalize(text: str) -> str:
    """Lower-cased, Persian-normalized text with single spaces and no punctuation.

    "می‌خواهم", "میخواهم" and "می خواهم" all read "میخواهم"; "كتاب ها" reads "کتابها".
    """
    if text.isascii():  # no marks, no Persian letters: most English questions
        return _NON_WORD.sub(" ", text.lower()).strip()
    # Dropping combining marks removes diacritics and folds hamza and madda forms
    # (أ إ آ ؤ ئ ۀ) onto their base letters; dropping format characters removes the
    # zero-width non-joiner and bidi marks.
    kept = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    text = _NON_WORD.sub(" ", kept.translate(_LETTERS).casefold()).strip()
    text = _VERB_PREFIX.sub(r"\1", text)
    text = _SUFFIX.sub(r"\1", text)
    return _AFTER_HEH.sub(r"\1", text)


def unstorable(text: str) -> str | None:
    """Why text cannot be stored and shown again, or None when it can.

    A lone surrogate (JSON can escape one: "\\ud800") no encoder can write out again; a NUL
    character PostgreSQL cannot keep in text at all (SQLite can, so the rule is the domain's:
    one visitor's NUL must never reach a store where it fails the writes batched with it).
    """
    if "\x00" in text:
        return "it holds a NUL character"
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "it holds a lone surrogate"
    return None


def tokens(text: str) -> list[str]:
    return normalize(text).split()


def is_persian(text: str) -> bool:
    return bool(_FA_CHARS.search(text))


# Inflections a word may carry, each as one ending (combinations spelled out) so that a word
# is one ending away from its base: "نوبتهامو" is "نوبت" + "هامو", but "مدیریت" is no "مدیر".
PERSIAN_SUFFIXES = (
    "ها", "های", "هایی", "ان", "ات", "ی", "ای", "یی",  # plural, indefinite, ezafe
    "م", "ت", "ش", "مان", "تان", "شان", "مون", "تون", "شون", "ام", "اش",  # possessive
    "هام", "هات", "هاش", "هایم", "هایت", "هایش", "هامان", "هاتان", "هاشان",
    "هامون", "هاتون", "هاشون",
    "یم", "ید", "ند", "ین", "اید", "ایم", "اند",  # verb endings
    "تر", "ترین", "تری",  # comparative
    "ه", "ست", "هاست", "یه",  # spoken "is": "بازه", "بیمه‌هاست"
    "و", "رو", "مو", "تو", "شو", "امو", "اتو", "اشو", "هامو", "هاتو", "هاشو", "هارو",  # spoken "را"
    "گیری", "دهی", "گذاری",  # nouns of action: "نوبت‌دهی", "نوبت‌گیری", "نمونه‌گیری"
)
ENGLISH_SUFFIXES = (
    "s", "es", "ed", "d", "ing", "ings", "er", "ers", "ly", "y", "ies", "ied", "e",
    "ment", "ments", "ation", "ations", "ion", "ions", "ance", "ances",
    "led", "ling", "lation", "lations",  # "cancelled", "cancellation"
)
_SUFFIXES = frozenset(PERSIAN_SUFFIXES + ENGLISH_SUFFIXES + ("",))


def matches_word(token: str, word: str) -> bool:
    """Whether token is word, or word with a common inflection suffix ("پرداختم" is "پرداخت")."""
    return token.startswith(word) and token[len(word):] in _SUFFIXES


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
