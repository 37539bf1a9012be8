"""The events of the relationship survey: its waves, opened and closed, and the
actors' responses. Dates are ISO text (``2026-03-14``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trygnet_core.events import DomainEvent


@dataclass(frozen=True)
class SurveyWaveDetails:
    """A survey wave's fields, written once: ``SurveyWaveOpened``, ``OpenSurveyWave`` (its
    day as a date) and the wave's state (``survey.SurveyWave``)."""

    wave_id: str
    title: str
    opened_on: str


@dataclass(frozen=True)
class SurveyWaveOpened(SurveyWaveDetails, DomainEvent):
    """A round of the relationship survey (comparable with the PARTNER tool)."""


@dataclass(frozen=True)
class SurveyWaveClosed(DomainEvent):
    wave_id: str


@dataclass(frozen=True)
class SurveyResponseDetails:
    """A response's fields, written once: ``SurveyResponseRecorded`` and
    ``RecordSurveyResponse`` (its ratings as given)."""

    wave_id: str
    respondent_actor_id: str
    ratings: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class SurveyResponseRecorded(SurveyResponseDetails, DomainEvent):
    """How one actor rates its relationship with others; it replaces that actor's
    earlier response in the wave. Each rating is ``{actor_id, intensity, trust:
    {openness, reliability, shared_mission}, value: {power_and_influence,
    resource_contribution, level_of_involvement}}``, scores from 1 to 4."""


SURVEY_EVENTS = (SurveyWaveOpened, SurveyWaveClosed, SurveyResponseRecorded)
