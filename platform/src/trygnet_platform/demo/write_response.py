"""An incident's joint response written through the gateway (``world.IncidentPlan``):
the report, then each step of the response in order on the incident's stream, a
follow-up activity created in the activities service and recorded on the incident."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trygnet_platform.demo.load import given
from trygnet_platform.demo.world import (
    EntryStep,
    FollowUpActivityStep,
    IncidentPlan,
    ResponseStep,
    RoleStep,
    StatusStep,
    TacticalStep,
    TaskDoneStep,
    TaskStep,
)

if TYPE_CHECKING:
    from trygnet_platform.demo.write import WorldWriter


async def write_escalation(writer: WorldWriter) -> None:
    """The municipality's escalation matrix, whole, in one write."""
    if not writer.world.escalation:
        return
    rules = [
        {
            "id": rule.key,
            "kind": rule.kind,
            "minimumSeverity": rule.minimum_severity,
            "areaId": writer.area[rule.area] if rule.area else "any",
            "actorIds": [writer.actor[k] for k in rule.actors],
        }
        for rule in writer.world.escalation
    ]
    await writer.loader.mutate("setEscalationRules", {"rules": rules})


@dataclass
class Response:
    writer: WorldWriter
    plan: IncidentPlan
    incident: str = ""
    entries: dict[str, str] = field(default_factory=dict)
    """Timeline entry ids by the plan's keys."""
    tasks: dict[str, str] = field(default_factory=dict)

    async def write(self) -> None:
        plan, actor = self.plan, self.writer.actor
        reported = given(
            kind=plan.kind,
            severity=plan.severity,
            areaId=self.writer.area[plan.area],
            place=plan.place,
            occurredAt=plan.occurred_at,
            reportedAt=plan.reported_at,
            reportingActorId=actor[plan.reporter],
            summary=plan.summary,
            sensitivity=plan.sensitivity,
            restrictedDetails=plan.restricted_details,
        )
        made = await self.writer.loader.mutate("reportIncident", reported, "incident { id }")
        self.incident = made["incident"]["id"]
        for step in plan.response:
            await self.step(step)

    async def step(self, step: ResponseStep) -> None:
        one = {"incidentId": self.incident}
        actor, mutate = self.writer.actor, self.writer.loader.mutate
        match step:
            case StatusStep():
                status = given(status=step.status, at=step.at, reason=step.reason)
                await mutate("changeIncidentStatus", {"id": self.incident, **status})
            case RoleStep():
                role = {**one, "actorId": actor[step.actor], "role": step.role}
                await mutate("assignIncidentRole", role)
            case TaskStep():
                task = {
                    **one,
                    "title": step.title,
                    "assigneeActorId": actor[step.assignee],
                    "due": step.due,
                    "priority": step.priority,
                }
                added = await mutate("addIncidentTask", task, "task { id }")
                self.tasks[step.key] = added["task"]["id"]
            case TaskDoneStep():
                await mutate("completeIncidentTask", {**one, "taskId": self.tasks[step.task]})
            case EntryStep():
                entry = {
                    **one,
                    "kind": step.kind,
                    "text": step.text,
                    "authorActorId": actor[step.author],
                    "at": step.at,
                }
                recorded = await mutate("addTimelineEntry", entry, "entry { id }")
                self.entries[step.key] = recorded["entry"]["id"]
                if step.pinned:
                    await mutate("pinTimelineEntry", {**one, "entryId": self.entries[step.key]})
            case TacticalStep():
                report = {
                    **one,
                    "authorActorId": actor[step.author],
                    "at": step.at,
                    "conditions": step.conditions,
                    "actions": step.actions,
                    "needs": step.needs,
                }
                await mutate("updateTacticalReport", report)
            case FollowUpActivityStep():
                activity = await self.writer.activity(step.activity, self.incident)
                decision = self.entries[step.decision]
                started = {**one, "activityId": activity, "decisionEntryId": decision}
                await mutate("recordFollowUpActivity", started)
