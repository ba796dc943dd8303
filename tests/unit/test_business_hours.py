"""Business hours: reading CHAT_BUSINESS_HOURS strictly, open or not, when they open next."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.business_hours import Availability, BusinessHours, availability
from domain.errors import InvalidBusinessHours

TEHRAN = ZoneInfo("Asia/Tehran")
HOURS = BusinessHours.parse("sat-wed 09:00-17:00; thu 09:00-13:00")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in Tehran in the week of Saturday 2026-01-03 (day 0 Saturday ... 6 Friday)."""
    return datetime(2026, 1, 3 + day, hour, minute, tzinfo=TEHRAN)


def test_saturday_first_ranges_cover_the_days_named() -> None:
    assert HOURS.is_open(at(0, 9))  # Saturday
    assert HOURS.is_open(at(4, 16, 59))  # Wednesday
    assert not HOURS.is_open(at(4, 17))  # the end is not in the span
    assert HOURS.is_open(at(5, 12, 30)) and not HOURS.is_open(at(5, 13))  # Thursday
    assert not HOURS.is_open(at(6, 10))  # Friday: closed


def test_the_next_opening_is_the_next_start_in_the_teams_zone() -> None:
    assert HOURS.next_opening(at(5, 14)) == at(7, 9)  # Thursday afternoon -> Saturday 9:00
    assert HOURS.next_opening(at(1, 7)) == at(1, 9)  # Sunday early -> the same morning
    assert HOURS.next_opening(at(1, 9)) == at(2, 9)  # open now: the next start after now


def test_ranges_wrap_lists_and_several_spans_a_day() -> None:
    hours = BusinessHours.parse("thu-sat 10:00-12:00, 13:00-24:00;mon,wed 08:30-09:00")
    assert hours.is_open(at(6, 23, 59)) and hours.is_open(at(0, 11))  # Friday, Saturday
    assert not hours.is_open(at(0, 12, 30))  # the lunch break
    assert hours.is_open(at(2, 8, 45)) and not hours.is_open(at(1, 8, 45))  # Monday, Sunday


def test_no_schedule_is_always_open() -> None:
    hours = BusinessHours.parse("  ")
    assert hours.always_open and hours.is_open(at(6, 3)) and hours.next_opening(at(6, 3)) is None


@pytest.mark.parametrize("text", [
    "saturday 09:00-17:00", "sat 9-17", "sat 09:00-17:00-18:00", "sat-xyz 09:00-10:00",
    "sat 17:00-09:00", "sat 09:00-24:30", "sat 25:00-26:00", "sat 09:60-10:00",
    "sat 09:00-12:00, 11:00-13:00", "sat-mon 09:00-10:00; sun 11:00-12:00", "sat",
])
def test_anything_unreadable_is_refused_with_the_part_that_is_wrong(text: str) -> None:
    with pytest.raises(InvalidBusinessHours):
        BusinessHours.parse(text)


def test_offline_outside_the_hours_says_when_and_in_hours_only_without_agents() -> None:
    assert availability(HOURS, at(6, 10), agents_online=True) == Availability(True, at(7, 9))
    assert availability(HOURS, at(0, 10), agents_online=False) == Availability(True, None)
    assert availability(HOURS, at(0, 10), agents_online=True) == Availability(False, None)


def test_the_settings_refuse_unreadable_hours_or_an_unknown_zone_at_start_up() -> None:
    from pydantic import ValidationError

    from entrypoints.settings import Settings

    with pytest.raises(ValidationError, match="CHAT_BUSINESS_HOURS is refused: 'sat 9-17'"):
        Settings(chat_business_hours="sat 9-17")
    with pytest.raises(ValidationError, match="CHAT_TIMEZONE is refused"):
        Settings(chat_timezone="Mars/Olympus")
    settings = Settings(chat_business_hours=" sat-wed 09:00-17:00 ")
    assert settings.chat_timezone == "Asia/Tehran"


def test_the_settings_refuse_a_mail_url_that_is_not_smtp() -> None:
    from pydantic import ValidationError

    from entrypoints.settings import Settings

    with pytest.raises(ValidationError, match="SMTP_URL is refused"):
        Settings(smtp_url="http://mail.example.com")
    assert Settings(smtp_url=" ").smtp_url is None
