"""Which words carry meaning for matching, and the written form of common spoken ones."""

from __future__ import annotations

from domain.text import normalize

_ENGLISH = """
a an the is are am was were be been being do does did done doing i im me my mine you your
yours u ur we us our ours he she they them their it its this that these those there here
to of for in on at by from with about into onto as and or but if so than then too very
can could would should will shall may might must need want wanted like d ll ve re s t
whom whether please pls plz hi hello hey thanks thank
get got any some anything something just also still yet not no yes ok okay
what which more most tell know let lets possible able have has had take takes make give go come
"""
_PERSIAN = """
از به با در بر تا که را رو این اون آن همین همون است هست هستش هستن هستند هستید هستین
نیست نیستید نیستین بود بودن باشد باشه باشم باشید باشین شد شده شود میشه میشود میشد شه
چه چی چیه چیست آیا ایا
من ما شما تو او ایشان اونها آنها مون تون شون یک یه یکی برای واسه و یا هم
دارید دارین داره دارم داریم دارند دارن داشته داشتم باید بایست میخوام میخواهم میخواستم
میتونم میتوانم میتونید میتوانید میتونین میتوان میشود خواستم خواهم بدونم بپرسم بگید بگین
لطفا سلام ممنون مرسی متشکرم ببخشید خسته نباشید بخیر
اگه اگر الان حالا خیلی کمی اینکه اینجا اونجا آنجا چیزی کسی هر همه
کنم کنید کنین کنیم میکنم میکنید میکنین میکنیم بکنم کرد کرده کردن
انجام میدهید میدید میدین میدن بدید بدین نمیشه
"""
STOPWORDS = frozenset(normalize(_ENGLISH + _PERSIAN).split())


def is_stopword(word: str) -> bool:
    """Question words ("where", "کجا") are kept: they tell an address from opening hours."""
    return word in STOPWORDS or len(word) < 2 or word.isdigit()


# Spoken Persian respells a closed set of everyday words; FAQs are written in the formal form.
_SPOKEN = {
    "چطوری": "چطور", "چجوری": "چطور", "چجور": "چطور", "چگونه": "چطور",
    "کجاست": "کجا", "کدوم": "کدام", "کدومه": "کدام", "کدومش": "کدام",
    "چقد": "چقدر", "چقدره": "چقدر", "خونه": "خانه", "خونم": "خانهام", "خونتون": "خانهتان",
}
WRITTEN = {normalize(k): normalize(v) for k, v in _SPOKEN.items()}


# Question words tell "where" from "when" when the FAQs use them, and nothing when they don't.
QUESTION_WORDS = frozenset(normalize("""
how when where who why much many چطور چگونه کی کجا چقدر چند چرا کدام
""").split())


def content_words(words: list[str]) -> list[str]:
    """The words that carry meaning, each in its written form."""
    written = (WRITTEN.get(w, w) for w in words)
    return [w for w in written if not is_stopword(w)]
