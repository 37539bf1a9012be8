"""The incidents event catalogue: every event round-trips through JSON, and free text
that may name people is personal data under the incident's id."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.incidents.test_domain_escalation import ESCALATION_EVENTS
from tests.incidents.test_domain_incidents import INCIDENT_EVENTS
from tests.incidents.test_domain_response import RESPONSE_EVENTS
from tests.incidents.test_domain_situation import SITUATION_EVENTS
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain.events import (
    IncidentClosed,
    IncidentReopened,
    IncidentReported,
    ObservationFiled,
    TacticalReportUpdated,
    TaskAdded,
    TimelineEntryRecorded,
    catalogue,
)

EVERY_EXAMPLE = [*INCIDENT_EVENTS, *RESPONSE_EVENTS, *ESCALATION_EVENTS, *SITUATION_EVENTS]


def test_every_event_in_the_catalogue_has_a_round_trip_example() -> None:
    assert {type(e) for e in EVERY_EXAMPLE} == set(catalogue)


@pytest.mark.parametrize("event", EVERY_EXAMPLE, ids=lambda e: type(e).__name__)
def test_every_event_reads_back_from_json_unchanged(event: DomainEvent) -> None:
    data = json.loads(json.dumps(event.to_data()))
    assert catalogue.decode(event.event_type(), data) == event


def test_the_catalogue_is_the_incidents_service() -> None:
    assert catalogue.service == "incidents"
    assert catalogue.markdown().startswith("# Events of the incidents service")


def test_free_text_that_may_name_people_is_personal_under_the_incidents_id() -> None:
    personal = {
        cls: (cls.personal_fields(), cls.subject_field)
        for cls in catalogue
        if cls.personal_fields()
    }
    assert personal == {
        IncidentReported: (
            ("place", "summary", "coordinates", "restricted_details"),
            "incident_id",
        ),
        TaskAdded: (("title",), "incident_id"),
        IncidentClosed: (("reason",), "incident_id"),
        IncidentReopened: (("reason",), "incident_id"),
        TimelineEntryRecorded: (("text",), "incident_id"),
        TacticalReportUpdated: (("conditions", "actions", "needs"), "incident_id"),
        # an observation's description under the observation's own key: erased alone
        ObservationFiled: (("description",), "observation_id"),
    }


def test_the_subject_of_an_event_is_its_incident_or_observation() -> None:
    for event in EVERY_EXAMPLE:
        if type(event).personal_fields():
            data = event.to_data()
            assert event.subject() == data.get("observation_id", data.get("incident_id"))
            assert event.subject() is not None


def test_every_subject_field_is_a_field_of_its_event() -> None:
    for cls in catalogue:
        if cls.subject_field is not None:
            assert cls.subject_field in {f.name for f in dataclasses.fields(cls)}


def test_the_catalogue_marks_the_personal_fields_in_its_markdown() -> None:
    doc = catalogue.markdown()
    section = doc[doc.index("## IncidentReported") : doc.index("## ActorsAlerted")]
    assert "Data subject: `incident_id`." in section
    for field in ("place", "summary", "coordinates", "restricted_details"):
        row = next(line for line in section.splitlines() if line.startswith(f"| `{field}` |"))
        assert row.endswith("| personal |")
    area = next(line for line in section.splitlines() if line.startswith("| `area_id` |"))
    assert not area.endswith("| personal |")
