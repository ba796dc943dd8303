"""Small talk: a message that is only a greeting, thanks, a goodbye or an acknowledgement.

Visitors open with «سلام», "hi", «سلام وقت بخیر», and end with «ممنون», "thanks, bye". None
of that is a question for the FAQ or the model: matched against a catalog it gets "Sorry, I
don't know the answer to that" or an FAQ nobody asked for. A message is small talk only when
every word of it is one of the words below and at least one of them says which kind it is;
a greeting with a question in it («سلام، ساعت کاری‌تان چیست؟») is a question, as before.

The words are a business's visitors', not a catalog's: nothing here depends on the FAQs.
"""

from __future__ import annotations

from enum import StrEnum

from domain.text import normalize


class SmallTalk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    ACKNOWLEDGEMENT = "acknowledgement"


# Words that say which kind a message is, written as visitors write them (normalized below).
_SAYS: dict[SmallTalk, str] = {
    SmallTalk.GOODBYE: "خداحافظ خداحافظی خدانگهدار خدانگه‌دار بدرود بای فعلاً فعلا "
                       "bye goodbye byebye cya khodafez khodahafez",
    SmallTalk.THANKS: "ممنون ممنونم ممنونیم مرسی سپاس سپاسگزارم سپاس‌گزارم متشکرم "
                      "متشکر مچکرم مچکر تشکر نکنه نکنید دمت دمتون قربونت قربانت "
                      "thanks thank thx ty tnx merci mersi mamnoon mamnon mamnoonam "
                      "appreciate appreciated",
    SmallTalk.GREETING: "سلام سلامی درود علیک بخیر به‌خیر نباشید "
                        "hi hello hey hiya greetings morning afternoon evening "
                        "salam slm dorood",
    SmallTalk.ACKNOWLEDGEMENT: "باشه باشد اوکی اوکیه حله فهمیدم آهان اها اهان عالیه "
                               "ok okay okey oki k kk alright cool gotcha understood perfect",
}

# Words that may stand beside those without making the message a question.
_ALSO = ("خیلی بسیار زیاد دستت دستتون دستتان درد لطف لطفتون لطفتان کردید کردین کرد کردی "
         "کمک عالی بود از شما تو وقت وقتتون وقتتان وقتت روز روزتون روزتان شب شبتون عصر صبح ظهر "
         "عزیز جان دوست دوستان خوبید خوبی خوب خوبه حالتون حالت حال چطورید چطوری چطوره "
         "خسته گرم هم و تا بعد خوش متوجه شدم شدیم هستید همگی اقا آقا خانم جناب "
         "there good day night dear all everyone folks how are you doing very much so a lot "
         "alot for the your help great that was helpful many i see got it nice have and "
         "again too khubi khobi khubid khobid mrc")

# Two words that together say more than each alone: «شب بخیر» is a goodbye, not a greeting.
_PAIRS: dict[tuple[str, str], SmallTalk] = {
    ("شب", "بخیر"): SmallTalk.GOODBYE, ("شب", "خوش"): SmallTalk.GOODBYE,
    ("روز", "خوش"): SmallTalk.GOODBYE, ("good", "night"): SmallTalk.GOODBYE,
    ("nice", "day"): SmallTalk.GOODBYE, ("see", "you"): SmallTalk.GOODBYE,
    ("got", "it"): SmallTalk.ACKNOWLEDGEMENT, ("i", "see"): SmallTalk.ACKNOWLEDGEMENT,
    ("متوجه", "شدم"): SmallTalk.ACKNOWLEDGEMENT,
}

MAX_WORDS = 10  # longer than this, it says more than small talk
MAX_CHARACTERS = 100  # the same, told before the text is normalized (the costly part)

_KINDS: dict[str, SmallTalk] = {}
for _kind, _words in _SAYS.items():
    for _word in normalize(_words).split():
        _KINDS.setdefault(_word, _kind)
_ALLOWED = frozenset(normalize(_ALSO).split()) | frozenset(_KINDS)
_PAIRS = {(normalize(a), normalize(b)): kind for (a, b), kind in _PAIRS.items()}
_ORDER = (SmallTalk.GOODBYE, SmallTalk.THANKS, SmallTalk.GREETING, SmallTalk.ACKNOWLEDGEMENT)


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk the whole text is, or None when it says anything more (or
    nothing at all: emoji and punctuation alone are not small talk). "thanks, bye" is a
    goodbye; «سلام، ممنون» is thanks."""
    if len(text) > MAX_CHARACTERS:
        return None
    words = normalize(text).split()
    if not words or len(words) > MAX_WORDS or not _ALLOWED.issuperset(words):
        return None
    kinds = {_KINDS[w] for w in words if w in _KINDS}
    kinds.update(_PAIRS[pair] for pair in zip(words, words[1:], strict=False) if pair in _PAIRS)
    return next((kind for kind in _ORDER if kind in kinds), None)
