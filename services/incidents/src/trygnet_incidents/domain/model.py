"""The incidents service's vocabulary, what the handler knows, and the shared checks.

Events keep moments as ISO text in UTC (``2026-03-14T21:40:00+00:00``), so they sort
as text, dates as ISO text (``2026-03-14``), and nested records as plain dicts, because
only those read back from JSON unchanged.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final, TypeVar

from trygnet_core.errors import BadUserInput

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

ANY: Final = "any"
"""An escalation rule's kind or area that matches every incident."""


class IncidentKind(enum.StrEnum):
    SHOOTING = "shooting"
    STABBING = "stabbing"
    EXPLOSION = "explosion"
    ARSON = "arson"
    EXTORTION = "extortion"
    THREAT = "threat"
    UNREST = "unrest"
    VANDALISM = "vandalism"
    BURGLARY_SERIES = "burglary_series"
    OTHER = "other"


class Sensitivity(enum.StrEnum):
    """Who may read the incident: every partner, or only those cleared for restricted
    details (the police share those)."""

    OPEN = "open"
    RESTRICTED = "restricted"


class IncidentStatus(enum.StrEnum):
    REPORTED = "reported"
    ACTIVE = "active"
    STABLE = "stable"
    CLOSED = "closed"


class LinkKind(enum.StrEnum):
    SAME_PLACE = "same_place"
    SAME_SERIES = "same_series"


class ResponseRole(enum.StrEnum):
    LEAD = "lead"
    LIAISON = "liaison"
    SCRIBE = "scribe"
    PARTICIPANT = "participant"


class TaskPriority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TimelineKind(enum.StrEnum):
    NOTE = "note"
    DECISION = "decision"
    CONTACT_WITH_RESIDENTS = "contact_with_residents"
    PRESS = "press"
    POLICE_UPDATE = "police_update"
    MEETING = "meeting"


@dataclass(frozen=True)
class Known:
    """What the handler looked up in its local replica for one command.

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
            raise BadUserInput(f"no actor {actor_id}", field=field)
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
            raise BadUserInput(f"no area {area_id} in use", field=field)
        return area_id


NOTHING_KNOWN: Final = Known()
"""What ``decide`` knows when the handler looked nothing up: every reference is unknown."""


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
        return value.astimezone(UTC).isoformat()
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


def severity(value: object, *, field: str = "severity") -> int:
    """How grave an incident is, from 1 (minor) to 4 (most severe)."""
    return whole_number(value, field=field, low=1, high=4)


def number(value: object, *, field: str, low: float = -math.inf, high: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadUserInput(f"{field} must be a number", field=field)
    if not low <= value <= high:
        raise BadUserInput(f"{field} must be between {low:g} and {high:g}", field=field)
    return float(value)


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


def record(value: object, *, field: str, keys: Collection[str]) -> Mapping[str, Any]:
    """A nested record given as a mapping; a key it cannot have is named in camelCase."""
    if not isinstance(value, Mapping):
        raise BadUserInput(f"{field} must be an object", field=field)
    for key in value:
        if key not in keys:
            raise BadUserInput(f"{key} is not part of {field}", field=f"{field}.{camel(key)}")
    return value


def camel(name: str) -> str:
    head, *rest = str(name).split("_")
    return head + "".join(part.capitalize() for part in rest)


def unique(values: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values))
