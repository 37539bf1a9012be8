"""The Forum aggregate and its meetings, given / when / then."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from tests.activities.test_domain_known import (
    CLUB,
    FSB,
    KK,
    KNOWN,
    NIGHT_RAVENS,
    OLD_SSP,
    PARTNERSHIP,
    POLICE,
    SSP,
)
from trygnet_activities.domain import forum
from trygnet_activities.domain.commands import (
    ChangeFollowUpStatus,
    EstablishForum,
    JoinForum,
    LeaveForum,
    RecordMeeting,
)
from trygnet_activities.domain.events import (
    FollowUpStatusChanged,
    ForumEstablished,
    ForumMemberJoined,
    ForumMemberLeft,
    MeetingRecorded,
)
from trygnet_activities.domain.forum import ForumCommand
from trygnet_activities.domain.model import Cadence, FollowUpStatus, Known, Level
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent

FORUM, MEETING = "forum-frontline-youth", "meeting-2026-03"
ESTABLISHED = ForumEstablished(
    forum_id=FORUM,
    name="Frontline forum for young people",
    level=Level.FRONTLINE,
    owner_actor_id=SSP,
    cadence=Cadence.MONTHLY,
    partnership_id=PARTNERSHIP,
    members=(SSP, FSB, CLUB),
)
LIGHTS = {
    "follow_up_id": "follow-up-lights",
    "description": "Ask the housing association about the lights by the youth club",
    "actor_id": FSB,
    "due": "2026-03-31",
}
JOBS = {
    "follow_up_id": "follow-up-jobs",
    "description": "Share the list of after-school jobs between the partners",
    "actor_id": SSP,
    "due": "2026-03-12",
}
MET = MeetingRecorded(
    forum_id=FORUM,
    meeting_id=MEETING,
    held_on="2026-03-12",
    attendees=(SSP, FSB, POLICE),
    follow_ups=(LIGHTS, JOBS),
    agenda="1. Who offers after-school jobs to whom. 2. Unrest by the youth club.",
    decisions="The partners split the target groups by age and area.",
)


def when(command: ForumCommand, *given: DomainEvent, known: Known = KNOWN) -> list[DomainEvent]:
    """Decide ``command`` on the forum that the ``given`` events folded into."""
    return forum.decide(command, forum.fold(given), known=known)


def establish(**changes: Any) -> EstablishForum:
    fields: dict[str, Any] = {
        "forum_id": FORUM,
        "name": "Frontline forum for young people",
        "level": Level.FRONTLINE,
        "owner_actor_id": SSP,
        "cadence": Cadence.MONTHLY,
        "partnership_id": PARTNERSHIP,
        "members": (SSP, FSB, CLUB),
    }
    return EstablishForum(**{**fields, **changes})


def meeting(**changes: Any) -> RecordMeeting:
    fields: dict[str, Any] = {
        "forum_id": FORUM,
        "meeting_id": MEETING,
        "held_on": date(2026, 3, 12),
        "attendees": (SSP, FSB, POLICE),
        "agenda": "1. Who offers after-school jobs to whom. 2. Unrest by the youth club.",
        "decisions": "The partners split the target groups by age and area.",
        "follow_ups": (LIGHTS, JOBS),
    }
    return RecordMeeting(**{**fields, **changes})


def follow_up(**changes: Any) -> Mapping[str, Any]:
    return {**LIGHTS, **changes}


def refused_field(
    error: type[TrygnetError], command: ForumCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Establish


def test_establishing_a_forum_records_every_detail() -> None:
    command = establish(name=" Frontline forum for young people ", members=(SSP, FSB, CLUB, FSB))
    assert when(command) == [ESTABLISHED]


def test_a_forum_needs_no_partnership_nor_members_and_takes_enums_by_value() -> None:
    command = establish(level="civil_society", cadence="as_needed", partnership_id=None, members=())
    [established] = when(command)
    assert established == dataclasses.replace(
        ESTABLISHED,
        level=Level.CIVIL_SOCIETY,
        cadence=Cadence.AS_NEEDED,
        partnership_id=None,
        members=(),
    )
    assert isinstance(established, ForumEstablished)
    assert type(established.level) is Level and type(established.cadence) is Cadence


def test_an_owner_and_members_given_by_a_merged_id_are_recorded_as_the_survivor() -> None:
    [established] = when(establish(owner_actor_id=OLD_SSP, members=(OLD_SSP, SSP, FSB)))
    assert isinstance(established, ForumEstablished)
    assert established.owner_actor_id == SSP
    assert established.members == (SSP, FSB)


def test_the_established_forum_has_its_members_and_no_meetings() -> None:
    assert forum.fold([ESTABLISHED]) == forum.Forum(
        forum_id=FORUM,
        name="Frontline forum for young people",
        level=Level.FRONTLINE,
        owner_actor_id=SSP,
        cadence=Cadence.MONTHLY,
        partnership_id=PARTNERSHIP,
        members=(SSP, FSB, CLUB),
        meetings=(),
        follow_ups={},
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"level": "national"}, "level"),
        ({"cadence": "daily"}, "cadence"),
        ({"owner_actor_id": "actor-nobody"}, "ownerActorId"),
        ({"partnership_id": "partnership-nowhere"}, "partnershipId"),
        ({"members": (SSP, "actor-nobody")}, "members"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_establishing_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, establish(**changes)) == field


def test_establishing_a_forum_twice_conflicts() -> None:
    assert refused_field(Conflict, establish(), ESTABLISHED) == "forumId"


# Join and leave


def test_an_actor_joins_the_forum() -> None:
    events = when(JoinForum(FORUM, NIGHT_RAVENS), ESTABLISHED)
    assert events == [ForumMemberJoined(forum_id=FORUM, actor_id=NIGHT_RAVENS)]
    state = forum.fold([ESTABLISHED, *events])
    assert state is not None and state.members == (SSP, FSB, CLUB, NIGHT_RAVENS)


def test_an_actor_joining_by_a_merged_id_joins_as_the_survivor() -> None:
    bare = dataclasses.replace(ESTABLISHED, members=())
    assert when(JoinForum(FORUM, OLD_SSP), bare) == [
        ForumMemberJoined(forum_id=FORUM, actor_id=SSP)
    ]


def test_a_member_joining_again_records_nothing() -> None:
    assert when(JoinForum(FORUM, OLD_SSP), ESTABLISHED) == []


def test_an_unknown_actor_cannot_join() -> None:
    assert refused_field(BadUserInput, JoinForum(FORUM, "actor-nobody"), ESTABLISHED) == "actorId"


def test_a_member_leaves_the_forum_also_by_a_merged_id() -> None:
    events = when(LeaveForum(FORUM, OLD_SSP), ESTABLISHED)
    assert events == [ForumMemberLeft(forum_id=FORUM, actor_id=SSP)]
    state = forum.fold([ESTABLISHED, *events])
    assert state is not None and state.members == (FSB, CLUB)


def test_an_actor_that_is_not_a_member_cannot_leave() -> None:
    assert refused_field(NotFound, LeaveForum(FORUM, POLICE), ESTABLISHED) == "actorId"


# Meetings


def test_recording_a_meeting_records_attendees_texts_and_follow_ups() -> None:
    command = meeting(
        attendees=(SSP, FSB, POLICE, FSB),
        agenda=" 1. Who offers after-school jobs to whom. 2. Unrest by the youth club. ",
        follow_ups=(
            follow_up(description=f" {LIGHTS['description']} "),
            {**JOBS, "due": date(2026, 3, 12)},
        ),
    )
    assert when(command, ESTABLISHED) == [MET]


def test_a_meeting_needs_no_attendees_texts_nor_follow_ups() -> None:
    command = meeting(attendees=(), agenda="  ", decisions=None, follow_ups=())
    assert when(command, ESTABLISHED) == [
        MeetingRecorded(forum_id=FORUM, meeting_id=MEETING, held_on="2026-03-12")
    ]


def test_attendees_and_follow_up_actors_given_by_a_merged_id_are_the_survivor() -> None:
    command = meeting(attendees=(OLD_SSP, POLICE), follow_ups=({**JOBS, "actor_id": OLD_SSP},))
    [met] = when(command, ESTABLISHED)
    assert isinstance(met, MeetingRecorded)
    assert met.attendees == (SSP, POLICE)
    assert met.follow_ups == (JOBS,)


def test_the_forum_remembers_its_meetings_and_their_open_follow_ups() -> None:
    state = forum.fold([ESTABLISHED, MET])
    assert state is not None
    assert state.meetings == (MEETING,)
    assert state.follow_ups == {
        "follow-up-lights": forum.FollowUp(MEETING, FSB, "2026-03-31", FollowUpStatus.OPEN),
        "follow-up-jobs": forum.FollowUp(MEETING, SSP, "2026-03-12", FollowUpStatus.OPEN),
    }


def test_a_follow_up_due_before_the_meeting_is_refused_naming_its_due_date() -> None:
    command = meeting(follow_ups=(JOBS, follow_up(due="2026-03-11")))
    assert refused_field(BadUserInput, command, ESTABLISHED) == "followUps.1.due"


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ("call the police", "followUps.0"),
        (follow_up(follow_up_id=" "), "followUps.0.followUpId"),
        (follow_up(description=""), "followUps.0.description"),
        (follow_up(description="d" * 1001), "followUps.0.description"),
        (follow_up(actor_id="actor-nobody"), "followUps.0.actorId"),
        (follow_up(actor_id=None), "followUps.0.actorId"),
        (follow_up(due="next week"), "followUps.0.due"),
        (follow_up(due=None), "followUps.0.due"),
        ({**LIGHTS, "priority": "high"}, "followUps.0.priority"),
        ({**LIGHTS, "status": "done"}, "followUps.0.status"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_bad_follow_up_is_refused_naming_its_index_and_field(given: Any, field: str) -> None:
    assert refused_field(BadUserInput, meeting(follow_ups=(given,)), ESTABLISHED) == field


def test_a_follow_up_given_twice_in_a_meeting_is_refused() -> None:
    command = meeting(follow_ups=(LIGHTS, follow_up(actor_id=POLICE)))
    assert refused_field(BadUserInput, command, ESTABLISHED) == "followUps.1.followUpId"


def test_a_follow_up_id_used_at_an_earlier_meeting_conflicts() -> None:
    command = meeting(meeting_id="meeting-2026-04", follow_ups=(JOBS,))
    assert refused_field(Conflict, command, ESTABLISHED, MET) == "followUps.0.followUpId"


def test_recording_a_meeting_twice_conflicts() -> None:
    assert refused_field(Conflict, meeting(follow_ups=()), ESTABLISHED, MET) == "meetingId"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": "12 March 2026"}, "heldOn"),
        ({"attendees": (SSP, "actor-nobody")}, "attendees"),
        ({"agenda": "a" * 10_001}, "agenda"),
        ({"decisions": "d" * 10_001}, "decisions"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_meeting_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, meeting(**changes), ESTABLISHED) == field


# Follow-ups


def test_a_follow_up_that_is_done_is_recorded_with_its_meeting() -> None:
    events = when(
        ChangeFollowUpStatus(FORUM, "follow-up-lights", FollowUpStatus.DONE), ESTABLISHED, MET
    )
    assert events == [
        FollowUpStatusChanged(
            forum_id=FORUM,
            meeting_id=MEETING,
            follow_up_id="follow-up-lights",
            status=FollowUpStatus.DONE,
        )
    ]
    state = forum.fold([ESTABLISHED, MET, *events])
    assert state is not None
    assert state.follow_ups["follow-up-lights"].status is FollowUpStatus.DONE
    assert state.follow_ups["follow-up-jobs"].status is FollowUpStatus.OPEN


def test_a_cancelled_follow_up_may_be_opened_again() -> None:
    cancelled = FollowUpStatusChanged(
        forum_id=FORUM,
        meeting_id=MEETING,
        follow_up_id="follow-up-jobs",
        status=FollowUpStatus.CANCELLED,
    )
    command = ChangeFollowUpStatus(FORUM, "follow-up-jobs", "open")  # type: ignore[arg-type]
    assert when(command, ESTABLISHED, MET, cancelled) == [
        dataclasses.replace(cancelled, status=FollowUpStatus.OPEN)
    ]


def test_a_follow_up_set_to_its_own_status_records_nothing() -> None:
    command = ChangeFollowUpStatus(FORUM, "follow-up-jobs", FollowUpStatus.OPEN)
    assert when(command, ESTABLISHED, MET) == []


def test_an_unknown_follow_up_is_not_found() -> None:
    command = ChangeFollowUpStatus(FORUM, "follow-up-nothing", FollowUpStatus.DONE)
    assert refused_field(NotFound, command, ESTABLISHED, MET) == "followUpId"


def test_a_follow_up_status_that_does_not_exist_is_refused_naming_status() -> None:
    command = ChangeFollowUpStatus(FORUM, "follow-up-jobs", "forgotten")  # type: ignore[arg-type]
    assert refused_field(BadUserInput, command, ESTABLISHED, MET) == "status"


EVERY_LATER_COMMAND: list[ForumCommand] = [
    JoinForum(FORUM, POLICE),
    LeaveForum(FORUM, SSP),
    meeting(),
    ChangeFollowUpStatus(FORUM, "follow-up-jobs", FollowUpStatus.DONE),
]


@pytest.mark.parametrize("command", EVERY_LATER_COMMAND, ids=lambda c: type(c).__name__)
def test_a_command_on_an_unknown_forum_is_not_found(command: ForumCommand) -> None:
    assert refused_field(NotFound, command) == "forumId"


# Events as stored

FORUM_EVENTS: list[DomainEvent] = [
    ESTABLISHED,
    ForumMemberJoined(forum_id=FORUM, actor_id=KK),
    ForumMemberLeft(forum_id=FORUM, actor_id=CLUB),
    MET,
    FollowUpStatusChanged(
        forum_id=FORUM,
        meeting_id=MEETING,
        follow_up_id="follow-up-lights",
        status=FollowUpStatus.CANCELLED,
    ),
]


@pytest.mark.parametrize("event", FORUM_EVENTS, ids=lambda e: type(e).__name__)
def test_a_forum_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)
