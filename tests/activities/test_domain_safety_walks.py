"""The SafetyWalk aggregate, its findings and their actions, given / when / then."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from tests.activities.test_domain_known import (
    FSB,
    KK,
    KNOWN,
    NIGHT_RAVENS,
    OLD_SSP,
    POLICE,
    SSP,
    TINGBJERG,
)
from trygnet_activities.domain import safety_walk
from trygnet_activities.domain.commands import (
    AssignFindingAction,
    ChangeFindingActionStatus,
    RecordFinding,
    RecordSafetyWalk,
)
from trygnet_activities.domain.events import (
    FindingActionAssigned,
    FindingActionStatusChanged,
    FindingRecorded,
    SafetyWalkRecorded,
)
from trygnet_activities.domain.model import ActionStatus, FindingKind, Known
from trygnet_activities.domain.safety_walk import SafetyWalkCommand
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent

WALK, HEDGE, CUT = "walk-tingbjerg-2026-04", "finding-hedge", "action-cut-hedge"
ROUTE = "From the square along Ruten to the school path, back by the youth club"
WALKED = SafetyWalkRecorded(
    walk_id=WALK,
    walked_on="2026-04-14",
    area_id=TINGBJERG,
    participants=(POLICE, KK, FSB),
    residents=14,
    route=ROUTE,
)
FOUND = FindingRecorded(
    walk_id=WALK,
    finding_id=HEDGE,
    kind=FindingKind.VEGETATION,
    place="School path behind block 4",
    description="Overgrown hedges hide the path; residents avoid it after dark.",
    coordinates={"lat": 55.7081, "lon": 12.4834},
    photo_url="https://photos.kk.dk/walks/hedge.jpg",
)
ASSIGNED = FindingActionAssigned(
    walk_id=WALK, finding_id=HEDGE, action_id=CUT, owner_actor_id=FSB, deadline="2026-05-31"
)


def when(
    command: SafetyWalkCommand, *given: DomainEvent, known: Known = KNOWN
) -> list[DomainEvent]:
    """Decide ``command`` on the walk that the ``given`` events folded into."""
    return safety_walk.decide(command, safety_walk.fold(given), known=known)


def walk(**changes: Any) -> RecordSafetyWalk:
    fields: dict[str, Any] = {
        "walk_id": WALK,
        "walked_on": date(2026, 4, 14),
        "area_id": TINGBJERG,
        "route": ROUTE,
        "participants": (POLICE, KK, FSB),
        "residents": 14,
    }
    return RecordSafetyWalk(**{**fields, **changes})


def finding(**changes: Any) -> RecordFinding:
    fields: dict[str, Any] = {
        "walk_id": WALK,
        "finding_id": HEDGE,
        "kind": FindingKind.VEGETATION,
        "place": "School path behind block 4",
        "description": "Overgrown hedges hide the path; residents avoid it after dark.",
        "coordinates": {"lat": 55.7081, "lon": 12.4834},
        "photo_url": "https://photos.kk.dk/walks/hedge.jpg",
    }
    return RecordFinding(**{**fields, **changes})


def assign(**changes: Any) -> AssignFindingAction:
    fields: dict[str, Any] = {
        "walk_id": WALK,
        "finding_id": HEDGE,
        "action_id": CUT,
        "owner_actor_id": FSB,
        "deadline": date(2026, 5, 31),
    }
    return AssignFindingAction(**{**fields, **changes})


def refused_field(
    error: type[TrygnetError], command: SafetyWalkCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Record the walk


def test_recording_a_walk_records_who_walked_where_and_when() -> None:
    command = walk(route=f"  {ROUTE} ", participants=(POLICE, KK, FSB, KK))
    assert when(command) == [WALKED]


def test_a_walk_needs_no_route_participants_nor_residents() -> None:
    command = RecordSafetyWalk(walk_id=WALK, walked_on="2026-04-14", area_id=TINGBJERG)  # type: ignore[arg-type]
    assert when(command) == [
        SafetyWalkRecorded(walk_id=WALK, walked_on="2026-04-14", area_id=TINGBJERG)
    ]


def test_participants_given_by_a_merged_id_are_recorded_as_the_survivor() -> None:
    [walked] = when(walk(participants=(OLD_SSP, SSP, NIGHT_RAVENS)))
    assert isinstance(walked, SafetyWalkRecorded)
    assert walked.participants == (SSP, NIGHT_RAVENS)


def test_a_follow_up_walk_links_to_the_earlier_one() -> None:
    command = walk(walk_id="walk-tingbjerg-2026-10", follows_walk_id=f" {WALK} ")
    [walked] = when(command)
    assert walked == dataclasses.replace(
        WALKED, walk_id="walk-tingbjerg-2026-10", follows_walk_id=WALK
    )


def test_the_recorded_walk_has_no_findings_yet() -> None:
    assert safety_walk.fold([WALKED]) == safety_walk.SafetyWalk(
        walk_id=WALK,
        walked_on="2026-04-14",
        area_id=TINGBJERG,
        participants=(POLICE, KK, FSB),
        residents=14,
        follows_walk_id=None,
        findings={},
        actions={},
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"walked_on": "14.04.2026"}, "walkedOn"),
        ({"walked_on": None}, "walkedOn"),
        ({"area_id": "area-atlantis"}, "areaId"),
        ({"participants": (POLICE, "actor-nobody")}, "participants"),
        ({"residents": -1}, "residents"),
        ({"residents": "14"}, "residents"),
        ({"route": "r" * 2001}, "route"),
        ({"follows_walk_id": WALK}, "followsWalkId"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_recording_a_walk_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, walk(**changes)) == field


def test_recording_a_walk_twice_conflicts() -> None:
    assert refused_field(Conflict, walk(), WALKED) == "walkId"


# Findings


def test_a_finding_is_recorded_with_its_place_point_and_photo() -> None:
    command = finding(
        place=" School path behind block 4 ",
        coordinates={"lat": 55.7081, "lon": 12.4834},
        photo_url=" https://photos.kk.dk/walks/hedge.jpg ",
    )
    assert when(command, WALKED) == [FOUND]
    state = safety_walk.fold([WALKED, FOUND])
    assert state is not None and state.findings == {HEDGE: FindingKind.VEGETATION}


@pytest.mark.parametrize("kind", list(FindingKind), ids=str)
def test_every_kind_of_finding_may_be_given_by_its_value(kind: FindingKind) -> None:
    [found] = when(finding(kind=kind.value, coordinates=None, photo_url=None), WALKED)
    assert found == dataclasses.replace(FOUND, kind=kind, coordinates=None, photo_url=None)


def test_whole_degrees_are_kept_as_numbers() -> None:
    [found] = when(finding(coordinates={"lat": 56, "lon": -12}), WALKED)
    assert isinstance(found, FindingRecorded)
    assert found.coordinates == {"lat": 56.0, "lon": -12.0}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "graffiti"}, "kind"),
        ({"place": " "}, "place"),
        ({"place": "p" * 501}, "place"),
        ({"description": ""}, "description"),
        ({"description": "d" * 4001}, "description"),
        ({"coordinates": "55.7081,12.4834"}, "coordinates"),
        ({"coordinates": {"lat": 90.5, "lon": 12.4}}, "coordinates.lat"),
        ({"coordinates": {"lat": 55.7, "lon": -180.1}}, "coordinates.lon"),
        ({"coordinates": {"lon": 12.4}}, "coordinates.lat"),
        ({"coordinates": {"lat": "55.7", "lon": 12.4}}, "coordinates.lat"),
        ({"coordinates": {"lat": 55.7, "lon": 12.4, "alt": 20}}, "coordinates.alt"),
        ({"photo_url": "photos.kk.dk/hedge.jpg"}, "photoUrl"),
        ({"photo_url": "ftp://photos.kk.dk/hedge.jpg"}, "photoUrl"),
        ({"photo_url": "javascript:alert(1)"}, "photoUrl"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_finding_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, finding(**changes), WALKED) == field


def test_recording_a_finding_twice_conflicts() -> None:
    assert refused_field(Conflict, finding(), WALKED, FOUND) == "findingId"


# Actions


def test_an_action_on_a_finding_is_assigned_to_an_owner_and_starts_open() -> None:
    events = when(assign(), WALKED, FOUND)
    assert events == [ASSIGNED]
    state = safety_walk.fold([WALKED, FOUND, *events])
    assert state is not None
    assert state.actions == {CUT: safety_walk.Action(HEDGE, FSB, "2026-05-31", ActionStatus.OPEN)}


def test_an_owner_given_by_a_merged_id_is_recorded_as_the_survivor() -> None:
    assert when(assign(owner_actor_id=OLD_SSP), WALKED, FOUND) == [
        dataclasses.replace(ASSIGNED, owner_actor_id=SSP)
    ]


def test_an_action_may_be_due_on_the_day_of_the_walk() -> None:
    assert when(assign(deadline="2026-04-14"), WALKED, FOUND) == [
        dataclasses.replace(ASSIGNED, deadline="2026-04-14")
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"deadline": date(2026, 4, 13)}, "deadline"),
        ({"deadline": "end of May"}, "deadline"),
        ({"owner_actor_id": "actor-nobody"}, "ownerActorId"),
    ],
    ids=["before-the-walk", "not-a-date", "unknown-owner"],
)
def test_an_action_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, assign(**changes), WALKED, FOUND) == field


def test_an_action_on_an_unknown_finding_is_not_found() -> None:
    command = assign(finding_id="finding-nothing")
    assert refused_field(NotFound, command, WALKED, FOUND) == "findingId"


def test_assigning_an_action_twice_conflicts() -> None:
    assert refused_field(Conflict, assign(), WALKED, FOUND, ASSIGNED) == "actionId"


# Action status


def changed(status: ActionStatus, reason: str | None = None) -> FindingActionStatusChanged:
    return FindingActionStatusChanged(
        walk_id=WALK, finding_id=HEDGE, action_id=CUT, status=status, reason=reason
    )


@pytest.mark.parametrize("status", [ActionStatus.IN_PROGRESS, ActionStatus.DONE], ids=str)
def test_an_action_in_progress_or_done_is_recorded_with_its_finding(status: ActionStatus) -> None:
    events = when(ChangeFindingActionStatus(WALK, CUT, status), WALKED, FOUND, ASSIGNED)
    assert events == [changed(status)]
    state = safety_walk.fold([WALKED, FOUND, ASSIGNED, *events])
    assert state is not None and state.actions[CUT].status is status


def test_a_rejected_action_records_its_reason() -> None:
    command = ChangeFindingActionStatus(
        WALK,
        CUT,
        "rejected",  # type: ignore[arg-type]
        " The hedge is protected; lighting instead ",
    )
    events = when(command, WALKED, FOUND, ASSIGNED)
    reason = "The hedge is protected; lighting instead"
    assert events == [changed(ActionStatus.REJECTED, reason)]
    state = safety_walk.fold([WALKED, FOUND, ASSIGNED, *events])
    assert state is not None
    assert (state.actions[CUT].status, state.actions[CUT].reason) == (ActionStatus.REJECTED, reason)


@pytest.mark.parametrize("reason", [None, "", "   "], ids=["none", "empty", "blank"])
def test_an_action_rejected_without_a_reason_is_refused_naming_reason(reason: str | None) -> None:
    command = ChangeFindingActionStatus(WALK, CUT, ActionStatus.REJECTED, reason)
    assert refused_field(BadUserInput, command, WALKED, FOUND, ASSIGNED) == "reason"


def test_an_action_done_may_say_how() -> None:
    command = ChangeFindingActionStatus(WALK, CUT, ActionStatus.DONE, "Cut back to 1 m")
    assert when(command, WALKED, FOUND, ASSIGNED) == [changed(ActionStatus.DONE, "Cut back to 1 m")]


def test_an_action_set_to_its_own_status_records_nothing() -> None:
    command = ChangeFindingActionStatus(WALK, CUT, ActionStatus.OPEN)
    assert when(command, WALKED, FOUND, ASSIGNED) == []


def test_a_new_reason_for_the_same_status_is_recorded() -> None:
    rejected = changed(ActionStatus.REJECTED, "Protected hedge")
    command = ChangeFindingActionStatus(WALK, CUT, ActionStatus.REJECTED, "Protected by the plan")
    assert when(command, WALKED, FOUND, ASSIGNED, rejected) == [
        changed(ActionStatus.REJECTED, "Protected by the plan")
    ]
    same = ChangeFindingActionStatus(WALK, CUT, ActionStatus.REJECTED, "Protected hedge")
    assert when(same, WALKED, FOUND, ASSIGNED, rejected) == []


def test_a_done_action_may_be_opened_again() -> None:
    command = ChangeFindingActionStatus(WALK, CUT, ActionStatus.OPEN)
    done = changed(ActionStatus.DONE)
    assert when(command, WALKED, FOUND, ASSIGNED, done) == [changed(ActionStatus.OPEN)]


@pytest.mark.parametrize(
    ("command", "error", "field"),
    [
        (
            ChangeFindingActionStatus(WALK, "action-nothing", ActionStatus.DONE),
            NotFound,
            "actionId",
        ),
        (ChangeFindingActionStatus(WALK, CUT, "forgotten"), BadUserInput, "status"),  # type: ignore[arg-type]
        (
            ChangeFindingActionStatus(WALK, CUT, ActionStatus.DONE, "r" * 1001),
            BadUserInput,
            "reason",
        ),
    ],
    ids=["unknown-action", "unknown-status", "long-reason"],
)
def test_a_bad_status_change_is_refused_naming_the_field(
    command: ChangeFindingActionStatus, error: type[TrygnetError], field: str
) -> None:
    assert refused_field(error, command, WALKED, FOUND, ASSIGNED) == field


EVERY_LATER_COMMAND: list[SafetyWalkCommand] = [
    finding(),
    assign(),
    ChangeFindingActionStatus(WALK, CUT, ActionStatus.DONE),
]


@pytest.mark.parametrize("command", EVERY_LATER_COMMAND, ids=lambda c: type(c).__name__)
def test_a_command_on_an_unknown_walk_is_not_found(command: SafetyWalkCommand) -> None:
    assert refused_field(NotFound, command) == "walkId"


# Events as stored

SAFETY_WALK_EVENTS: list[DomainEvent] = [
    WALKED,
    dataclasses.replace(WALKED, follows_walk_id="walk-tingbjerg-2025-10", route=None),
    FOUND,
    dataclasses.replace(FOUND, kind=FindingKind.LIGHTING, coordinates=None, photo_url=None),
    ASSIGNED,
    changed(ActionStatus.REJECTED, "Protected hedge"),
]


@pytest.mark.parametrize("event", SAFETY_WALK_EVENTS, ids=lambda e: type(e).__name__)
def test_a_safety_walk_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)
