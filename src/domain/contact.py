"""A way to reach a visitor the team could not answer: a name, an email, a phone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import InvalidContact
from domain.text import unstorable

MAX_NAME = 100
MAX_EMAIL = 254
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
# Persian (۰-۹) and Arabic-Indic (٠-٩) digits read as 0-9
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?\d{7,15}$")


@dataclass(frozen=True)
class Contact:
    name: str | None
    email: str | None
    phone: str | None

    @classmethod
    def of(cls, name: str | None, email: str | None, phone: str | None) -> Contact:
        """Trimmed and checked; the phone in ASCII digits without separators."""
        contact = cls(clean_name(name), clean_email(email), clean_phone(phone))
        if contact.email is None and contact.phone is None:
            raise InvalidContact("email", "an email or a phone number is required")
        return contact


def clean_name(name: str | None) -> str | None:
    trimmed = " ".join((name or "").split())
    if len(trimmed) > MAX_NAME:
        raise InvalidContact("name", f"the name must be at most {MAX_NAME} characters")
    if trimmed and unstorable(trimmed) is not None:
        raise InvalidContact("name", "the name must be plain text")
    return trimmed or None


def clean_email(email: str | None) -> str | None:
    trimmed = (email or "").strip()
    if not trimmed:
        return None
    if len(trimmed) > MAX_EMAIL or not _EMAIL.match(trimmed):
        raise InvalidContact("email", "the email address is not valid")
    return trimmed


def clean_phone(phone: str | None) -> str | None:
    digits = _PHONE_SEPARATORS.sub("", (phone or "").translate(_DIGITS))
    if not digits:
        return None
    if not _PHONE.match(digits):
        raise InvalidContact("phone", "the phone number must have 7 to 15 digits")
    return digits
