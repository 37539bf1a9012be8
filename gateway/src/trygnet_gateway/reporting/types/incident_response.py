"""The incident response report's types: how the partners responded to each incident (a
restricted one redacted for who may not read it whole) and the figures per area and
month."""

from __future__ import annotations

from datetime import datetime

import strawberry

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.actors import Actor, Area, actors_by_id
from trygnet_gateway.answers import FromAnswer, kept
from trygnet_gateway.context import Info
from trygnet_gateway.incidents.types import Incident
from trygnet_gateway.reporting import objects
from trygnet_gateway.reporting.types.beside import AreaRow
from trygnet_gateway.vocabulary import IncidentKind, IncidentStatus


@strawberry.type(
    description="How the partners responded to one incident (its outline only). Of a "
    "restricted incident, a reader who may not read it whole (all but coordinators and "
    "police) sees what `incident` shows it: the outline and its own actor's tasks; the "
    "response's figures are null and `redacted` is true."
)
class IncidentResponseRow(FromAnswer):
    incident_id: strawberry.ID = strawberry.field(description="The incident's id.")
    kind: IncidentKind = strawberry.field(description="What happened.")
    severity: int = strawberry.field(description="1 (minor) to 4 (most serious).")
    area_id: strawberry.ID = strawberry.field(description="The area it happened in.")
    status: IncidentStatus = strawberry.field(description="Where its response stands.")
    reported_at: datetime = strawberry.field(
        description="When it was reported (ISO 8601 with offset)."
    )
    minutes_to_first_joint_action: float | None = strawberry.field(
        description="From the report to the first act of another actor; null: none yet, "
        "or withheld from you."
    )
    alerted_ids: strawberry.Private[list[str] | None] = kept("alerted")
    engaged_ids: strawberry.Private[list[str] | None] = kept("engaged")
    tasks_open: int = strawberry.field(description="Of a redacted incident, your actor's own.")
    tasks_overdue: int = strawberry.field(description="Of a redacted incident, your actor's own.")
    follow_up_activities: list[strawberry.ID] | None = strawberry.field(
        description="Null when withheld from you."
    )
    redacted: bool = strawberry.field(description="Whether the response is withheld from you.")
    area: Area | None = strawberry.field(resolver=objects.area, description="Where it happened.")
    incident: Incident | None = strawberry.field(
        resolver=objects.incident,
        description="The incident as the incidents service shows it to you (redacted alike).",
    )
    follow_ups: list[Activity] | None = strawberry.field(
        resolver=objects.follow_ups,
        description="The activities of `followUpActivities` (null when withheld from you).",
    )

    @strawberry.field(description="The actors the escalation matrix alerted (null: withheld).")
    async def alerted(self, info: Info) -> list[Actor] | None:
        return None if self.alerted_ids is None else await actors_by_id(info, self.alerted_ids)

    @strawberry.field(description="The actors that took part in the response (null: withheld).")
    async def engaged(self, info: Info) -> list[Actor] | None:
        return None if self.engaged_ids is None else await actors_by_id(info, self.engaged_ids)


@strawberry.type(description="The response in one area and month.")
class AreaMonthResponse(AreaRow):
    month: str = strawberry.field(description="The month the incidents were reported in: 2026-09.")
    incidents: int = strawberry.field(description="How many incidents were reported.")
    withheld: int = strawberry.field(
        description="Of `incidents`, those whose response is withheld from you: they count "
        "in the task figures with your own tasks only, and in no other figure."
    )
    median_minutes_to_first_joint_action: float | None = strawberry.field(
        description="The median minutes from report to the first act of another actor, "
        "over the incidents with one; null if none had one."
    )
    without_joint_action: int = strawberry.field(
        description="Incidents with no act of another actor yet (lower is better)."
    )
    actors_alerted: int = strawberry.field(
        description="How many different actors the escalation matrix alerted."
    )
    actors_engaged: int = strawberry.field(
        description="How many different actors took part in the responses."
    )
    tasks_open: int = strawberry.field(description="Tasks still open.")
    tasks_overdue: int = strawberry.field(
        description="Open tasks past their due day (lower is better)."
    )
    follow_up_activities: int = strawberry.field(
        description="Extra activities the responses started."
    )


@strawberry.type(description="How fast the partners act together after incidents.")
class IncidentResponse(FromAnswer):
    incidents: list[IncidentResponseRow] = strawberry.field(
        description="One row per incident, newest first."
    )
    by_area_and_month: list[AreaMonthResponse] = strawberry.field(
        description="The figures per area and month."
    )
