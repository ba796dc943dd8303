"""The text of an FAQ that stands for it when it is compared by meaning."""

from __future__ import annotations

from domain.faq import FAQ


def faq_passage(faq: FAQ) -> str:
    """Question, keywords and answer: a visitor may ask in the words of any of them."""
    keywords = "، ".join(faq.keywords)
    return f"{faq.question}\n{keywords}\n{faq.answer}" if keywords \
        else f"{faq.question}\n{faq.answer}"
