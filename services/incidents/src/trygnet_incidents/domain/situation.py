"""The SituationWeek aggregate: the decisions taken on an area's weekly situation picture.

The partnership reads the week's picture of an area (observations, incidents, open
actions) and decides actions, each owned by an actor and due by a date; they are
followed up as a forum's follow-ups are (open, done or cancelled; overdue when open
past the due date). One stream per area and week (``situation_stream``), in the
incidents service beside the observations that the decisions answer.

Rules: the week is an ISO week (``2026-W38``); the area and the owner must be known
(a merged owner is recorded as its survivor); a decision's id is new in the week;
the action is said (at most 1,000 characters); it is due no earlier than the
week's Monday; a status change needs the decision, and the same status again
changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from trygnet_core.aggregate import folding
from trygnet_core.errors import Conflict, NotFound
from trygnet_core.events import DomainEvent
from trygnet_core.path_ids import well_formed_id
from trygnet_core.weeks import iso_week, monday
from trygnet_incidents.domain import model
from trygnet_incidents.domain.commands import (
    ChangeSituationDecisionStatus,
    RecordSituationDecision,
)
from trygnet_incidents.domain.events import (
    SituationDecisionRecorded,
    SituationDecisionStatusChanged,
)
from trygnet_incidents.domain.model import NOTHING_KNOWN, FollowUpStatus, Known

SituationCommand = RecordSituationDecision | ChangeSituationDecisionStatus


def situation_stream(area_id: str, week: str) -> str:
    """The stream of an area's week: ``situation-2026-W38-<area id>``."""
    return f"situation-{week}-{area_id}"


@dataclass(frozen=True)
class Decision:
    action: str
    owner_actor_id: str
    due: str
    status: FollowUpStatus = FollowUpStatus.OPEN


@dataclass(frozen=True)
class SituationWeek:
    area_id: str
    week: str
    decisions: Mapping[str, Decision] = dataclasses.field(default_factory=dict)


def evolve(state: SituationWeek | None, event: DomainEvent) -> SituationWeek | None:
    match event:
        case SituationDecisionRecorded():
            week = state or SituationWeek(event.area_id, event.week)
            decision = Decision(event.action, event.owner_actor_id, event.due)
            return dataclasses.replace(
                week, decisions={**week.decisions, event.decision_id: decision}
            )
        case SituationDecisionStatusChanged() if state is not None:
            changed = dataclasses.replace(state.decisions[event.decision_id], status=event.status)
            return dataclasses.replace(
                state, decisions={**state.decisions, event.decision_id: changed}
            )
    return state


fold = folding(evolve)


def decide(
    command: SituationCommand, state: SituationWeek | None, *, known: Known = NOTHING_KNOWN
) -> list[DomainEvent]:
    week = iso_week(command.week)
    match command:
        case RecordSituationDecision():
            return [_decision(command, week, state, known)]
        case ChangeSituationDecisionStatus():
            decision = state.decisions.get(command.decision_id) if state else None
            if state is None or decision is None:
                raise NotFound("no decision with that id in that week", field="decisionId")
            status = model.one_of(FollowUpStatus, command.status, field="status")
            if status is decision.status:
                return []
            return [
                SituationDecisionStatusChanged(
                    area_id=state.area_id,
                    week=state.week,
                    decision_id=command.decision_id,
                    status=status,
                )
            ]
    raise TypeError(f"not a situation command: {command!r}")


def _decision(
    command: RecordSituationDecision, week: str, state: SituationWeek | None, known: Known
) -> SituationDecisionRecorded:
    decision_id = well_formed_id(  # it goes into paths: one segment, whole
        model.required_text(command.decision_id, field="decisionId"), field="decisionId"
    )
    if state is not None and decision_id in state.decisions:
        raise Conflict("a decision with that id exists already", field="decisionId")
    due = model.day(command.due, field="due")
    model.in_order(monday(week).isoformat(), due, field="due", what="the week's Monday")
    return SituationDecisionRecorded(
        area_id=known.area(command.area_id),
        week=week,
        decision_id=decision_id,
        action=model.required_text(command.action, field="action", max_length=1000),
        owner_actor_id=known.actor(command.owner_actor_id, field="ownerActorId"),
        due=due,
    )
