"""One spelling per word, whatever keyboard or habit wrote it."""

from __future__ import annotations

import pytest

from domain.text import normalize, tokens

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["می‌خواهم", "میخواهم", "می خواهم", "مي خواهم"], "میخواهم"),
        (["نمی‌دانم", "نمیدانم", "نمی دانم"], "نمیدانم"),
        (["کتاب‌ها", "کتابها", "کتاب ها"], "کتابها"),
        (["بیمه‌های", "بیمههای", "بیمه های"], "بیمههای"),
        (["بزرگ‌تر", "بزرگتر", "بزرگ تر"], "بزرگتر"),
        (["ارزان‌ترین", "ارزانترین", "ارزان ترین"], "ارزانترین"),
        (["هزینه‌ی ویزیت", "هزینه ی ویزیت", "هزینهی ویزیت"], "هزینهی ویزیت"),
        (["بچه‌ام", "بچه ام", "بچهام"], "بچهام"),
    ],
)
def test_zero_width_non_joiner_space_and_nothing_read_alike(variants: list[str],
                                                            expected: str) -> None:
    assert {normalize(v) for v in variants} == {expected}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("علي", "علی"), ("مصطفى", "مصطفی"), ("مسئول", "مسیول"),  # Arabic yeh forms
        ("كلينيك", "کلینیک"),  # Arabic kaf
        ("ساعة", "ساعه"), ("خانۀ", "خانه"), ("خانهٔ", "خانه"),  # teh marbuta, ezafe hamza
        ("أحمد", "احمد"), ("إسلام", "اسلام"), ("مسؤول", "مسوول"),  # hamza forms
        ("آزمایش", "ازمایش"), ("اجزاء", "اجزا"),  # madda and lone hamza
        ("ﻛﻠﻴﻨﻴﻚ", "کلینیک"),  # Arabic presentation forms
        ("بـــیمه", "بیمه"), ("دَکتُر", "دکتر"), ("فوراً", "فورا"),  # tatweel, diacritics
        ("۰۹۱۲ ٣٤٥", "0912 345"),  # Persian and Arabic-Indic digits
        ("«نوبت»؟ بله، حتما؛ ممنون!", "نوبت بله حتما ممنون"),  # Persian punctuation
        ("\u200fسلام\u200e", "سلام"),  # bidi marks
        ("Opening HOURS?", "opening hours"), ("STRASSE", "strasse"), ("Café", "cafe"),
        ("a_b-c", "a b c"),
    ],
)
def test_letter_forms_digits_punctuation_and_case(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_verb_prefix_joins_only_a_persian_word() -> None:
    assert normalize("می 2 تا") == "می 2 تا"
    assert normalize("کمی خواهم") == "کمی خواهم"  # "می" ends another word here


def test_tokens_of_a_mixed_message() -> None:
    assert tokens(f"سلام، می{ZWNJ}خواستم appointment بگيرم؟") == [
        "سلام", "میخواستم", "appointment", "بگیرم"]
    assert tokens("  ") == []
