"""The escalation matrix's GraphQL types: whom the incidents service alerts, by rule."""

from __future__ import annotations

import strawberry

from trygnet_gateway.actors import Area, actors_of, area_by_id
from trygnet_gateway.answers import answered_as, kept
from trygnet_gateway.context import Info
from trygnet_gateway.payloads import payload
from trygnet_gateway.vocabulary import IncidentKind


@strawberry.type(
    description="Incidents of this kind, this severity or more, in this area (or "
    "any area), alert these actors."
)
class EscalationRule:
    id: strawberry.ID = strawberry.field(
        description="Your id of the rule (you choose it: a rule is replaced by its id).",
        metadata=answered_as("ruleId"),
    )
    kind: IncidentKind = strawberry.field(description="The kind of incident it applies to.")
    minimum_severity: int = strawberry.field(
        description="The least severity it applies to: 1 (minor) to 4 (most serious)."
    )
    area_id: strawberry.Private[str]
    actor_ids: strawberry.Private[list[str]] = kept("actorIds", many=True)

    @strawberry.field(description="The area, or null for any area.")
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id) if self.area_id != "any" else None

    actors = strawberry.field(resolver=actors_of("actor_ids"), description="The actors alerted.")


@strawberry.type(description="The municipality's escalation matrix: whom to call.")
class EscalationMatrix:
    rules: list[EscalationRule] = strawberry.field(description="Its rules.")


EscalationMatrixPayload = payload(
    "EscalationMatrixPayload",
    "What a write to the escalation matrix answers.",
    matrix=(EscalationMatrix, "The whole matrix after the write."),
)
