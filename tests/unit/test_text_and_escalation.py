from __future__ import annotations

import pytest

from domain.escalation import EscalationPolicy
from domain.text import normalize, tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("می‌خواهم", "میخواهم"),
        ("می خواهم", "میخواهم"),
        ("میخواهم", "میخواهم"),
        ("نوبت بگيرم؟", "نوبت بگیرم"),  # Arabic yeh, Persian question mark
        ("كلينيك", "کلینیک"),  # Arabic kaf
        ("ساعت ۸ تا ٢٠", "ساعت 8 تا 20"),  # Persian and Arabic-Indic digits
        ("سـلام", "سلام"),  # tatweel
        ("مُشکِل", "مشکل"),  # diacritics
        ("«قیمت»، لطفاً!", "قیمت لطفا"),
        ("Hello,   WORLD!", "hello world"),
    ],
)
def test_normalization(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_tokens_split_on_whitespace_and_punctuation() -> None:
    assert tokens("book;an appointment?") == ["book", "an", "appointment"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("مشکل با پرداخت دارم", "keyword:پرداخت"),
        ("یه مشکلی پیش اومده", "keyword:مشکل"),
        ("پرداختم انجام نشد", "keyword:پرداخت"),
        ("مشكل دارم", "keyword:مشکل"),  # Arabic kaf
        ("شكايت دارم از پذيرش", "keyword:شکایت"),  # Arabic kaf and yeh
        ("با پشتیبانی‌تون کار دارم", "keyword:پشتیبانی"),  # suffix after a ZWNJ
        ("مُدیرِ کلینیک کجاست", "keyword:مدیر"),  # diacritics
        ("نوبتمو لغوش کنید", "keyword:لغو"),
        ("پرداختنی نیست", None),  # another word that starts with a keyword
        ("می‌خواهم نوبتم را لغو کنم", "keyword:لغو"),
        ("Can I talk to a human?", "visitor_request"),
        ("لطفاً وصل کنید به اپراتور", "visitor_request"),
        ("با یک کارشناس صحبت کنم", "visitor_request"),
        ("مدیریت سایت عالی است", None),  # contains مدیر but is another word
        ("When are you open?", None),
        ("Let me talk to someone now", "visitor_request"),  # a phrase of several words
        ("let me talk to you about someone", None),  # its words, not in a row
        ("I need a human, the payment: پرداخت", "keyword:پرداخت"),  # keywords come first
        ("اپراتور لطفا، مشکل دارم", "keyword:مشکل"),  # wherever they are in the text
        ("cleaning talk to", None),  # a phrase cut short by the end of the text
    ],
)
def test_escalation_reasons(text: str, reason: str | None) -> None:
    assert EscalationPolicy().reason_for(text) == reason


def test_configured_keywords_replace_the_defaults() -> None:
    policy = EscalationPolicy.with_keywords(["refund", " ", "lawyer"])
    assert policy.keywords == ("refund", "lawyer")
    assert policy.reason_for("I want my refunds") == "keyword:refund"
    assert policy.reason_for("مشکل دارم") is None


def test_every_mark_and_format_character_is_where_normalize_looks() -> None:
    import unicodedata

    from domain.text import MARK_PLANES
    everywhere = {p for p in range(0x110000) if unicodedata.category(chr(p)) in ("Mn", "Cf")}
    looked_at = {p for plane in MARK_PLANES for p in plane}
    assert everywhere <= looked_at
