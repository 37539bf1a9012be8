"""The Activity aggregate, given / when / then: events in, a command, events or an error out."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from tests.activities.test_domain_known import (
    CLUB,
    EDUCATION_FOCUS,
    FSB,
    HUSUM,
    KNOWN,
    NIGHT_RAVENS,
    NIGHTLIFE_FOCUS,
    OLD_SSP,
    POLICE,
    SSP,
    TINGBJERG,
)
from trygnet_activities.domain import activity
from trygnet_activities.domain.activity import ActivityCommand
from trygnet_activities.domain.commands import (
    ChangeActivityDetails,
    ChangeActivityStatus,
    CreateActivity,
    JoinActivity,
    LeaveActivity,
)
from trygnet_activities.domain.events import (
    ActivityCreated,
    ActivityDetailsChanged,
    ActivityPartnerJoined,
    ActivityPartnerLeft,
    ActivityStatusChanged,
)
from trygnet_activities.domain.model import ActivityStatus, Known, Level, PartnerRole, Theme
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent

JOBS = "activity-after-school-jobs"
INCIDENT = "incident-2026-0142"
CREATED = ActivityCreated(
    activity_id=JOBS,
    title="After-school jobs for young people",
    level=Level.FRONTLINE,
    owner_actor_id=SSP,
    description="Thirteen actors match young people with after-school jobs in the area.",
    themes=(Theme.YOUTH, Theme.EMPLOYMENT),
    target_age_from=13,
    target_age_to=17,
    target_group="young people 13-17 without a leisure job",
    areas=(TINGBJERG, HUSUM),
    start="2026-02-01",
    end="2026-12-31",
    hours=1200,
    budget=400_000,
    focus_areas=(EDUCATION_FOCUS,),
)
FSB_JOINED = ActivityPartnerJoined(activity_id=JOBS, actor_id=FSB, role=PartnerRole.PARTNER)


def when(command: ActivityCommand, *given: DomainEvent, known: Known = KNOWN) -> list[DomainEvent]:
    """Decide ``command`` on the activity that the ``given`` events folded into."""
    return activity.decide(command, activity.fold(given), known=known)


def create(**changes: Any) -> CreateActivity:
    fields: dict[str, Any] = {
        "activity_id": JOBS,
        "title": "After-school jobs for young people",
        "level": Level.FRONTLINE,
        "owner_actor_id": SSP,
    }
    return CreateActivity(**{**fields, **changes})


def status(value: ActivityStatus) -> ActivityStatusChanged:
    return ActivityStatusChanged(activity_id=JOBS, status=value)


def refused_field(
    error: type[TrygnetError], command: ActivityCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Create


def test_creating_an_activity_records_every_detail_trimmed_and_without_duplicates() -> None:
    command = create(
        title=" After-school jobs for young people ",
        description=" Thirteen actors match young people with after-school jobs in the area. ",
        themes=(Theme.YOUTH, Theme.EMPLOYMENT, Theme.YOUTH),
        target_age_from=13,
        target_age_to=17,
        target_group=" young people 13-17 without a leisure job ",
        areas=(TINGBJERG, HUSUM, TINGBJERG),
        start=date(2026, 2, 1),
        end="2026-12-31",
        hours=1200,
        budget=400_000,
        focus_areas=(EDUCATION_FOCUS, EDUCATION_FOCUS),
    )
    assert when(command) == [CREATED]


def test_an_activity_needs_only_a_title_a_level_and_an_owner() -> None:
    assert when(create(description=" ", target_group="")) == [
        ActivityCreated(
            activity_id=JOBS,
            title="After-school jobs for young people",
            level=Level.FRONTLINE,
            owner_actor_id=SSP,
        )
    ]


def test_an_activity_started_from_an_incident_decision_records_the_incident() -> None:
    command = create(
        title="Walking the streets the day after the shooting",
        level="frontline",
        owner_actor_id=POLICE,
        themes=("crime_victims",),
        incident_id=f" {INCIDENT} ",
    )
    assert when(command) == [
        ActivityCreated(
            activity_id=JOBS,
            title="Walking the streets the day after the shooting",
            level=Level.FRONTLINE,
            owner_actor_id=POLICE,
            themes=(Theme.CRIME_VICTIMS,),
            incident_id=INCIDENT,
        )
    ]


def test_an_owner_given_by_a_merged_id_is_recorded_as_the_survivor() -> None:
    [created] = when(create(owner_actor_id=OLD_SSP))
    assert isinstance(created, ActivityCreated) and created.owner_actor_id == SSP


def test_the_created_activity_is_planned_and_has_no_partners() -> None:
    state = activity.fold([CREATED])
    fields = {f.name: getattr(CREATED, f.name) for f in dataclasses.fields(CREATED)}
    assert state == activity.Activity(**fields, status=ActivityStatus.PLANNED, partners={})


@pytest.mark.parametrize(
    "changes",
    [
        {"target_age_from": 0, "target_age_to": 120},
        {"target_age_from": 15, "target_age_to": 15},
        {"target_age_from": 60},
        {"start": date(2026, 5, 1), "end": date(2026, 5, 1)},
        {"end": date(2026, 5, 1)},
    ],
    ids=["whole-life", "one-age", "from-only", "one-day", "end-only"],
)
def test_ages_and_dates_at_their_limits_are_kept(changes: dict[str, Any]) -> None:
    [created] = when(create(**changes))
    assert isinstance(created, ActivityCreated)
    for name, value in changes.items():
        expected = value.isoformat() if isinstance(value, date) else value
        assert getattr(created, name) == expected


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "T" * 201}, "title"),
        ({"level": "national"}, "level"),
        ({"owner_actor_id": "actor-nobody"}, "ownerActorId"),
        ({"description": "D" * 4001}, "description"),
        ({"themes": ("youth", "quidditch")}, "themes"),
        ({"target_age_from": -1}, "targetAgeFrom"),
        ({"target_age_to": 121}, "targetAgeTo"),
        ({"target_age_from": "13"}, "targetAgeFrom"),
        ({"target_age_from": 18, "target_age_to": 13}, "targetAgeTo"),
        ({"target_group": "G" * 501}, "targetGroup"),
        ({"areas": (TINGBJERG, "area-atlantis")}, "areas"),
        ({"start": "1 February 2026"}, "start"),
        ({"end": "2026-02-30"}, "end"),
        ({"start": date(2026, 2, 1), "end": date(2026, 1, 31)}, "end"),
        ({"hours": -1}, "hours"),
        ({"budget": 99.5}, "budget"),
        ({"focus_areas": ("focus-nothing",)}, "focusAreas"),
        ({"incident_id": "i" * 201}, "incidentId"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_creating_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, create(**changes)) == field


def test_creating_an_activity_twice_conflicts() -> None:
    assert refused_field(Conflict, create(), CREATED) == "activityId"


# Change details


def test_changing_details_records_only_what_changed_as_json_keeps_it() -> None:
    command = ChangeActivityDetails(
        JOBS,
        {
            "title": " After-school jobs for young people ",
            "themes": (Theme.EMPLOYMENT, Theme.EDUCATION),
            "level": "strategic",
            "end": date(2027, 6, 30),
            "budget": 450_000,
            "areas": (HUSUM, TINGBJERG),
        },
    )
    assert when(command, CREATED) == [
        ActivityDetailsChanged(
            activity_id=JOBS,
            changes={
                "themes": ["employment", "education"],
                "level": "strategic",
                "end": "2027-06-30",
                "budget": 450_000,
            },
        )
    ]


def test_every_changed_detail_is_the_activitys_from_then_on_typed_again() -> None:
    changed = ActivityDetailsChanged(
        activity_id=JOBS,
        changes={
            "themes": ["employment", "education"],
            "level": "strategic",
            "areas": [HUSUM],
            "focus_areas": [NIGHTLIFE_FOCUS],
            "description": None,
        },
    )
    created = activity.fold([CREATED])
    assert created is not None
    assert activity.fold([CREATED, changed]) == dataclasses.replace(
        created,
        themes=(Theme.EMPLOYMENT, Theme.EDUCATION),
        level=Level.STRATEGIC,
        areas=(HUSUM,),
        focus_areas=(NIGHTLIFE_FOCUS,),
        description=None,
    )


def test_changing_details_to_what_they_are_records_nothing() -> None:
    same = {
        "title": "After-school jobs for young people",
        "themes": ("employment", "youth"),
        "areas": (HUSUM, TINGBJERG, HUSUM),
        "level": Level.FRONTLINE,
        "owner_actor_id": OLD_SSP,
        "start": "2026-02-01",
        "target_age_to": 17,
    }
    assert when(ChangeActivityDetails(JOBS, same), CREATED) == []
    assert when(ChangeActivityDetails(JOBS, {}), CREATED) == []


def test_a_detail_given_as_none_or_blank_is_cleared() -> None:
    command = ChangeActivityDetails(
        JOBS, {"description": " ", "end": None, "themes": None, "hours": None}
    )
    assert when(command, CREATED) == [
        ActivityDetailsChanged(
            activity_id=JOBS,
            changes={"description": None, "end": None, "themes": [], "hours": None},
        )
    ]


def test_a_new_owner_given_by_a_merged_id_is_recorded_as_the_survivor() -> None:
    police_owned = dataclasses.replace(CREATED, owner_actor_id=POLICE)
    assert when(ChangeActivityDetails(JOBS, {"owner_actor_id": OLD_SSP}), police_owned) == [
        ActivityDetailsChanged(activity_id=JOBS, changes={"owner_actor_id": SSP})
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"colour": "blue"}, "colour"),
        ({"status": "ended"}, "status"),
        ({"partners": (POLICE,)}, "partners"),
        ({"incident_id": INCIDENT}, "incident_id"),
        ({"title": None}, "title"),
        ({"level": None}, "level"),
        ({"owner_actor_id": None}, "ownerActorId"),
        ({"owner_actor_id": "actor-nobody"}, "ownerActorId"),
        ({"themes": "youth"}, "themes"),
        ({"themes": ("youth", "quidditch")}, "themes"),
        ({"areas": 7}, "areas"),
        ({"areas": ("area-atlantis",)}, "areas"),
        ({"focus_areas": ("focus-nothing",)}, "focusAreas"),
        ({"target_age_to": 121}, "targetAgeTo"),
        ({"start": "soon"}, "start"),
        ({"hours": -5}, "hours"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_bad_or_unknown_detail_is_refused_naming_it(changes: dict[str, Any], field: str) -> None:
    assert refused_field(BadUserInput, ChangeActivityDetails(JOBS, changes), CREATED) == field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end": date(2026, 1, 31)}, "end"),
        ({"start": date(2027, 1, 1)}, "start"),
        ({"target_age_from": 18}, "targetAgeFrom"),
        ({"target_age_to": 12}, "targetAgeTo"),
    ],
    ids=["end-before-start", "start-after-end", "from-above-to", "to-below-from"],
)
def test_a_change_out_of_order_with_the_other_end_is_refused_naming_the_changed_one(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, ChangeActivityDetails(JOBS, changes), CREATED) == field


def test_both_ends_may_move_past_the_old_ones_in_one_change() -> None:
    changes = {
        "start": "2027-01-01",
        "end": "2027-12-31",
        "target_age_from": 18,
        "target_age_to": 25,
    }
    assert when(ChangeActivityDetails(JOBS, changes), CREATED) == [
        ActivityDetailsChanged(activity_id=JOBS, changes=changes)
    ]


# Join and leave


def test_an_actor_joins_as_a_partner_with_a_role() -> None:
    events = when(JoinActivity(JOBS, FSB, PartnerRole.PARTNER), CREATED)
    assert events == [FSB_JOINED]
    state = activity.fold([CREATED, *events])
    assert state is not None and state.partners == {FSB: PartnerRole.PARTNER}


@pytest.mark.parametrize("role", list(PartnerRole), ids=str)
def test_every_partner_role_may_be_given_by_its_value(role: PartnerRole) -> None:
    command = JoinActivity(JOBS, NIGHT_RAVENS, role.value)  # type: ignore[arg-type]
    [joined] = when(command, CREATED)
    assert joined == ActivityPartnerJoined(activity_id=JOBS, actor_id=NIGHT_RAVENS, role=role)
    assert isinstance(joined, ActivityPartnerJoined) and type(joined.role) is PartnerRole


def test_a_partner_joining_by_a_merged_id_joins_as_the_survivor() -> None:
    assert when(JoinActivity(JOBS, OLD_SSP, PartnerRole.LEAD), CREATED) == [
        ActivityPartnerJoined(activity_id=JOBS, actor_id=SSP, role=PartnerRole.LEAD)
    ]


def test_joining_again_in_the_same_role_records_nothing() -> None:
    assert when(JoinActivity(JOBS, FSB, PartnerRole.PARTNER), CREATED, FSB_JOINED) == []


def test_joining_again_in_another_role_changes_the_role() -> None:
    events = when(JoinActivity(JOBS, FSB, PartnerRole.FUNDER), CREATED, FSB_JOINED)
    assert events == [dataclasses.replace(FSB_JOINED, role=PartnerRole.FUNDER)]
    state = activity.fold([CREATED, FSB_JOINED, *events])
    assert state is not None and state.partners == {FSB: PartnerRole.FUNDER}


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (JoinActivity(JOBS, "actor-nobody", PartnerRole.PARTNER), "actorId"),
        (JoinActivity(JOBS, CLUB, "sponsor"), "role"),  # type: ignore[arg-type]
    ],
    ids=["unknown-actor", "unknown-role"],
)
def test_joining_with_a_bad_detail_is_refused_naming_it(command: JoinActivity, field: str) -> None:
    assert refused_field(BadUserInput, command, CREATED) == field


def test_a_partner_leaves() -> None:
    events = when(LeaveActivity(JOBS, FSB), CREATED, FSB_JOINED)
    assert events == [ActivityPartnerLeft(activity_id=JOBS, actor_id=FSB)]
    state = activity.fold([CREATED, FSB_JOINED, *events])
    assert state is not None and state.partners == {}


def test_a_partner_leaving_by_a_merged_id_leaves_as_the_survivor() -> None:
    joined = ActivityPartnerJoined(activity_id=JOBS, actor_id=SSP, role=PartnerRole.LEAD)
    assert when(LeaveActivity(JOBS, OLD_SSP), CREATED, joined) == [
        ActivityPartnerLeft(activity_id=JOBS, actor_id=SSP)
    ]


def test_an_actor_that_is_not_a_partner_cannot_leave() -> None:
    assert refused_field(NotFound, LeaveActivity(JOBS, POLICE), CREATED, FSB_JOINED) == "actorId"


# Status

PLANNED, ACTIVE, PAUSED, ENDED = (
    ActivityStatus.PLANNED,
    ActivityStatus.ACTIVE,
    ActivityStatus.PAUSED,
    ActivityStatus.ENDED,
)
HISTORY: dict[ActivityStatus, list[DomainEvent]] = {
    PLANNED: [CREATED],
    ACTIVE: [CREATED, status(ACTIVE)],
    PAUSED: [CREATED, status(ACTIVE), status(PAUSED)],
    ENDED: [CREATED, status(ACTIVE), status(ENDED)],
}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (PLANNED, ACTIVE),
        (ACTIVE, PAUSED),
        (PAUSED, ACTIVE),
        (PLANNED, ENDED),
        (ACTIVE, ENDED),
        (PAUSED, ENDED),
    ],
    ids=lambda s: str(s),
)
def test_a_valid_status_change_is_recorded_and_is_the_activitys_status(
    before: ActivityStatus, after: ActivityStatus
) -> None:
    events = when(ChangeActivityStatus(JOBS, after), *HISTORY[before])
    assert events == [status(after)]
    state = activity.fold([*HISTORY[before], *events])
    assert state is not None and state.status is after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (PLANNED, PAUSED),
        (ACTIVE, PLANNED),
        (PAUSED, PLANNED),
        (ENDED, PLANNED),
        (ENDED, ACTIVE),
        (ENDED, PAUSED),
    ],
    ids=lambda s: str(s),
)
def test_an_invalid_status_change_conflicts_naming_status(
    before: ActivityStatus, after: ActivityStatus
) -> None:
    assert refused_field(Conflict, ChangeActivityStatus(JOBS, after), *HISTORY[before]) == "status"


@pytest.mark.parametrize("same", list(ActivityStatus), ids=str)
def test_changing_to_the_current_status_records_nothing(same: ActivityStatus) -> None:
    assert when(ChangeActivityStatus(JOBS, same), *HISTORY[same]) == []


def test_a_status_given_by_its_value_is_recorded_as_the_status() -> None:
    command = ChangeActivityStatus(JOBS, "active")  # type: ignore[arg-type]
    [changed] = when(command, CREATED)
    assert isinstance(changed, ActivityStatusChanged) and changed.status is ACTIVE


def test_a_status_that_does_not_exist_is_refused_naming_status() -> None:
    command = ChangeActivityStatus(JOBS, "cancelled")  # type: ignore[arg-type]
    assert refused_field(BadUserInput, command, CREATED) == "status"


EVERY_LATER_COMMAND: list[ActivityCommand] = [
    ChangeActivityDetails(JOBS, {"title": "Summer jobs"}),
    JoinActivity(JOBS, FSB, PartnerRole.PARTNER),
    LeaveActivity(JOBS, FSB),
    ChangeActivityStatus(JOBS, ACTIVE),
]


@pytest.mark.parametrize("command", EVERY_LATER_COMMAND, ids=lambda c: type(c).__name__)
def test_a_command_on_an_unknown_activity_is_not_found(command: ActivityCommand) -> None:
    assert refused_field(NotFound, command) == "activityId"


# Events as stored

ACTIVITY_EVENTS: list[DomainEvent] = [
    CREATED,
    dataclasses.replace(CREATED, incident_id=INCIDENT, themes=(), areas=(), start=None),
    ActivityDetailsChanged(
        activity_id=JOBS,
        changes={"themes": ["youth"], "level": "civil_society", "end": None, "budget": 1000},
    ),
    FSB_JOINED,
    ActivityPartnerLeft(activity_id=JOBS, actor_id=FSB),
    status(PAUSED),
]


@pytest.mark.parametrize("event", ACTIVITY_EVENTS, ids=lambda e: type(e).__name__)
def test_an_activity_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)
