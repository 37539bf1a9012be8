"""The Partnership aggregate: a safety partnership authorised from the top.

Rules: the coordinating actor, the members and the areas must be known; a merged
actor is recorded as its survivor; a member's role is a ``PartnerRole`` (events from
before hold text, read by ``partner_roles``); joining again with another role changes
the role, with the same role it records nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from trygnet_activities.domain import model
from trygnet_activities.domain.commands import (
    EstablishPartnership,
    JoinPartnership,
    LeavePartnership,
)
from trygnet_activities.domain.events import (
    PartnershipDetails,
    PartnershipEstablished,
    PartnershipMemberJoined,
    PartnershipMemberLeft,
)
from trygnet_activities.domain.model import NOTHING_KNOWN, Known, PartnerRole
from trygnet_core.aggregate import deciding, folding, started_by
from trygnet_core.events import DomainEvent

PartnershipChange = JoinPartnership | LeavePartnership
PartnershipCommand = EstablishPartnership | PartnershipChange


@dataclass(frozen=True)
class Partnership(PartnershipDetails):
    members: Mapping[str, PartnerRole] = dataclasses.field(default_factory=dict)  # actor id: role


def evolve(state: Partnership | None, event: DomainEvent) -> Partnership | None:
    match event:
        case PartnershipEstablished():
            return started_by(Partnership, event)
        case PartnershipMemberJoined() if state is not None:
            return dataclasses.replace(state, members={**state.members, event.actor_id: event.role})
        case PartnershipMemberLeft() if state is not None:
            members = {k: v for k, v in state.members.items() if k != event.actor_id}
            return dataclasses.replace(state, members=members)
    return state


fold = folding(evolve)


def _change(command: PartnershipChange, state: Partnership, known: Known) -> list[DomainEvent]:
    partnership_id = state.partnership_id
    if isinstance(command, JoinPartnership):
        actor_id = known.actor(command.actor_id, field="actorId")
        role = model.one_of(PartnerRole, command.role, field="role")
        if state.members.get(actor_id) is role:
            return []
        return [
            PartnershipMemberJoined(partnership_id=partnership_id, actor_id=actor_id, role=role)
        ]
    member = known.leaving(state.members, command.actor_id, being="a member")
    return [PartnershipMemberLeft(partnership_id=partnership_id, actor_id=member)]


def _establish(command: EstablishPartnership, known: Known) -> PartnershipEstablished:
    return PartnershipEstablished(
        partnership_id=command.partnership_id,
        name=model.required_text(command.name, field="name"),
        mandate=model.required_text(command.mandate, field="mandate", max_length=4000),
        authorised_by=model.required_text(command.authorised_by, field="authorisedBy"),
        authorised_on=model.day(command.authorised_on, field="authorisedOn"),
        coordinator_actor_id=known.actor(command.coordinator_actor_id, field="coordinatorActorId"),
        areas=known.area_ids(command.areas),
        hours_per_year=model.optional_whole_number(
            command.hours_per_year, field="hoursPerYear", high=1_000_000
        ),
        budget_per_year=model.optional_whole_number(command.budget_per_year, field="budgetPerYear"),
    )


decide = deciding(
    EstablishPartnership,
    "a partnership",
    field="partnershipId",
    create=_establish,
    change=_change,
    nothing_known=NOTHING_KNOWN,
)
