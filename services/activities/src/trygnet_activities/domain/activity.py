"""The Activity aggregate: a collaborative prevention activity and its partners.

Rules: only what changed is recorded; the owner, partners, areas and focus areas
must be known (a merged actor is recorded as its survivor); the target ages run
from 0 to 120, from no higher than to; the start is on or before the end; the
status moves planned → active ⇄ paused, and from any of those to ended, which is
final; the participants reached (a whole number up to 10,000,000) are recorded with
a status, or alone when the status stays, and only when they changed.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trygnet_activities.domain import model
from trygnet_activities.domain.commands import (
    ChangeActivityDetails,
    ChangeActivityStatus,
    CreateActivity,
    JoinActivity,
    LeaveActivity,
)
from trygnet_activities.domain.events import (
    ActivityCreated,
    ActivityDetails,
    ActivityDetailsChanged,
    ActivityPartnerJoined,
    ActivityPartnerLeft,
    ActivityStatusChanged,
    ParticipantsReachedRecorded,
)
from trygnet_activities.domain.model import (
    NOTHING_KNOWN,
    ActivityStatus,
    Known,
    Level,
    PartnerRole,
    Theme,
)
from trygnet_core.aggregate import deciding, folding, started_by
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.events import DomainEvent

ActivityChange = ChangeActivityDetails | JoinActivity | LeaveActivity | ChangeActivityStatus
ActivityCommand = CreateActivity | ActivityChange

NEXT_STATUSES: dict[ActivityStatus, frozenset[ActivityStatus]] = {
    ActivityStatus.PLANNED: frozenset({ActivityStatus.ACTIVE, ActivityStatus.ENDED}),
    ActivityStatus.ACTIVE: frozenset({ActivityStatus.PAUSED, ActivityStatus.ENDED}),
    ActivityStatus.PAUSED: frozenset({ActivityStatus.ACTIVE, ActivityStatus.ENDED}),
    ActivityStatus.ENDED: frozenset(),
}


@dataclass(frozen=True)
class Activity(ActivityDetails):
    status: ActivityStatus = ActivityStatus.PLANNED
    participants_reached: int | None = None
    partners: Mapping[str, PartnerRole] = dataclasses.field(default_factory=dict)


DETAILS: dict[str, Callable[[Any, Known], Any]] = {
    "title": lambda v, _: model.required_text(v, field="title"),
    "description": lambda v, _: model.optional_text(v, field="description", max_length=4000),
    "themes": lambda v, _: model.members(Theme, _listed(v, "themes"), field="themes"),
    "target_age_from": lambda v, _: _age(v, field="targetAgeFrom"),
    "target_age_to": lambda v, _: _age(v, field="targetAgeTo"),
    "target_group": lambda v, _: model.optional_text(v, field="targetGroup", max_length=500),
    "areas": lambda v, known: known.area_ids(_listed(v, "areas")),
    "level": lambda v, _: model.one_of(Level, v, field="level"),
    "owner_actor_id": lambda v, known: known.actor(v, field="ownerActorId"),
    "start": lambda v, _: model.optional_day(v, field="start"),
    "end": lambda v, _: model.optional_day(v, field="end"),
    "hours": lambda v, _: model.optional_whole_number(v, field="hours", high=10_000_000),
    "budget": lambda v, _: model.optional_whole_number(v, field="budget"),
    "focus_areas": lambda v, known: known.focus_area_ids(_listed(v, "focusAreas")),
}


def evolve(state: Activity | None, event: DomainEvent) -> Activity | None:
    match event:
        case ActivityCreated():
            return started_by(Activity, event)
        case ActivityDetailsChanged() if state is not None:
            return dataclasses.replace(
                state, **{k: _typed_detail(k, v) for k, v in event.changes.items()}
            )
        case ActivityPartnerJoined() if state is not None:
            partners = {**state.partners, event.actor_id: event.role}
            return dataclasses.replace(state, partners=partners)
        case ActivityPartnerLeft() if state is not None:
            partners = {k: v for k, v in state.partners.items() if k != event.actor_id}
            return dataclasses.replace(state, partners=partners)
        case ActivityStatusChanged() if state is not None:
            return dataclasses.replace(state, status=event.status)
        case ParticipantsReachedRecorded() if state is not None:
            return dataclasses.replace(state, participants_reached=event.participants_reached)
    return state


fold = folding(evolve)


def _change(command: ActivityChange, state: Activity, known: Known) -> list[DomainEvent]:
    activity_id = state.activity_id
    match command:
        case ChangeActivityDetails():
            changes = _changed_details(state, command.changes, known)
            return (
                [ActivityDetailsChanged(activity_id=activity_id, changes=changes)]
                if changes
                else []
            )
        case JoinActivity():
            actor_id = known.actor(command.actor_id, field="actorId")
            role = model.one_of(PartnerRole, command.role, field="role")
            if state.partners.get(actor_id) is role:
                return []
            return [ActivityPartnerJoined(activity_id=activity_id, actor_id=actor_id, role=role)]
        case LeaveActivity():
            partner = known.leaving(state.partners, command.actor_id, being="a partner")
            return [ActivityPartnerLeft(activity_id=activity_id, actor_id=partner)]
        case ChangeActivityStatus():
            return _status_and_reach(command, state)
    raise TypeError(f"not an activity command: {command!r}")


def _status_and_reach(command: ChangeActivityStatus, state: Activity) -> list[DomainEvent]:
    status = model.one_of(ActivityStatus, command.status, field="status")
    reached = model.optional_whole_number(
        command.participants_reached, field="participantsReached", high=10_000_000
    )
    if status is not state.status and status not in NEXT_STATUSES[state.status]:
        raise Conflict(f"an activity that is {state.status} cannot become {status}", field="status")
    decided: list[DomainEvent] = []
    if status is not state.status:
        decided.append(ActivityStatusChanged(activity_id=state.activity_id, status=status))
    if reached is not None and reached != state.participants_reached:
        decided.append(
            ParticipantsReachedRecorded(activity_id=state.activity_id, participants_reached=reached)
        )
    return decided


def _create(command: CreateActivity, known: Known) -> ActivityCreated:
    created = ActivityCreated(
        activity_id=command.activity_id,
        title=model.required_text(command.title, field="title"),
        level=model.one_of(Level, command.level, field="level"),
        owner_actor_id=known.actor(command.owner_actor_id, field="ownerActorId"),
        description=model.optional_text(command.description, field="description", max_length=4000),
        themes=model.members(Theme, command.themes, field="themes"),
        target_age_from=_age(command.target_age_from, field="targetAgeFrom"),
        target_age_to=_age(command.target_age_to, field="targetAgeTo"),
        target_group=model.optional_text(command.target_group, field="targetGroup", max_length=500),
        areas=known.area_ids(command.areas),
        start=model.optional_day(command.start, field="start"),
        end=model.optional_day(command.end, field="end"),
        hours=model.optional_whole_number(command.hours, field="hours", high=10_000_000),
        budget=model.optional_whole_number(command.budget, field="budget"),
        focus_areas=known.focus_area_ids(command.focus_areas),
        incident_id=model.optional_text(command.incident_id, field="incidentId", max_length=200),
    )
    _check_ranges(created, age_field="targetAgeTo", date_field="end")
    return created


def _changed_details(current: Activity, changes: Mapping[str, Any], known: Known) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(DETAILS))
    if unknown:
        raise BadUserInput(f"{unknown[0]} is not a detail of an activity", field=unknown[0])
    values = {name: DETAILS[name](raw, known) for name, raw in changes.items()}
    _check_ranges(
        dataclasses.replace(current, **values),
        age_field="targetAgeTo" if "target_age_to" in changes else "targetAgeFrom",
        date_field="end" if "end" in changes else "start",
    )
    return {
        name: _plain(value)
        for name, value in values.items()
        if not _same(value, getattr(current, name))
    }


def _check_ranges(activity: Activity | ActivityCreated, *, age_field: str, date_field: str) -> None:
    low, high = activity.target_age_from, activity.target_age_to
    if low is not None and high is not None and low > high:
        raise BadUserInput("the target ages must run from the lower to the higher", field=age_field)
    model.in_order(activity.start, activity.end, field=date_field, what="the start")


def _age(value: object, *, field: str) -> int | None:
    return model.optional_whole_number(value, field=field, high=120)


def _listed(value: Any, field: str) -> tuple[Any, ...]:
    """A list of values given as a change; ``None`` clears it, text is refused."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise BadUserInput(f"{field} must be a list", field=field)
    return tuple(value)


def _same(value: Any, current: Any) -> bool:
    """Lists of themes, areas and focus areas are sets: their order is no change."""
    if isinstance(value, tuple) and isinstance(current, tuple):
        return set(value) == set(current)
    return bool(value == current)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _typed_detail(name: str, value: Any) -> Any:
    if name == "level":
        return Level(value)
    if name == "themes":
        return tuple(Theme(v) for v in value)
    if name in ("areas", "focus_areas"):
        return tuple(value)
    return value


decide = deciding(
    CreateActivity,
    "an activity",
    field="activityId",
    create=_create,
    change=_change,
    nothing_known=NOTHING_KNOWN,
)
