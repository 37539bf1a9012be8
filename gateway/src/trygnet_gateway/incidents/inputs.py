"""The inputs of the incidents domain's mutations."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from trygnet_gateway import vocabulary
from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.writes import expected_version, optional

INCIDENT = Target("incident_id", "The incident.")

# -- inputs --------------------------------------------------------------------------


@strawberry.input(description="A new incident.")
class ReportIncidentInput:
    kind: vocabulary.IncidentKind = strawberry.field(description="What happened.")
    severity: int = strawberry.field(description="1 (minor) to 4 (most serious).")
    area_id: strawberry.ID = strawberry.field(description="The area it happened in.")
    place: str = strawberry.field(description="Where, in words: the square by the shopping centre.")
    occurred_at: datetime = strawberry.field(
        description="When it happened (ISO 8601 with offset): not in the future."
    )
    reporting_actor_id: strawberry.ID = strawberry.field(
        description="The actor reporting it (a partner reports for its own actor)."
    )
    summary: str = strawberry.field(
        description="What happened, for every reader allowed (no names of people if it is open)."
    )
    reported_at: datetime | None = optional(
        "When it was reported, if not now (ISO 8601 with offset)."
    )
    sensitivity: vocabulary.Sensitivity = strawberry.field(
        default=vocabulary.Sensitivity.OPEN, description="Who may read it whole (default OPEN)."
    )
    restricted_details: str | None = optional("What only coordinators and police may read.")
    coordinates: JSON | None = optional("{lat, lon} in WGS 84 degrees.")


@strawberry.input(
    description="ACTIVE activates (or reopens a closed incident), STABLE "
    "stabilises, CLOSED closes (a reason is needed)."
)
class ChangeIncidentStatusInput:
    id: strawberry.ID = strawberry.field(description="The incident.")
    status: vocabulary.IncidentStatus = strawberry.field(
        description="Its new status (not REPORTED)."
    )
    reason: str | None = optional("Why; needed to close, ignored for ACTIVE and STABLE.")
    at: datetime | None = optional("When, if not now (ISO 8601 with offset).")
    expected_version: int | None = expected_version()


@change_of(INCIDENT, "A link from an incident to an earlier one.")
class LinkIncidentsInput:
    linked_incident_id: strawberry.ID = strawberry.field(description="The earlier incident.")
    kind: vocabulary.LinkKind = strawberry.field(description="How they are related.")


@strawberry.input(description="The incident whose text that may name people is erased, for good.")
class EraseIncidentPersonalDataInput:
    incident_id: strawberry.ID = strawberry.field(description="The incident.")


@change_of(INCIDENT, "An actor's role in the response.")
class AssignIncidentRoleInput:
    actor_id: strawberry.ID = strawberry.field(description="The actor.")
    role: vocabulary.ResponseRole = strawberry.field(description="Its role.")
    contact_id: strawberry.ID | None = optional("The actor's contact person for the role.")


@change_of(INCIDENT, "An actor leaving its role in the response.")
class ReleaseIncidentRoleInput:
    actor_id: strawberry.ID = strawberry.field(description="The actor.")


@change_of(INCIDENT, "A task for an actor in the response.")
class AddIncidentTaskInput:
    title: str = strawberry.field(description="What is to be done.")
    assignee_actor_id: strawberry.ID = strawberry.field(description="The actor to do it.")
    due: date = strawberry.field(description="The day it is due.")
    priority: vocabulary.TaskPriority = strawberry.field(
        default=vocabulary.TaskPriority.NORMAL, description="How urgent it is (default NORMAL)."
    )


@change_of(INCIDENT, "Where a task stands now.")
class ChangeIncidentTaskStatusInput:
    task_id: strawberry.ID = strawberry.field(description="The task.")
    status: vocabulary.TaskStatus = strawberry.field(description="Its new status.")


@change_of(INCIDENT, "The task to mark done.")
class CompleteIncidentTaskInput:
    task_id: strawberry.ID = strawberry.field(description="The task.")


@change_of(INCIDENT, "An entry of the incident's timeline.")
class AddTimelineEntryInput:
    kind: vocabulary.TimelineKind = strawberry.field(description="What it records.")
    text: str = strawberry.field(description="What happened.")
    author_actor_id: strawberry.ID = strawberry.field(
        description="The actor writing it (a partner writes for its own actor)."
    )
    at: datetime | None = optional("When it happened, if not now (ISO 8601 with offset).")


@change_of(INCIDENT, "A timeline entry to pin or unpin.")
class TimelineEntryInput:
    entry_id: strawberry.ID = strawberry.field(description="The entry.")


@change_of(INCIDENT, "A new version of the tactical report; a field left out keeps its value.")
class UpdateTacticalReportInput:
    author_actor_id: strawberry.ID = strawberry.field(description="The actor writing it.")
    conditions: str | None = optional("The situation now.")
    actions: str | None = optional("What is being done.")
    needs: str | None = optional("What is needed.")
    at: datetime | None = optional("When, if not now (ISO 8601 with offset).")


@change_of(INCIDENT, "An extra activity a decision of the response started.")
class RecordFollowUpActivityInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity started.")
    decision_entry_id: strawberry.ID = strawberry.field(
        description="The timeline's decision that started it."
    )


@strawberry.input(description="One rule of the escalation matrix.")
class EscalationRuleInput:
    id: strawberry.ID = strawberry.field(
        description="Your id of the rule: a rule with this id is replaced."
    )
    kind: vocabulary.IncidentKind = strawberry.field(
        description="The kind of incident it applies to."
    )
    minimum_severity: int = strawberry.field(
        description="The least severity it applies to: 1 (minor) to 4 (most serious)."
    )
    area_id: strawberry.ID = strawberry.field(description='An area, or "any".')
    actor_ids: list[strawberry.ID] = strawberry.field(description="The actors to alert.")


@strawberry.input(description="The whole matrix: rules not given are removed.")
class SetEscalationRulesInput:
    rules: list[EscalationRuleInput] = strawberry.field(
        description="Every rule, each with its own id."
    )


@strawberry.input(description="The rule to remove.")
class RemoveEscalationRuleInput:
    id: strawberry.ID = strawberry.field(description="The rule's id.")
