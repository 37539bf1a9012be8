"""The SurveyWave aggregate: one round of the relationship survey.

Comparable with the PARTNER tool: each responding actor rates how intensely it
works with other actors, how much it trusts them and what they bring. Rules: the
respondent and every rated actor must be known (a merged actor is recorded as
its survivor); no actor rates itself, nor another twice in one response; answers
come only while the wave is open; a later response replaces the respondent's
earlier one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trygnet_activities.domain import model
from trygnet_activities.domain.commands import (
    CloseSurveyWave,
    OpenSurveyWave,
    RecordSurveyResponse,
)
from trygnet_activities.domain.model import NOTHING_KNOWN, Intensity, Known
from trygnet_activities.domain.survey_events import (
    SurveyResponseRecorded,
    SurveyWaveClosed,
    SurveyWaveDetails,
    SurveyWaveOpened,
)
from trygnet_core.aggregate import deciding, folding, started_by
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.events import DomainEvent

SurveyChange = CloseSurveyWave | RecordSurveyResponse
SurveyCommand = OpenSurveyWave | SurveyChange

RATING = ("actor_id", "intensity", "trust", "value")
TRUST = ("openness", "reliability", "shared_mission")
VALUE = ("power_and_influence", "resource_contribution", "level_of_involvement")


@dataclass(frozen=True)
class SurveyWave(SurveyWaveDetails):
    closed: bool = False
    # The latest ratings of each respondent, by actor id.
    responses: Mapping[str, tuple[dict[str, Any], ...]] = dataclasses.field(default_factory=dict)


def evolve(state: SurveyWave | None, event: DomainEvent) -> SurveyWave | None:
    match event:
        case SurveyWaveOpened():
            return started_by(SurveyWave, event)
        case SurveyWaveClosed() if state is not None:
            return dataclasses.replace(state, closed=True)
        case SurveyResponseRecorded() if state is not None:
            responses = {**state.responses, event.respondent_actor_id: event.ratings}
            return dataclasses.replace(state, responses=responses)
    return state


fold = folding(evolve)


def _open(command: OpenSurveyWave, _known: Known) -> SurveyWaveOpened:
    return SurveyWaveOpened(
        wave_id=command.wave_id,
        title=model.required_text(command.title, field="title"),
        opened_on=model.day(command.opened_on, field="openedOn"),
    )


def _change(command: SurveyChange, state: SurveyWave, known: Known) -> list[DomainEvent]:
    if isinstance(command, CloseSurveyWave):
        return [] if state.closed else [SurveyWaveClosed(wave_id=state.wave_id)]
    if state.closed:
        raise Conflict("the survey wave is closed", field="waveId")
    respondent = known.actor(command.respondent_actor_id, field="respondentActorId")
    return [
        SurveyResponseRecorded(
            wave_id=state.wave_id,
            respondent_actor_id=respondent,
            ratings=_ratings(command.ratings, respondent=respondent, known=known),
        )
    ]


def _ratings(
    ratings: Iterable[Mapping[str, Any]], *, respondent: str, known: Known
) -> tuple[dict[str, Any], ...]:
    rated: list[dict[str, Any]] = []
    for index, given in enumerate(ratings):
        field = f"ratings.{index}"
        item = model.record(given, field=field, keys=RATING)
        actor_field = f"{field}.actorId"
        actor_id = known.actor(
            model.required_text(item.get("actor_id"), field=actor_field), field=actor_field
        )
        if actor_id == respondent:
            raise BadUserInput("an actor cannot rate itself", field=actor_field)
        if any(r["actor_id"] == actor_id for r in rated):
            raise BadUserInput("an actor is rated twice", field=actor_field)
        intensity = model.one_of(Intensity, item.get("intensity"), field=f"{field}.intensity")
        rated.append(
            {
                "actor_id": actor_id,
                "intensity": intensity.value,
                "trust": _scores(item.get("trust"), field=f"{field}.trust", keys=TRUST),
                "value": _scores(item.get("value"), field=f"{field}.value", keys=VALUE),
            }
        )
    if not rated:
        raise BadUserInput("a response rates at least one actor", field="ratings")
    return tuple(rated)


def _scores(given: object, *, field: str, keys: tuple[str, ...]) -> dict[str, int]:
    """Each score from 1 (low) to 4 (high), as the PARTNER tool asks them."""
    scores = model.record(given, field=field, keys=keys)
    return {
        key: model.whole_number(scores.get(key), field=f"{field}.{model.camel(key)}", low=1, high=4)
        for key in keys
    }


decide = deciding(
    OpenSurveyWave,
    "a survey wave",
    field="waveId",
    create=_open,
    change=_change,
    nothing_known=NOTHING_KNOWN,
)
