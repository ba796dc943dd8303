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
نمیتونم نمیتوانم نمیتونیم نمیشد بشم بشه بشیم بشید بشین وقتی میخوایم میخواید
دهم بدهم دهید بدهید میدهم میدم میدهیم لازم لازمه نیاز برام برات براش برامون براتون
"""
STOPWORDS = frozenset(normalize(_ENGLISH + _PERSIAN).split())


def is_stopword(word: str) -> bool:
    """Question words ("where", "کجا") are kept: they tell an address from opening hours."""
    return word in STOPWORDS or len(word) < 2 or word.isdigit()


# Spoken Persian respells a closed set of everyday words; FAQs are written in the formal form.
_SPOKEN = {
    "چطوری": "چطور", "چجوری": "چطور", "چجور": "چطور", "چگونه": "چطور",
    "کجاست": "کجا", "کدوم": "کدام", "کدومه": "کدام", "کدومش": "کدام",
    "چقد": "چقدر", "چقدره": "چقدر", "چنده": "چقدر",
    "خونه": "خانه", "خونم": "خانهام", "خونتون": "خانهتان",
    "بیام": "بیایم", "بیاین": "بیایید", "بیاید": "بیایید", "میاین": "میایید", "میام": "میایم",
    "بدم": "بدهم", "بدین": "بدهید", "میدم": "میدهم",
    "بیارم": "بیاورم", "بیارین": "بیاورید", "بیارید": "بیاورید", "بیاریم": "بیاوریم",
    "کیا": "کی",
}
WRITTEN = {normalize(k): normalize(v) for k, v in _SPOKEN.items()}
_PRESENT = ("می", "نمی")


def written(word: str) -> str:
    """The written form of a spoken word: a closed list, and two regular verb endings.

    Spoken present-tense verbs end in "ه" for "د" ("طول میکشه" is "طول میکشد") and in
    "ین" for "ید" ("میکنین" is "میکنید")."""
    if word in WRITTEN:
        return WRITTEN[word]
    if word.startswith(_PRESENT) and len(word) >= 5:
        if word.endswith("ه"):
            return word[:-1] + "د"
        if word.endswith("ین"):
            return word[:-2] + "ید"
    return word


# Question words tell "where" from "when" when the FAQs use them, and nothing when they don't.
# "Why" is not among them: "why won't it open" reports a problem that no how-to FAQ answers.
QUESTION_WORDS = frozenset(normalize("""
how when where who much many چطور چگونه کی کجا چقدر چند کدام
""").split())


# Words that say when, not what: "open tomorrow" asks for the opening hours. A visitor's
# qualifier that no FAQ holds weighs little against an FAQ, unlike an unknown topic word.
QUALIFIERS = frozenset(normalize("""
today tomorrow tonight yesterday morning mornings afternoon evening evenings night nights
weekend weekends weekday weekdays week next this early soon now usually
امروز فردا امشب دیروز صبح صبحا صبحها عصر عصرا شب شبا شبها ظهر هفته بعد بعدی آینده
معمولا زود الان
""").split())


def content_words(words: list[str]) -> list[str]:
    """The words that carry meaning, each in its written form."""
    return [written(w) for w in words if not (is_stopword(w) or is_stopword(written(w)))]
