"""Each activities concept's fields, written once.

A concept's event, the command that asks for it and (where it keeps one) its
aggregate's state all inherit these fields, so a field is added in one place. The
event's payload is what these declare, in this order; a command may take a value
in a looser form (a day as a date, coordinates as given) and its aggregate's
``decide`` checks it into the event's form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trygnet_activities.domain.model import Cadence, Direction, FindingKind, Level, Theme
from trygnet_core.events import personal


@dataclass(frozen=True)
class PartnershipDetails:
    """A partnership's details, written once: the fields of ``PartnershipEstablished``,
    of the command that establishes one (its day as a date) and of its state."""

    partnership_id: str
    name: str
    mandate: str
    authorised_by: str
    authorised_on: str
    coordinator_actor_id: str
    areas: tuple[str, ...] = ()
    hours_per_year: int | None = None
    budget_per_year: int | None = None


@dataclass(frozen=True)
class ForumDetails:
    """A forum's details, written once: the fields of ``ForumEstablished``, of the command
    that establishes one and of its state."""

    forum_id: str
    name: str
    level: Level
    owner_actor_id: str
    cadence: Cadence
    partnership_id: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActivityDetails:
    """An activity's details as planned, written once: the fields of ``ActivityCreated``,
    of the command that creates one (``CreateActivity``, with its dates as dates) and of
    the activity's state (``activity.Activity``)."""

    activity_id: str
    title: str
    level: Level
    owner_actor_id: str
    description: str | None = None
    themes: tuple[Theme, ...] = ()
    target_age_from: int | None = None
    target_age_to: int | None = None
    target_group: str | None = None
    areas: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    hours: int | None = None
    budget: int | None = None
    focus_areas: tuple[str, ...] = ()
    incident_id: str | None = None


@dataclass(frozen=True)
class WalkDetails:
    """A safety walk's details, written once: the first fields of ``SafetyWalkRecorded``
    and of the walk's state (``safety_walk.SafetyWalk``)."""

    walk_id: str
    walked_on: str
    area_id: str
    participants: tuple[str, ...] = ()
    residents: int = 0
    follows_walk_id: str | None = None


@dataclass(frozen=True)
class FindingDetails:
    """A finding's fields, written once: ``FindingRecorded`` and ``RecordFinding`` (its
    coordinates as given)."""

    walk_id: str
    finding_id: str
    kind: FindingKind
    place: str
    description: str = personal()
    coordinates: dict[str, float] | None = None
    photo_url: str | None = None


@dataclass(frozen=True)
class FindingActionDetails:
    """An action's fields, written once: ``FindingActionAssigned`` and
    ``AssignFindingAction`` (its deadline as a date)."""

    walk_id: str
    finding_id: str
    action_id: str
    owner_actor_id: str
    deadline: str


@dataclass(frozen=True)
class FocusAreaDetails:
    """A focus area's fields, written once: ``FocusAreaAdded`` and ``AddFocusArea``."""

    strategy_id: str
    focus_area_id: str
    title: str


@dataclass(frozen=True)
class IndicatorDetails:
    """An indicator's fields, written once: ``IndicatorAdded`` and ``AddIndicator``."""

    strategy_id: str
    indicator_id: str
    focus_area_id: str
    name: str
    unit: str
    direction: Direction
    target: float | None = None


@dataclass(frozen=True)
class MeasurementDetails:
    """A measurement's fields, written once: ``MeasurementRecorded`` and
    ``RecordMeasurement``."""

    strategy_id: str
    indicator_id: str
    value: float
    period: str
    source: str
    area_id: str | None = None
    sample_size: int | None = None


@dataclass(frozen=True)
class SurveyWaveDetails:
    """A survey wave's fields, written once: ``SurveyWaveOpened``, ``OpenSurveyWave`` (its
    day as a date) and the wave's state (``survey.SurveyWave``)."""

    wave_id: str
    title: str
    opened_on: str


@dataclass(frozen=True)
class SurveyResponseDetails:
    """A response's fields, written once: ``SurveyResponseRecorded`` and
    ``RecordSurveyResponse`` (its ratings as given)."""

    wave_id: str
    respondent_actor_id: str
    ratings: tuple[dict[str, Any], ...]
