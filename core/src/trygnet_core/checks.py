"""Checks every service's domain applies to what users send, each naming the field it refuses.

They raise ``BadUserInput`` with the field in camelCase (``targetAgeTo``,
``results.3.respondents``) and never echo personal values. Events keep dates as ISO
text, moments as ISO text in UTC (so both sort as text), and nested records as plain
dicts with enum values as text: only those read back from JSON unchanged.

``References`` is what a handler found in its service's replica of the actors
service for one command: the areas in use, the actors that exist, and for a merged
actor the survivor it now answers to.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final, TypeVar

from trygnet_core.errors import BadUserInput

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


@dataclass(frozen=True)
class References:
    """What a handler looked up in its service's replica of the actors service for one command.

    ``survivors`` maps a merged actor's id to the actor it was merged into, so a
    reference by an old id is stored as the organisation's id of today.
    """

    areas: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    survivors: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def survivor(self, actor_id: str) -> str:
        """The id the actor answers to now: its survivor's, through every merge."""
        seen = {actor_id}
        while actor_id in self.survivors and self.survivors[actor_id] not in seen:
            actor_id = self.survivors[actor_id]
            seen.add(actor_id)
        return actor_id

    def actor(self, actor_id: str, *, field: str) -> str:
        survivor = self.survivor(actor_id)
        if survivor not in self.actors:
            raise BadUserInput("no actor with that id", field=field)
        return survivor

    def actor_ids(self, actor_ids: Iterable[str], *, field: str) -> tuple[str, ...]:
        return unique(self.actor(actor_id, field=field) for actor_id in actor_ids)

    def member(self, members: Collection[str], actor_id: str) -> str | None:
        """Which of the actor's ids, as given or as its survivor's, is among ``members``."""
        for candidate in (actor_id, self.survivor(actor_id)):
            if candidate in members:
                return candidate
        return None

    def area(self, area_id: str, *, field: str = "areaId") -> str:
        if area_id not in self.areas:
            raise BadUserInput("no area with that id in use", field=field)
        return area_id

    def area_ids(self, area_ids: Iterable[str], *, field: str = "areas") -> tuple[str, ...]:
        return unique(self.area(area_id, field=field) for area_id in area_ids)


_WEB_LINK: Final = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_PERIOD: Final = re.compile(r"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")


def name_key(name: str) -> str:
    """What makes two area names the same: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


def required_text(value: object, *, field: str, max_length: int = 200) -> str:
    text = _text(value, field=field)
    if not text:
        raise BadUserInput(f"{field} must not be empty", field=field)
    if len(text) > max_length:
        raise BadUserInput(f"{field} must be at most {max_length} characters", field=field)
    return text


def optional_text(value: object, *, field: str, max_length: int = 2000) -> str | None:
    text = _text(value, field=field)
    if len(text) > max_length:
        raise BadUserInput(f"{field} must be at most {max_length} characters", field=field)
    return text or None


def _text(value: object, *, field: str) -> str:
    """Text trimmed, ``None`` as empty; anything else is no text (nested records are
    JSON, where a number may stand where text belongs)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadUserInput(f"{field} must be text", field=field)
    return value.strip()


def moment(value: object, *, field: str) -> str:
    """A moment with its time zone, given as a datetime or ISO text, kept as ISO text in
    UTC: moments given with different offsets then compare correctly as text."""
    if isinstance(value, str):
        try:
            return moment(datetime.fromisoformat(value.strip()), field=field)
        except ValueError:
            raise BadUserInput(f"{field} must be a date and time (ISO 8601)", field=field) from None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise BadUserInput(f"{field} must include a time zone", field=field)
        try:
            return value.astimezone(UTC).isoformat()
        except OverflowError:  # year 1 or 9999 moved past the calendar's end by its offset
            raise BadUserInput(f"{field} is outside the calendar", field=field) from None
    raise BadUserInput(f"{field} must be a date and time (ISO 8601)", field=field)


def day(value: object, *, field: str) -> str:
    """A calendar date, given as a date or as ISO text, kept as ISO text."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise BadUserInput(f"{field} must be a date (YYYY-MM-DD)", field=field)


def optional_day(value: object, *, field: str) -> str | None:
    return None if value is None else day(value, field=field)


def in_order(first: str | None, then: str | None, *, field: str, what: str) -> None:
    """ISO moments in UTC and ISO dates sort as text; ``then`` may equal ``first``."""
    if first is not None and then is not None and then < first:
        raise BadUserInput(f"{field} must be on or after {what}", field=field)


def whole_number(value: object, *, field: str, low: int = 0, high: int = 10**12) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadUserInput(f"{field} must be a whole number", field=field)
    if not low <= value <= high:
        raise BadUserInput(f"{field} must be between {low} and {high}", field=field)
    return value


def optional_whole_number(
    value: object, *, field: str, low: int = 0, high: int = 10**12
) -> int | None:
    return None if value is None else whole_number(value, field=field, low=low, high=high)


def number(value: object, *, field: str, low: float = -math.inf, high: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadUserInput(f"{field} must be a number", field=field)
    if not low <= value <= high:
        raise BadUserInput(f"{field} must be between {low:g} and {high:g}", field=field)
    return float(value)


def percentage(value: object, *, field: str) -> float:
    return number(value, field=field, low=0, high=100)


def web_link(value: object, *, field: str) -> str | None:
    text = _text(value, field=field)
    if not text:
        return None
    if not _WEB_LINK.fullmatch(text) or len(text) > 2000:
        raise BadUserInput(f"{field} must be an http(s) address", field=field)
    return text


def period(value: object, *, field: str) -> str:
    """A year (``2026``), a quarter (``2026-Q3``) or a month (``2026-09``)."""
    text = _text(value, field=field).upper()
    if not _PERIOD.fullmatch(text):
        raise BadUserInput(f"{field} must be a year, a quarter or a month", field=field)
    return text


def coordinates(given: Mapping[str, Any] | None) -> dict[str, float] | None:
    """``{lat, lon}`` in WGS 84 degrees."""
    if given is None:
        return None
    point = record(given, field="coordinates", keys=("lat", "lon"))
    return {
        "lat": number(point.get("lat"), field="coordinates.lat", low=-90, high=90),
        "lon": number(point.get("lon"), field="coordinates.lon", low=-180, high=180),
    }


def one_of(kind: type[E], value: object, *, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise BadUserInput(f"{field} must be one of {allowed}", field=field) from None


def members(kind: type[E], values: Iterable[object], *, field: str) -> tuple[E, ...]:
    """``values`` as members of the enum ``kind``, without repeats; else name the field."""
    return unique(one_of(kind, value, field=field) for value in values)


def record(value: object, *, field: str, keys: Collection[str]) -> Mapping[str, Any]:
    """A nested record given as a mapping; a key it cannot have is named in camelCase."""
    if not isinstance(value, Mapping):
        raise BadUserInput(f"{field} must be an object", field=field)
    for key in value:
        if key not in keys:
            raise BadUserInput(f"{key} is not part of {field}", field=f"{field}.{camel(key)}")
    return value


@functools.lru_cache(maxsize=4096)
def camel(name: str) -> str:
    """``area_id`` as the wire names it, ``areaId``; remembered, as the same few names
    come again for every event a projection applies."""
    head, *rest = str(name).split("_")
    return head + "".join(part.capitalize() for part in rest)


def unique(values: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values))
