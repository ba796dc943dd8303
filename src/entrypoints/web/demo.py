"""The demo clinic page: one bilingual template, shown in English or Persian."""

from __future__ import annotations

from entrypoints.web.assets import asset

LANGUAGES = {
    "en": {"dir": "ltr", "title": "Niloufar Clinic · Pasokh demo", "chat_title": "Niloufar Clinic"},
    "fa": {"dir": "rtl", "title": "کلینیک نیلوفر · نمایش پاسخ", "chat_title": "کلینیک نیلوفر"},
}


def render_demo(language: str, widget_src: str) -> str:
    """The page with its language, direction and the absolute widget URL filled in.

    `widget_src` must already be HTML-escaped: it comes from the request's Host header.
    """
    values = {"lang": language, "widget_src": widget_src, **LANGUAGES[language]}
    page = asset("demo.html").body.decode()
    for name, value in values.items():
        page = page.replace("{{" + name + "}}", value)
    return page
