"""The texts that are compared by meaning: an FAQ's passage, and a visitor's text as the model
reads it."""

from __future__ import annotations

from domain.faq import FAQ

# Arabic keyboards type these where Persian has its own letters; the model, which learnt
# Persian from Persian text, reads the Persian ones better (docs/faq-matching.md). Nothing
# else changes, so a text without them is embedded, and hashed, exactly as written.
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"})


def for_meaning(text: str) -> str:
    return text.translate(_PERSIAN_LETTERS)


def faq_passage(faq: FAQ) -> str:
    """Question, keywords and answer: a visitor may ask in the words of any of them."""
    keywords = "، ".join(faq.keywords)
    passage = f"{faq.question}\n{keywords}\n{faq.answer}" if keywords \
        else f"{faq.question}\n{faq.answer}"
    return for_meaning(passage)
