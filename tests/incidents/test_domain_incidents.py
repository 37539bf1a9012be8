"""The Incident aggregate: reporting, alerting, its status and its links, given / when / then."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.incidents.test_domain_escalation import (
    EVERYTHING_SEVERE,
    SEVERE_IN_TINGBJERG,
    SHOOTINGS,
)
from tests.incidents.test_domain_known import FSB, KK, KNOWN, OLD_SSP, POLICE, SSP, TINGBJERG
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import escalation, incident
from trygnet_incidents.domain.commands import (
    ActivateIncident,
    CloseIncident,
    EraseIncidentPersonalData,
    LinkIncident,
    ReopenIncident,
    ReportIncident,
    StabiliseIncident,
)
from trygnet_incidents.domain.escalation import EscalationMatrix
from trygnet_incidents.domain.events import (
    ActorsAlerted,
    EscalationRuleSet,
    IncidentActivated,
    IncidentClosed,
    IncidentLinked,
    IncidentPersonalDataErased,
    IncidentReopened,
    IncidentReported,
    IncidentStabilised,
)
from trygnet_incidents.domain.incident import IncidentCommand
from trygnet_incidents.domain.model import (
    IncidentKind,
    IncidentStatus,
    LinkKind,
    Sensitivity,
)

SHOOTING = "incident-tingbjerg-2026-03-14"
SUMMARY = "Shots fired at the square by Ruten; one young man injured."
DETAILS = "Victim known to the police; retaliation feared between two groups."
REPORTED = IncidentReported(
    incident_id=SHOOTING,
    kind=IncidentKind.SHOOTING,
    severity=4,
    area_id=TINGBJERG,
    place="The square by Ruten",
    occurred_at="2026-03-14T21:40:00+00:00",
    reported_at="2026-03-14T22:05:00+00:00",
    reporting_actor_id=POLICE,
    sensitivity=Sensitivity.RESTRICTED,
    summary=SUMMARY,
    coordinates={"lat": 55.7081, "lon": 12.4834},
    restricted_details=DETAILS,
)
ALERTED = ActorsAlerted(
    incident_id=SHOOTING,
    alerts=(
        {"actor_id": POLICE, "rule_id": "rule-shootings"},
        {"actor_id": KK, "rule_id": "rule-shootings"},
        {"actor_id": FSB, "rule_id": "rule-severe-tingbjerg"},
        {"actor_id": SSP, "rule_id": "rule-severe-tingbjerg"},
    ),
)
ACTIVATED = IncidentActivated(incident_id=SHOOTING, at="2026-03-14T22:30:00+00:00")
STABILISED = IncidentStabilised(incident_id=SHOOTING, at="2026-03-16T09:00:00+00:00")
CLOSED = IncidentClosed(
    incident_id=SHOOTING, at="2026-04-01T12:00:00+00:00", reason="Calm for two weeks"
)
REOPENED = IncidentReopened(
    incident_id=SHOOTING, at="2026-04-03T20:00:00+00:00", reason="New shots in the same street"
)
LINKED = IncidentLinked(
    incident_id=SHOOTING,
    linked_incident_id="incident-tingbjerg-2026-02-02",
    kind=LinkKind.SAME_PLACE,
)
ERASED = IncidentPersonalDataErased(incident_id=SHOOTING, at="2026-05-01T08:00:00+00:00")
INCIDENT_EVENTS: list[DomainEvent] = [
    REPORTED,
    ALERTED,
    ACTIVATED,
    STABILISED,
    CLOSED,
    REOPENED,
    LINKED,
    ERASED,
]
MATRIX = escalation.fold([SHOOTINGS, SEVERE_IN_TINGBJERG])


def when(
    command: IncidentCommand, *given: DomainEvent, matrix: EscalationMatrix | None = None
) -> list[DomainEvent]:
    """Decide ``command`` on the incident that the ``given`` events folded into."""
    return incident.decide(command, incident.fold(given), known=KNOWN, escalation=matrix)


def report(**changes: Any) -> ReportIncident:
    fields: dict[str, Any] = {
        "incident_id": SHOOTING,
        "kind": IncidentKind.SHOOTING,
        "severity": 4,
        "area_id": TINGBJERG,
        "place": "The square by Ruten",
        "occurred_at": "2026-03-14T22:40:00+01:00",
        "reported_at": datetime(2026, 3, 14, 22, 5, tzinfo=UTC),
        "reporting_actor_id": POLICE,
        "summary": SUMMARY,
        "sensitivity": Sensitivity.RESTRICTED,
        "restricted_details": DETAILS,
        "coordinates": {"lat": 55.7081, "lon": 12.4834},
    }
    return ReportIncident(**{**fields, **changes})


def refused_field(
    error: type[TrygnetError], command: IncidentCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Report


def test_reporting_records_the_incident_with_moments_in_utc() -> None:
    assert when(report()) == [REPORTED]


def test_reporting_alerts_the_actors_the_matrix_names() -> None:
    assert when(report(), matrix=MATRIX) == [REPORTED, ALERTED]


def test_reporting_alerts_no_one_when_no_rule_matches() -> None:
    minor = report(
        kind=IncidentKind.VANDALISM, severity=1, sensitivity="open", restricted_details=None
    )
    [reported] = when(minor, matrix=MATRIX)
    assert isinstance(reported, IncidentReported)


def test_an_alerted_actor_merged_since_the_rule_was_set_is_alerted_as_its_survivor_once() -> None:
    matrix = escalation.fold(
        [
            SHOOTINGS,
            EscalationRuleSet(
                rule_id="r2", kind="any", minimum_severity=1, area_id="any", actor_ids=(OLD_SSP,)
            ),
            EVERYTHING_SEVERE,
        ]
    )
    [_, alerted] = when(report(), matrix=matrix)
    assert alerted == ActorsAlerted(
        incident_id=SHOOTING,
        alerts=(
            {"actor_id": POLICE, "rule_id": "rule-shootings"},
            {"actor_id": KK, "rule_id": "rule-shootings"},
            {"actor_id": SSP, "rule_id": "r2"},
            {"actor_id": "actor-night-ravens", "rule_id": "rule-everything-4"},
        ),
    )


def test_a_merged_reporting_actor_is_recorded_as_its_survivor() -> None:
    [reported] = when(report(reporting_actor_id=OLD_SSP))
    assert isinstance(reported, IncidentReported)
    assert reported.reporting_actor_id == SSP


def test_an_incident_may_be_reported_the_moment_it_occurs() -> None:
    [reported] = when(report(occurred_at="2026-03-14T22:05:00+00:00"))
    assert isinstance(reported, IncidentReported)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "riot"}, "kind"),
        ({"severity": 5}, "severity"),
        ({"severity": 0}, "severity"),
        ({"area_id": "area-elsewhere"}, "areaId"),
        ({"reporting_actor_id": "actor-nobody"}, "reportingActorId"),
        ({"place": " "}, "place"),
        ({"summary": ""}, "summary"),
        ({"occurred_at": "2026-03-14T23:00:00+00:00"}, "reportedAt"),
        ({"occurred_at": "2026-03-14T21:40:00"}, "occurredAt"),
        ({"reported_at": "tonight"}, "reportedAt"),
        ({"occurred_at": "0001-01-01T00:00:00+05:00"}, "occurredAt"),
        ({"reported_at": "9999-12-31T23:00:00-05:00"}, "reportedAt"),
        ({"sensitivity": "secret"}, "sensitivity"),
        ({"sensitivity": Sensitivity.OPEN}, "restrictedDetails"),
        ({"coordinates": {"lat": 95, "lon": 12}}, "coordinates.lat"),
        ({"coordinates": {"lat": 55, "lon": 12, "alt": 3}}, "coordinates.alt"),
    ],
)
def test_a_bad_report_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    assert refused_field(BadUserInput, report(**changes)) == field


def test_reporting_an_incident_twice_is_a_conflict() -> None:
    assert refused_field(Conflict, report(), REPORTED) == "incidentId"


def test_a_command_on_an_unreported_incident_is_not_found() -> None:
    assert (
        refused_field(NotFound, ActivateIncident(SHOOTING, at="2026-03-14T22:30:00Z"))
        == "incidentId"
    )


# Status: reported → active ⇄ stable → closed, closed → active on reopening


def test_activating_a_reported_incident_records_when() -> None:
    assert when(ActivateIncident(SHOOTING, at="2026-03-14T23:30:00+01:00"), REPORTED) == [ACTIVATED]


def test_stabilising_an_active_incident_records_when() -> None:
    command = StabiliseIncident(SHOOTING, at="2026-03-16T09:00:00Z")
    assert when(command, REPORTED, ACTIVATED) == [STABILISED]


def test_a_stable_incident_can_flare_up_and_be_active_again() -> None:
    command = ActivateIncident(SHOOTING, at="2026-03-17T20:00:00Z")
    assert when(command, REPORTED, ACTIVATED, STABILISED) == [
        IncidentActivated(incident_id=SHOOTING, at="2026-03-17T20:00:00+00:00")
    ]


def test_a_reported_incident_cannot_go_straight_to_stable() -> None:
    command = StabiliseIncident(SHOOTING, at="2026-03-16T09:00:00Z")
    assert refused_field(Conflict, command, REPORTED) == "status"


def test_the_same_status_again_records_nothing() -> None:
    assert when(ActivateIncident(SHOOTING, at="2026-03-15T00:00:00Z"), REPORTED, ACTIVATED) == []
    stable = (REPORTED, ACTIVATED, STABILISED)
    assert when(StabiliseIncident(SHOOTING, at="2026-03-17T00:00:00Z"), *stable) == []


@pytest.mark.parametrize(
    "given", [(REPORTED,), (REPORTED, ACTIVATED), (REPORTED, ACTIVATED, STABILISED)]
)
def test_any_open_incident_can_be_closed_with_a_reason(given: tuple[DomainEvent, ...]) -> None:
    command = CloseIncident(SHOOTING, at="2026-04-01T14:00:00+02:00", reason=" Calm for two weeks ")
    assert when(command, *given) == [CLOSED]


def test_closing_without_a_reason_is_refused() -> None:
    command = CloseIncident(SHOOTING, at="2026-04-01T12:00:00Z", reason="  ")
    assert refused_field(BadUserInput, command, REPORTED, ACTIVATED) == "reason"


def test_a_status_change_before_the_last_one_is_refused() -> None:
    command = StabiliseIncident(SHOOTING, at="2026-03-14T22:00:00Z")
    assert refused_field(BadUserInput, command, REPORTED, ACTIVATED) == "at"
    early = ActivateIncident(SHOOTING, at="2026-03-14T22:00:00Z")
    assert refused_field(BadUserInput, early, REPORTED) == "at"


def test_a_status_change_without_a_time_zone_is_refused() -> None:
    command = ActivateIncident(SHOOTING, at="2026-03-14T23:00:00")
    assert refused_field(BadUserInput, command, REPORTED) == "at"


def test_a_closed_incident_cannot_change_status_but_by_reopening() -> None:
    closed = (REPORTED, ACTIVATED, CLOSED)
    assert (
        refused_field(Conflict, ActivateIncident(SHOOTING, at="2026-04-02T00:00:00Z"), *closed)
        == "status"
    )
    close_again = CloseIncident(SHOOTING, at="2026-04-02T00:00:00Z", reason="again")
    assert refused_field(Conflict, close_again, *closed) == "status"


def test_reopening_a_closed_incident_records_it_and_makes_it_active() -> None:
    command = ReopenIncident(
        SHOOTING, at="2026-04-03T20:00:00Z", reason="New shots in the same street"
    )
    given = (REPORTED, ACTIVATED, CLOSED)
    assert when(command, *given) == [REOPENED]
    state = incident.fold([*given, REOPENED])
    assert state is not None
    assert (state.status, state.status_at) == (IncidentStatus.ACTIVE, REOPENED.at)


def test_reopening_an_open_incident_is_a_conflict() -> None:
    command = ReopenIncident(SHOOTING, at="2026-04-03T20:00:00Z")
    assert refused_field(Conflict, command, REPORTED, ACTIVATED) == "status"


def test_reopening_before_the_closing_is_refused() -> None:
    command = ReopenIncident(SHOOTING, at="2026-03-31T20:00:00Z")
    assert refused_field(BadUserInput, command, REPORTED, ACTIVATED, CLOSED) == "at"


# Links to earlier incidents


def test_linking_to_an_earlier_incident_records_the_kind_of_link() -> None:
    command = LinkIncident(SHOOTING, "incident-tingbjerg-2026-02-02", LinkKind.SAME_PLACE)
    assert when(command, REPORTED) == [LINKED]


def test_linking_the_same_way_again_records_nothing_and_another_way_records_it() -> None:
    assert (
        when(
            LinkIncident(SHOOTING, LINKED.linked_incident_id, LinkKind.SAME_PLACE), REPORTED, LINKED
        )
        == []
    )
    command = LinkIncident(SHOOTING, LINKED.linked_incident_id, LinkKind.SAME_SERIES)
    assert when(command, REPORTED, LINKED) == [
        IncidentLinked(
            incident_id=SHOOTING,
            linked_incident_id=LINKED.linked_incident_id,
            kind=LinkKind.SAME_SERIES,
        )
    ]


def test_an_incident_cannot_be_linked_to_itself_or_in_an_unknown_way() -> None:
    assert (
        refused_field(BadUserInput, LinkIncident(SHOOTING, SHOOTING, LinkKind.SAME_PLACE), REPORTED)
        == "linkedIncidentId"
    )
    cousin = LinkIncident(SHOOTING, "incident-x", "cousin")  # type: ignore[arg-type]
    assert refused_field(BadUserInput, cousin, REPORTED) == "kind"


def test_a_closed_incident_cannot_be_linked() -> None:
    command = LinkIncident(SHOOTING, "incident-x", LinkKind.SAME_SERIES)
    assert refused_field(Conflict, command, REPORTED, CLOSED) == "status"


# Erasure


def test_erasing_an_incidents_personal_data_is_recorded_once_even_when_closed() -> None:
    erase = EraseIncidentPersonalData(SHOOTING, at="2026-05-01T10:00:00+02:00")
    assert when(erase, REPORTED, ACTIVATED, CLOSED) == [ERASED]
    assert when(erase, REPORTED, ERASED) == []
    state = incident.fold([REPORTED, ERASED])
    assert state is not None and state.personal_data_erased
    assert refused_field(NotFound, erase) == "incidentId"
    assert (
        refused_field(BadUserInput, EraseIncidentPersonalData(SHOOTING, at="now"), REPORTED) == "at"
    )
