"""ISO weeks (``2026-W38``), the period of the weekly situation picture.

A week runs Monday to Sunday, and its year is the ISO year (the year of its
Thursday), so ``2026-W01`` starts on Monday 29 December 2025. The incidents service
records decisions against a week, reporting counts observations per week and the
gateway refuses a week that is not one; all three read weeks here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Final

from trygnet_core.errors import BadUserInput

_WEEK: Final = re.compile(r"^([0-9]{4})-W([0-9]{2})$")
FIRST_YEAR: Final = 1900
"""Weeks before this year are refused: a picture compares a week with the weeks and
the year before it, which year 1's first weeks do not have (a date past the calendar)."""


def iso_week(value: object, *, field: str = "week") -> str:
    """The week as ``YYYY-Www``, or ``BadUserInput`` naming ``field``: the format is
    right, the year is ``FIRST_YEAR`` or later and has that week (only some years have
    a week 53)."""
    match = _WEEK.match(value) if isinstance(value, str) else None
    if match is None:
        raise BadUserInput(f"{field} is an ISO week: 2026-W38", field=field)
    year, number = int(match[1]), int(match[2])
    if year < FIRST_YEAR:
        raise BadUserInput(f"{field}: a week from {FIRST_YEAR} on", field=field)
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        raise BadUserInput(f"{field}: that year has no such week", field=field) from None
    return f"{year:04d}-W{number:02d}"


def monday(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def week_of(day: date | datetime | str) -> str:
    """The ISO week a day (or moment, or ISO text of either) falls in."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    year, number, _ = day.isocalendar()
    return f"{year:04d}-W{number:02d}"


def shifted(week: str, weeks: int) -> str:
    """The week ``weeks`` later (earlier, if negative)."""
    return week_of(monday(week) + timedelta(weeks=weeks))


def same_week_last_year(week: str) -> str:
    """The week of the same number a year before; week 53 of a year whose year before
    has none compares with that year's week 52."""
    year, number = (int(part) for part in week.split("-W"))
    try:
        date.fromisocalendar(year - 1, number, 1)
    except ValueError:
        number = 52
    return f"{year - 1:04d}-W{number:02d}"
