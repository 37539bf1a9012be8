"""The activities event catalogue: every event has a round-trip example, and free text
that may name people is personal data under the aggregate's id."""

from __future__ import annotations

import dataclasses

from tests.activities.test_domain_activities import ACTIVITY_EVENTS
from tests.activities.test_domain_cost import COST_EVENTS
from tests.activities.test_domain_forums import FORUM_EVENTS
from tests.activities.test_domain_partnerships import PARTNERSHIP_EVENTS
from tests.activities.test_domain_practices import EXCHANGE_EVENTS
from tests.activities.test_domain_safety_walks import SAFETY_WALK_EVENTS
from tests.activities.test_domain_strategy import STRATEGY_EVENTS
from tests.activities.test_domain_surveys import SURVEY_EVENTS
from trygnet_activities.domain.events import (
    FindingRecorded,
    MeetingRecorded,
    SafetyWalkRecorded,
    catalogue,
)

EVERY_EXAMPLE = [
    *PARTNERSHIP_EVENTS,
    *FORUM_EVENTS,
    *ACTIVITY_EVENTS,
    *SAFETY_WALK_EVENTS,
    *STRATEGY_EVENTS,
    *SURVEY_EVENTS,
    *COST_EVENTS,
    *EXCHANGE_EVENTS,
]


def test_every_event_in_the_catalogue_has_a_round_trip_example() -> None:
    assert {type(e) for e in EVERY_EXAMPLE} == set(catalogue)


def test_the_catalogue_is_the_activities_service() -> None:
    assert catalogue.service == "activities"
    assert catalogue.markdown().startswith("# Events of the activities service")


def test_free_text_that_may_name_people_is_personal_under_the_aggregates_id() -> None:
    personal = {
        cls: (cls.personal_fields(), cls.subject_field)
        for cls in catalogue
        if cls.personal_fields()
    }
    assert personal == {
        MeetingRecorded: (("agenda", "decisions"), "forum_id"),
        SafetyWalkRecorded: (("route",), "walk_id"),
        FindingRecorded: (("description",), "walk_id"),
    }


def test_the_subject_of_an_event_is_its_aggregates_id() -> None:
    [met] = [e for e in EVERY_EXAMPLE if isinstance(e, MeetingRecorded)]
    assert met.subject() == met.forum_id
    walked = next(e for e in EVERY_EXAMPLE if isinstance(e, SafetyWalkRecorded))
    assert walked.subject() == walked.walk_id


def test_every_subject_field_is_a_field_of_its_event() -> None:
    for cls in catalogue:
        if cls.subject_field is not None:
            assert cls.subject_field in {f.name for f in dataclasses.fields(cls)}


def test_the_catalogue_marks_the_personal_fields_in_its_markdown() -> None:
    doc = catalogue.markdown()
    section = doc[doc.index("## MeetingRecorded") : doc.index("## FollowUpStatusChanged")]
    assert "Data subject: `forum_id`." in section
    for field in ("agenda", "decisions"):
        row = next(line for line in section.splitlines() if line.startswith(f"| `{field}` |"))
        assert row.endswith("| personal |")
    attendees = next(line for line in section.splitlines() if line.startswith("| `attendees` |"))
    assert not attendees.endswith("| personal |")
