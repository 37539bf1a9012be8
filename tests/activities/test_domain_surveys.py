"""The relationship survey (comparable with the PARTNER tool), given / when / then."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from tests.activities.test_domain_known import CLUB, FSB, KNOWN, OLD_SSP, POLICE, SSP
from trygnet_activities.domain import survey
from trygnet_activities.domain.commands import (
    CloseSurveyWave,
    OpenSurveyWave,
    RecordSurveyResponse,
)
from trygnet_activities.domain.model import Intensity, Known
from trygnet_activities.domain.survey import SurveyCommand
from trygnet_activities.domain.survey_events import (
    SurveyResponseRecorded,
    SurveyWaveClosed,
    SurveyWaveOpened,
)
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent

WAVE = "wave-2026-spring"
OPENED = SurveyWaveOpened(wave_id=WAVE, title="Partner survey, spring 2026", opened_on="2026-03-02")
CLOSED = SurveyWaveClosed(wave_id=WAVE)
POLICE_RATING: dict[str, Any] = {
    "actor_id": POLICE,
    "intensity": "coordination",
    "trust": {"openness": 4, "reliability": 3, "shared_mission": 4},
    "value": {"power_and_influence": 4, "resource_contribution": 3, "level_of_involvement": 3},
}
CLUB_RATING: dict[str, Any] = {
    "actor_id": CLUB,
    "intensity": "awareness",
    "trust": {"openness": 2, "reliability": 2, "shared_mission": 3},
    "value": {"power_and_influence": 1, "resource_contribution": 2, "level_of_involvement": 1},
}
RESPONDED = SurveyResponseRecorded(
    wave_id=WAVE, respondent_actor_id=SSP, ratings=(POLICE_RATING, CLUB_RATING)
)


def when(command: SurveyCommand, *given: DomainEvent, known: Known = KNOWN) -> list[DomainEvent]:
    """Decide ``command`` on the survey wave that the ``given`` events folded into."""
    return survey.decide(command, survey.fold(given), known=known)


def respond(*ratings: Mapping[str, Any], respondent: str = SSP) -> RecordSurveyResponse:
    return RecordSurveyResponse(WAVE, respondent, ratings)


def rating(**changes: Any) -> dict[str, Any]:
    return {**POLICE_RATING, **changes}


def refused_field(
    error: type[TrygnetError], command: SurveyCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Waves


def test_opening_a_wave_records_its_title_and_date() -> None:
    command = OpenSurveyWave(WAVE, " Partner survey, spring 2026 ", date(2026, 3, 2))
    assert when(command) == [OPENED]
    assert survey.fold([OPENED]) == survey.SurveyWave(
        wave_id=WAVE,
        title="Partner survey, spring 2026",
        opened_on="2026-03-02",
        closed=False,
        responses={},
    )


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (OpenSurveyWave(WAVE, "", date(2026, 3, 2)), "title"),
        (OpenSurveyWave(WAVE, "Spring", "March"), "openedOn"),  # type: ignore[arg-type]
    ],
    ids=["no-title", "no-date"],
)
def test_opening_a_wave_with_a_bad_detail_is_refused_naming_it(
    command: OpenSurveyWave, field: str
) -> None:
    assert refused_field(BadUserInput, command) == field


def test_opening_a_wave_twice_conflicts() -> None:
    command = OpenSurveyWave(WAVE, "Again", date(2026, 3, 2))
    assert refused_field(Conflict, command, OPENED) == "waveId"


def test_closing_a_wave_records_it_and_the_wave_is_closed() -> None:
    events = when(CloseSurveyWave(WAVE), OPENED)
    assert events == [CLOSED]
    state = survey.fold([OPENED, *events])
    assert state is not None and state.closed


def test_closing_a_closed_wave_records_nothing() -> None:
    assert when(CloseSurveyWave(WAVE), OPENED, CLOSED) == []


# Responses


def test_a_response_records_each_rating_as_plain_json() -> None:
    given = rating(intensity=Intensity.COORDINATION)
    assert when(respond(given, CLUB_RATING), OPENED) == [RESPONDED]
    state = survey.fold([OPENED, RESPONDED])
    assert state is not None and state.responses == {SSP: (POLICE_RATING, CLUB_RATING)}


@pytest.mark.parametrize("intensity", list(Intensity), ids=str)
def test_every_intensity_may_be_given(intensity: Intensity) -> None:
    [responded] = when(respond(rating(intensity=intensity.value)), OPENED)
    assert isinstance(responded, SurveyResponseRecorded)
    assert responded.ratings[0]["intensity"] == intensity.value


def test_a_respondent_and_a_rated_actor_given_by_a_merged_id_are_the_survivor() -> None:
    command = respond(rating(actor_id=OLD_SSP), respondent=FSB)
    assert when(command, OPENED) == [
        SurveyResponseRecorded(
            wave_id=WAVE, respondent_actor_id=FSB, ratings=(rating(actor_id=SSP),)
        )
    ]
    by_old_id = respond(POLICE_RATING, respondent=OLD_SSP)
    assert when(by_old_id, OPENED) == [
        SurveyResponseRecorded(wave_id=WAVE, respondent_actor_id=SSP, ratings=(POLICE_RATING,))
    ]


def test_a_second_response_is_recorded_again_and_replaces_the_first() -> None:
    again = rating(intensity="integration")
    events = when(respond(again), OPENED, RESPONDED)
    assert events == [
        SurveyResponseRecorded(wave_id=WAVE, respondent_actor_id=SSP, ratings=(again,))
    ]
    state = survey.fold([OPENED, RESPONDED, *events])
    assert state is not None and state.responses == {SSP: (again,)}


def test_responses_of_different_respondents_are_kept_side_by_side() -> None:
    police = SurveyResponseRecorded(
        wave_id=WAVE, respondent_actor_id=POLICE, ratings=(rating(actor_id=SSP),)
    )
    state = survey.fold([OPENED, RESPONDED, police])
    assert state is not None and set(state.responses) == {SSP, POLICE}


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (rating(actor_id=SSP), "ratings.1.actorId"),
        (rating(actor_id=OLD_SSP), "ratings.1.actorId"),
        (rating(actor_id="actor-nobody"), "ratings.1.actorId"),
        (rating(actor_id=None), "ratings.1.actorId"),
        (rating(actor_id=CLUB), "ratings.1.actorId"),
        (rating(intensity="friendship"), "ratings.1.intensity"),
        (rating(intensity=None), "ratings.1.intensity"),
        (rating(trust=None), "ratings.1.trust"),
        (rating(trust={"openness": 4, "reliability": 3}), "ratings.1.trust.sharedMission"),
        (rating(trust={**POLICE_RATING["trust"], "openness": 0}), "ratings.1.trust.openness"),
        (rating(trust={**POLICE_RATING["trust"], "reliability": 5}), "ratings.1.trust.reliability"),
        (rating(trust={**POLICE_RATING["trust"], "honesty": 4}), "ratings.1.trust.honesty"),
        (rating(value=[4, 3, 3]), "ratings.1.value"),
        (
            rating(value={**POLICE_RATING["value"], "power_and_influence": "4"}),
            "ratings.1.value.powerAndInfluence",
        ),
        (
            rating(value={**POLICE_RATING["value"], "resource_contribution": 2.5}),
            "ratings.1.value.resourceContribution",
        ),
        (
            rating(value={**POLICE_RATING["value"], "level_of_involvement": None}),
            "ratings.1.value.levelOfInvolvement",
        ),
        (rating(comment="Good partner"), "ratings.1.comment"),
        ("police: 4", "ratings.1"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_bad_rating_is_refused_naming_its_index_and_field(given: Any, field: str) -> None:
    assert refused_field(BadUserInput, respond(CLUB_RATING, given), OPENED) == field


def test_an_unknown_respondent_is_refused_naming_it() -> None:
    command = respond(POLICE_RATING, respondent="actor-nobody")
    assert refused_field(BadUserInput, command, OPENED) == "respondentActorId"


def test_a_response_that_rates_nobody_is_refused_naming_ratings() -> None:
    assert refused_field(BadUserInput, respond(), OPENED) == "ratings"


def test_no_response_is_taken_once_the_wave_is_closed() -> None:
    assert refused_field(Conflict, respond(POLICE_RATING), OPENED, CLOSED) == "waveId"


@pytest.mark.parametrize(
    "command", [CloseSurveyWave(WAVE), respond(POLICE_RATING)], ids=lambda c: type(c).__name__
)
def test_a_command_on_an_unknown_wave_is_not_found(command: SurveyCommand) -> None:
    assert refused_field(NotFound, command) == "waveId"


# Events as stored

SURVEY_EVENTS: list[DomainEvent] = [OPENED, RESPONDED, CLOSED]


@pytest.mark.parametrize("event", SURVEY_EVENTS, ids=lambda e: type(e).__name__)
def test_a_survey_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)
