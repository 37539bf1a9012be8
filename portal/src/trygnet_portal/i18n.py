"""Danish and English: the words of each page (``messages/{da,en}.json``, the same keys
in both) and numbers, dates and times formatted per language by Babel. Times are
stored in UTC by the platform and shown in the portal's time zone, with the zone
named, so nobody has to guess whether 14.05 was Copenhagen time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Final
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

LANGUAGES: Final = ("da", "en")
"""What a person may choose; the first is the default unless settings say otherwise."""
LANGUAGE_NAMES: Final = {"da": "Dansk", "en": "English"}


@cache
def messages(language: str) -> dict[str, str]:
    text = resources.files("trygnet_portal").joinpath(f"messages/{language}.json").read_text()
    loaded: dict[str, str] = json.loads(text)
    return loaded


def chosen(language: str | None, default: str) -> str:
    """``language`` if it is one the portal speaks, else ``default``."""
    return language if language in LANGUAGES else default


@dataclass(frozen=True)
class Words:
    """One person's language and time zone, as the templates use them."""

    language: str
    zone: ZoneInfo

    def __call__(self, key: str, **values: object) -> str:
        """The text of ``key`` with ``{name}`` filled in; the key itself if unknown
        (a test asserts none is)."""
        text = messages(self.language).get(key, key)
        return text.format(**values) if values else text

    def known(self, key: str) -> str | None:
        """The text of ``key``, or None where the portal has no words for it (a value
        the API added after this portal was written)."""
        return messages(self.language).get(key)

    def label(self, kind: str, value: object) -> str:
        """An enum value's words: ``label("sector", Sector.POLICE)`` → "Politi"."""
        raw = getattr(value, "value", value)
        return self(f"{kind}.{raw}")

    def options(self, kind: str, values: Iterable[object]) -> list[tuple[str, str]]:
        """(value, words) of each enum value, for a form's choice."""
        return [(str(getattr(value, "value", value)), self.label(kind, value)) for value in values]

    def number(self, value: float | int, digits: int = 0) -> str:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.language)

    def percent(self, share: float) -> str:
        return format_percent(share, format="#,##0\u00a0%", locale=self.language)

    def date(self, value: date) -> str:
        return format_date(value, format="long", locale=self.language)

    def today(self) -> dt.date:
        """Today in the portal's zone: what "overdue" is measured against."""
        return datetime.now(self.zone).date()

    def overdue(self, due: dt.date | None, status: object) -> bool:
        """Open work past its day (``status`` an enum whose open value is OPEN)."""
        return due is not None and due < self.today() and getattr(status, "value", status) == "OPEN"

    def time(self, value: datetime) -> str:
        """A moment in the portal's zone, with the zone's name ("CET", "CEST")."""
        local = value.astimezone(self.zone)
        day = format_date(local, format="medium", locale=self.language)
        clock = format_time(local, format="short", locale=self.language)
        return f"{day} {clock} {local.tzname()}"
