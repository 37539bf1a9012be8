"""The weekly situation picture's aggregates, given / when / then: observations, and the
decisions of an area's week (followed up as a forum's follow-ups are)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.incidents.test_domain_known import FSB, KNOWN, OLD_SSP, SSP, TINGBJERG
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent
from trygnet_core.weeks import iso_week, same_week_last_year, shifted, week_of
from trygnet_incidents.domain import observation, situation
from trygnet_incidents.domain.commands import (
    ChangeSituationDecisionStatus,
    EraseObservationDescription,
    FileObservation,
    LinkObservationToIncident,
    RecordSituationDecision,
)
from trygnet_incidents.domain.events import (
    ObservationDescriptionErased,
    ObservationFiled,
    ObservationLinkedToIncident,
    SituationDecisionRecorded,
    SituationDecisionStatusChanged,
)
from trygnet_incidents.domain.model import FollowUpStatus, ObservationCategory

OBSERVATION = "observation-1"


def file(**changes: Any) -> FileObservation:
    values: dict[str, Any] = {
        "observation_id": OBSERVATION,
        "category": ObservationCategory.GRAFFITI,
        "area_id": TINGBJERG,
        "place": "The underpass at Ruten",
        "observed_at": "2026-09-14T21:40:00+02:00",
        "reporting_actor_id": FSB,
        "filed_at": "2026-09-15T08:00:00+02:00",
        "description": "Tags naming Jonas on the east wall",
    }
    return FileObservation(**{**values, **changes})


def filed_history(**changes: Any) -> list[DomainEvent]:
    return observation.decide(file(**changes), None, known=KNOWN)


def refused(
    given: list[DomainEvent], when: Any, error: type[TrygnetError], field: str, module: Any
) -> None:
    with pytest.raises(error) as caught:
        module.decide(when, module.fold(given), known=KNOWN)
    assert caught.value.field == field


# -- observations ----------------------------------------------------------------------


def test_an_observation_is_filed_with_its_sealed_description_and_times_in_utc() -> None:
    [event] = filed_history()
    assert isinstance(event, ObservationFiled)
    assert event.category is ObservationCategory.GRAFFITI
    assert event.observed_at == "2026-09-14T19:40:00+00:00"
    assert event.description == "Tags naming Jonas on the east wall"
    assert "description" in ObservationFiled.personal_fields()


def test_an_observation_by_a_merged_actor_is_recorded_as_its_survivor() -> None:
    [event] = filed_history(reporting_actor_id=OLD_SSP)
    assert isinstance(event, ObservationFiled) and event.reporting_actor_id == SSP


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "noise"}, "category"),
        ({"area_id": "area-elsewhere"}, "areaId"),
        ({"reporting_actor_id": "actor-nobody"}, "reportingActorId"),
        ({"place": " "}, "place"),
        ({"place": "x" * 201}, "place"),
        ({"coordinates": {"lat": 91, "lon": 12.5}}, "coordinates.lat"),
        ({"observed_at": "2026-09-16T08:00:00+02:00"}, "observedAt"),
        ({"observed_at": "yesterday"}, "observedAt"),
        ({"description": "x" * 4001}, "description"),
    ],
)
def test_a_bad_observation_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(BadUserInput) as caught:
        observation.decide(file(**changes), None, known=KNOWN)
    assert caught.value.field == field


def test_an_observation_id_is_new() -> None:
    refused(filed_history(), file(), Conflict, "observationId", observation)


def test_an_observation_leads_to_one_incident() -> None:
    given = filed_history()
    linked = observation.decide(
        LinkObservationToIncident(OBSERVATION, "incident-1"), observation.fold(given)
    )
    assert linked == [
        ObservationLinkedToIncident(observation_id=OBSERVATION, incident_id="incident-1")
    ]
    given += linked
    again = LinkObservationToIncident(OBSERVATION, "incident-1")
    assert observation.decide(again, observation.fold(given)) == []
    other = LinkObservationToIncident(OBSERVATION, "incident-2")
    refused(given, other, Conflict, "incidentId", observation)


def test_an_observation_filed_with_its_incident_takes_no_other() -> None:
    given = filed_history(incident_id="incident-1")
    refused(
        given,
        LinkObservationToIncident(OBSERVATION, "incident-2"),
        Conflict,
        "incidentId",
        observation,
    )


def test_an_unknown_observation_is_not_found() -> None:
    refused(
        [],
        LinkObservationToIncident(OBSERVATION, "incident-1"),
        NotFound,
        "observationId",
        observation,
    )


def test_a_description_is_erased_once() -> None:
    given = filed_history()
    erase = EraseObservationDescription(OBSERVATION, "2026-09-20T10:00:00+00:00")
    [erased] = observation.decide(erase, observation.fold(given))
    assert erased == ObservationDescriptionErased(
        observation_id=OBSERVATION, at="2026-09-20T10:00:00+00:00"
    )
    assert observation.decide(erase, observation.fold([*given, erased])) == []


# -- decisions of an area's week -----------------------------------------------------------


def decision(**changes: Any) -> RecordSituationDecision:
    values: dict[str, Any] = {
        "area_id": TINGBJERG,
        "week": "2026-W38",
        "decision_id": "decision-1",
        "action": "Cut back the hedge at the underpass",
        "owner_actor_id": FSB,
        "due": "2026-09-30",
    }
    return RecordSituationDecision(**{**values, **changes})


def test_a_decision_is_recorded_against_the_area_and_week() -> None:
    [event] = situation.decide(decision(week="2026-W38"), None, known=KNOWN)
    assert event == SituationDecisionRecorded(
        area_id=TINGBJERG,
        week="2026-W38",
        decision_id="decision-1",
        action="Cut back the hedge at the underpass",
        owner_actor_id=FSB,
        due="2026-09-30",
    )
    state = situation.fold([event])
    assert state is not None and state.decisions["decision-1"].status is FollowUpStatus.OPEN


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"week": "2026-38"}, "week"),
        ({"week": "2026-W54"}, "week"),
        ({"week": "2025-W53"}, "week"),  # 2025 has 52 weeks
        ({"area_id": "area-elsewhere"}, "areaId"),
        ({"owner_actor_id": "actor-nobody"}, "ownerActorId"),
        ({"action": ""}, "action"),
        ({"action": "x" * 1001}, "action"),
        ({"due": "2026-09-13"}, "due"),  # before Monday 14 September, the week's first day
        ({"due": "soon"}, "due"),
        ({"decision_id": "a/b"}, "decisionId"),
    ],
)
def test_a_bad_decision_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(BadUserInput) as caught:
        situation.decide(decision(**changes), None, known=KNOWN)
    assert caught.value.field == field


def test_a_decision_due_on_the_weeks_monday_is_taken() -> None:
    assert situation.decide(decision(due="2026-09-14"), None, known=KNOWN)


def test_a_decision_id_is_new_in_the_week() -> None:
    given = situation.decide(decision(), None, known=KNOWN)
    refused(given, decision(), Conflict, "decisionId", situation)


def test_a_decision_owned_by_a_merged_actor_is_its_survivors() -> None:
    [event] = situation.decide(decision(owner_actor_id=OLD_SSP), None, known=KNOWN)
    assert isinstance(event, SituationDecisionRecorded) and event.owner_actor_id == SSP


def test_a_decision_is_followed_up_done_and_the_same_status_changes_nothing() -> None:
    given = situation.decide(decision(), None, known=KNOWN)
    done = ChangeSituationDecisionStatus(TINGBJERG, "2026-W38", "decision-1", FollowUpStatus.DONE)
    [changed] = situation.decide(done, situation.fold(given))
    assert changed == SituationDecisionStatusChanged(
        area_id=TINGBJERG, week="2026-W38", decision_id="decision-1", status=FollowUpStatus.DONE
    )
    assert situation.decide(done, situation.fold([*given, changed])) == []


def test_a_status_change_needs_the_decision_and_a_status() -> None:
    given = situation.decide(decision(), None, known=KNOWN)
    missing = ChangeSituationDecisionStatus(TINGBJERG, "2026-W38", "decision-9", "done")  # type: ignore[arg-type]
    refused(given, missing, NotFound, "decisionId", situation)
    bad = ChangeSituationDecisionStatus(TINGBJERG, "2026-W38", "decision-1", "finished")  # type: ignore[arg-type]
    refused(given, bad, BadUserInput, "status", situation)


def test_each_area_and_week_is_its_own_stream() -> None:
    assert situation.situation_stream(TINGBJERG, "2026-W38") != situation.situation_stream(
        TINGBJERG, "2026-W39"
    )


# -- ISO weeks ---------------------------------------------------------------------------


def test_weeks_are_iso_weeks() -> None:
    assert iso_week("2026-W01") == "2026-W01"
    assert week_of("2025-12-29") == "2026-W01"  # the Monday of 2026's first week
    assert shifted("2026-W01", -1) == "2025-W52"
    assert same_week_last_year("2026-W53") == "2025-W52"  # 2026 has 53 weeks, 2025 52
    assert same_week_last_year("2026-W38") == "2025-W38"


SITUATION_EVENTS: list[DomainEvent] = [
    *filed_history(coordinates={"lat": 55.68, "lon": 12.47}, incident_id="incident-1"),
    ObservationLinkedToIncident(observation_id=OBSERVATION, incident_id="incident-1"),
    ObservationDescriptionErased(observation_id=OBSERVATION, at="2026-09-20T10:00:00+00:00"),
    *situation.decide(decision(), None, known=KNOWN),
    SituationDecisionStatusChanged(
        area_id=TINGBJERG, week="2026-W38", decision_id="decision-1", status=FollowUpStatus.DONE
    ),
]
"""One of each event of the situation picture, for the catalogue's round trip."""
