"""The inputs of the incidents domain's mutations."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from trygnet_gateway.vocabulary import (
    IncidentKind,
    IncidentStatus,
    LinkKind,
    ResponseRole,
    Sensitivity,
    TaskPriority,
    TaskStatus,
    TimelineKind,
)

# -- inputs --------------------------------------------------------------------------


@strawberry.input
class ReportIncidentInput:
    kind: IncidentKind
    severity: int
    area_id: strawberry.ID
    place: str
    occurred_at: datetime
    reporting_actor_id: strawberry.ID
    summary: str
    reported_at: datetime | None = strawberry.UNSET
    sensitivity: Sensitivity = Sensitivity.OPEN
    restricted_details: str | None = strawberry.UNSET
    coordinates: JSON | None = strawberry.field(
        default=strawberry.UNSET, description="{lat, lon} in WGS 84 degrees."
    )


@strawberry.input(
    description="ACTIVE activates (or reopens a closed incident), STABLE "
    "stabilises, CLOSED closes (a reason is needed)."
)
class ChangeIncidentStatusInput:
    id: strawberry.ID
    status: IncidentStatus
    reason: str | None = strawberry.UNSET
    at: datetime | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LinkIncidentsInput:
    incident_id: strawberry.ID
    linked_incident_id: strawberry.ID
    kind: LinkKind
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class EraseIncidentPersonalDataInput:
    incident_id: strawberry.ID


@strawberry.input
class AssignIncidentRoleInput:
    incident_id: strawberry.ID
    actor_id: strawberry.ID
    role: ResponseRole
    contact_id: strawberry.ID | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ReleaseIncidentRoleInput:
    incident_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AddIncidentTaskInput:
    incident_id: strawberry.ID
    title: str
    assignee_actor_id: strawberry.ID
    due: date
    priority: TaskPriority = TaskPriority.NORMAL
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ChangeIncidentTaskStatusInput:
    incident_id: strawberry.ID
    task_id: strawberry.ID
    status: TaskStatus
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class CompleteIncidentTaskInput:
    incident_id: strawberry.ID
    task_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AddTimelineEntryInput:
    incident_id: strawberry.ID
    kind: TimelineKind
    text: str
    author_actor_id: strawberry.ID
    at: datetime | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class TimelineEntryInput:
    incident_id: strawberry.ID
    entry_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class UpdateTacticalReportInput:
    incident_id: strawberry.ID
    author_actor_id: strawberry.ID
    conditions: str | None = strawberry.UNSET
    actions: str | None = strawberry.UNSET
    needs: str | None = strawberry.UNSET
    at: datetime | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class RecordFollowUpActivityInput:
    incident_id: strawberry.ID
    activity_id: strawberry.ID
    decision_entry_id: strawberry.ID = strawberry.field(
        description="The timeline's decision that started it."
    )
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class EscalationRuleInput:
    id: strawberry.ID
    kind: IncidentKind
    minimum_severity: int
    area_id: strawberry.ID = strawberry.field(description='An area, or "any".')
    actor_ids: list[strawberry.ID]


@strawberry.input(description="The whole matrix: rules not given are removed.")
class SetEscalationRulesInput:
    rules: list[EscalationRuleInput]


@strawberry.input
class RemoveEscalationRuleInput:
    id: strawberry.ID
