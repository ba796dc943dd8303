"""What Pasokh itself says to visitors, in their language."""

from __future__ import annotations

from domain.small_talk import SmallTalk
from domain.text import is_persian

_TEXTS: dict[str, dict[str, str]] = {
    "escalated": {
        "fa": "گفتگوی شما به کارشناسان پشتیبانی سپرده شد. لطفاً همین‌جا بمانید؛ به‌زودی یکی از همکاران ما پاسخ می‌دهد.",
        "en": "I've passed your conversation to our support team. Please stay here; a person will reply shortly.",
    },
    "escalated_after_error": {
        "fa": "متأسفم، الان نمی‌توانم پاسخ بدهم؛ گفتگوی شما را به کارشناسان پشتیبانی سپردم. به‌زودی یکی از همکاران ما پاسخ می‌دهد.",
        "en": "Sorry, I can't answer right now, so I've passed your conversation to our support team. A person will reply shortly.",
    },
    "agent_joined": {
        "fa": "{agent} به گفتگو پیوست.",
        "en": "{agent} joined the conversation.",
    },
    "transferred": {
        "fa": "گفتگوی شما به {agent} سپرده شد.",
        "en": "Your conversation has been passed to {agent}.",
    },
    "returned_to_queue": {
        "fa": "گفتگوی شما دوباره در صف پشتیبانی قرار گرفت، در ابتدای صف. به‌زودی یکی از همکاران ما پاسخ می‌دهد.",
        "en": "Your conversation is back in the support queue, at its front. A person will reply shortly.",
    },
    "no_answer": {
        "fa": "متأسفم، پاسخ این سؤال را نمی‌دانم. اگر مایلید با یکی از همکاران ما صحبت کنید، بنویسید «کارشناس».",
        "en": "Sorry, I don't know the answer to that. If you'd like to talk to a person, just write \"human\".",
    },
    "ai_budget_spent": {
        "fa": "در این گفتگو دیگر نمی‌توانم به پرسش‌های تازه پاسخ خودکار بدهم. اگر مایلید با یکی از همکاران ما صحبت کنید، بنویسید «کارشناس».",
        "en": "I can't give more automatic answers in this conversation. If you'd like to talk to a person, just write \"human\".",
    },
    "ai_busy": {
        "fa": "الان نمی‌توانم پاسخ خودکار بدهم. لطفاً کمی بعد دوباره بپرسید، یا اگر مایلید با یکی از همکاران ما صحبت کنید، بنویسید «کارشناس».",
        "en": "I can't give an automatic answer right now. Please ask again in a little while, or if you'd like to talk to a person, just write \"human\".",
    },
    "did_you_mean": {
        "fa": "شاید منظورتان یکی از این‌ها بود:",
        "en": "Perhaps you meant one of these:",
    },
    "choose_or_ask_one": {
        "fa": "شاید پاسخ شما این باشد؛ اگر هست، انتخابش کنید. اگر نه، سؤال‌تان را طور دیگری بپرسید یا بنویسید «کارشناس».",
        "en": "This may answer your question; choose it if it does. If not, ask in other words or write \"human\".",
    },
    "choose_or_ask": {
        "fa": "شاید پاسخ شما یکی از این‌ها باشد؛ یکی را انتخاب کنید. اگر نه، سؤال‌تان را طور دیگری بپرسید یا بنویسید «کارشناس».",
        "en": "One of these may answer your question; choose one. If not, ask in other words or write \"human\".",
    },
    "small_talk_greeting": {
        "fa": "سلام! چطور می‌توانم کمکتان کنم؟ سؤال‌تان را همین‌جا بنویسید.",
        "en": "Hello! How can I help you? Write your question here.",
    },
    "small_talk_thanks": {
        "fa": "خواهش می‌کنم! اگر سؤال دیگری دارید، همین‌جا بپرسید.",
        "en": "You're welcome! If you have another question, just ask here.",
    },
    "small_talk_goodbye": {
        "fa": "خدانگهدار! هر وقت سؤالی داشتید، همین‌جا بپرسید.",
        "en": "Goodbye! Whenever you have a question, ask here.",
    },
    "small_talk_acknowledgement": {
        "fa": "اگر سؤال دیگری دارید، بپرسید؛ اگر می‌خواهید با یکی از همکاران ما صحبت کنید، بنویسید «کارشناس».",
        "en": "If you have another question, just ask; to talk to a person, write \"human\".",
    },
}


def small_talk_reply(kind: SmallTalk, text: str) -> str:
    """Pasokh's reply to small talk (domain.small_talk), in the language it was written in."""
    return say(f"small_talk_{kind.value}", language_of(text))


def language_of(text: str) -> str:
    return "fa" if is_persian(text) else "en"


def say(key: str, language: str, **values: str) -> str:
    texts = _TEXTS[key]
    return texts.get(language, texts["en"]).format(**values)
