"""What a visitor asked, what was said before, and the FAQs the matcher ranked."""

from __future__ import annotations

from application.ports import FAQSuggestion, Turn
from domain.faq import FAQ, FAQContent

HOURS = FAQ("faq-hours", FAQContent("When is the clinic open?", "Every day from 9:00 to 17:00."))
PARKING = FAQ("faq-parking", FAQContent("Is there parking?", "Free parking behind the building."))
SUGGESTIONS = [FAQSuggestion(HOURS, 0.42), FAQSuggestion(PARKING, 0.18)]
HISTORY = [
    Turn("user", "Hello, I have a question about my visit."),
    Turn("bot", "Hello! How can I help?"),
]
QUESTION = "Are you open on Saturday mornings?"
PERSIAN_QUESTION = "آیا شنبه صبح باز هستید؟"
