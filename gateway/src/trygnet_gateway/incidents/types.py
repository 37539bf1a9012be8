"""The incidents domain's GraphQL types, their loaders and payloads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from trygnet_gateway.actors import Actor, Area, actor_by_id, area_by_id
from trygnet_gateway.context import Context, Info, forget
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
from trygnet_gateway.writes import Payload

SERVICE = "incidents"

Since = Annotated[
    datetime | None, strawberry.argument(name="from", description="Occurred at or after.")
]


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


# -- loaders -------------------------------------------------------------------------


def _incidents(context: Context) -> DataLoader[str, Incident | None]:
    async def load(ids: list[str]) -> list[Incident | None]:
        params = [("id", i) for i in ids] + [("first", len(ids)), ("full", "true")]
        page = await context.call(SERVICE, "GET", "/incidents", params=params)
        known = {item["incidentId"]: Incident.of(item) for item in page["items"]}
        return [known.get(i) for i in ids]

    return context.loader("incidents", load)


async def incident_by_id(info: Info, incident_id: str, *, fresh: bool = False) -> Incident | None:
    """The incident as the caller may see it; ``fresh`` reads it again (after a write)."""
    loader = _incidents(info.context)
    if fresh:
        forget(loader, incident_id)
    return await loader.load(incident_id)


# -- types ---------------------------------------------------------------------------


@strawberry.type(description="A status the incident took, when, and why (if a reason was given).")
class StatusChange:
    status: IncidentStatus
    at: datetime
    reason: str | None = strawberry.field(
        description="Shown only to readers of the whole incident."
    )


@strawberry.type(description="An actor alerted by the escalation matrix, and by which rule.")
class Alert:
    actor_id: strawberry.Private[str]
    rule_id: str

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="An actor's role in the joint response.")
class ResponseAssignment:
    actor_id: strawberry.Private[str]
    role: ResponseRole
    contact_id: strawberry.ID | None

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="Something an actor is to do in the response, by a day.")
class IncidentTask:
    id: strawberry.ID
    title: str
    assignee_id: strawberry.Private[str]
    due: date | None
    priority: TaskPriority
    status: TaskStatus

    @strawberry.field
    async def assignee(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.assignee_id)


@strawberry.type(description="A note, decision, contact, press item, police update or meeting.")
class TimelineEntry:
    id: strawberry.ID
    kind: TimelineKind
    author_id: strawberry.Private[str]
    at: datetime
    text: str
    pinned: bool

    @strawberry.field
    async def author(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.author_id)


@strawberry.type(description="The latest tactical report: conditions, actions, needs.")
class TacticalReport:
    version: int
    author_id: strawberry.Private[str]
    at: datetime
    conditions: str | None
    actions: str | None
    needs: str | None

    @strawberry.field
    async def author(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.author_id)


@strawberry.type(description="An earlier incident this one is linked to.")
class IncidentLink:
    incident_id: strawberry.ID
    kind: LinkKind


@strawberry.type(description="An extra activity the response decided to start.")
class FollowUpActivity:
    activity_id: strawberry.ID
    decision_entry_id: strawberry.ID


@strawberry.type(
    description="An acute incident and the partners' joint response. Fields a reader may "
    "not see (the text of a restricted incident, for all but coordinators and police) "
    "are null, and `redacted` is true."
)
class Incident:
    id: strawberry.ID
    kind: IncidentKind
    severity: int = strawberry.field(description="1 (minor) to 4 (most serious).")
    area_id: strawberry.Private[str]
    place: str | None
    coordinates: JSON | None = strawberry.field(description="{lat, lon} in WGS 84, if given.")
    occurred_at: datetime
    reported_at: datetime
    reporting_actor_id: strawberry.Private[str | None]
    sensitivity: Sensitivity
    summary: str | None
    restricted_details: str | None
    status: IncidentStatus
    status_at: datetime | None
    status_history: list[StatusChange]
    links: list[IncidentLink]
    alerts: list[Alert]
    roles: list[ResponseAssignment]
    tasks: list[IncidentTask] = strawberry.field(
        description="A redacted reader sees only the tasks of its own actor."
    )
    timeline: list[TimelineEntry]
    tactical_report: TacticalReport | None
    follow_up_activities: list[FollowUpActivity]
    personal_data_erased: bool
    redacted: bool = strawberry.field(description="Whether fields were withheld from you.")
    version: int = strawberry.field(description="Pass it as `expectedVersion` to change it.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> Incident:
        report = item.get("tacticalReport")
        return cls(
            id=strawberry.ID(item["incidentId"]),
            kind=IncidentKind(item["kind"]),
            severity=int(item["severity"]),
            area_id=item["areaId"],
            place=item.get("place"),
            coordinates=item.get("coordinates"),
            occurred_at=datetime.fromisoformat(item["occurredAt"]),
            reported_at=datetime.fromisoformat(item["reportedAt"]),
            reporting_actor_id=item.get("reportingActorId"),
            sensitivity=Sensitivity(item["sensitivity"]),
            summary=item.get("summary"),
            restricted_details=item.get("restrictedDetails"),
            status=IncidentStatus(item["status"]),
            status_at=_moment(item.get("statusAt")),
            status_history=[
                StatusChange(
                    status=IncidentStatus(change["status"]),
                    at=datetime.fromisoformat(change["at"]),
                    reason=change.get("reason"),
                )
                for change in item.get("statusHistory") or ()
            ],
            links=[
                IncidentLink(incident_id=link["incidentId"], kind=LinkKind(link["kind"]))
                for link in item.get("links") or ()
            ],
            alerts=[
                Alert(actor_id=a["actorId"], rule_id=a["ruleId"]) for a in item.get("alerts") or ()
            ],
            roles=[
                ResponseAssignment(
                    actor_id=r["actorId"],
                    role=ResponseRole(r["role"]),
                    contact_id=r.get("contactId"),
                )
                for r in item.get("roles") or ()
            ],
            tasks=[
                IncidentTask(
                    id=strawberry.ID(t["taskId"]),
                    title=t["title"],
                    assignee_id=t["assigneeActorId"],
                    due=_day(t.get("due")),
                    priority=TaskPriority(t["priority"]),
                    status=TaskStatus(t["status"]),
                )
                for t in item.get("tasks") or ()
            ],
            timeline=[
                TimelineEntry(
                    id=strawberry.ID(e["entryId"]),
                    kind=TimelineKind(e["kind"]),
                    author_id=e["authorActorId"],
                    at=datetime.fromisoformat(e["at"]),
                    text=e["text"],
                    pinned=bool(e["pinned"]),
                )
                for e in item.get("timeline") or ()
            ],
            tactical_report=TacticalReport(
                version=int(report["version"]),
                author_id=report["authorActorId"],
                at=datetime.fromisoformat(report["at"]),
                conditions=report.get("conditions"),
                actions=report.get("actions"),
                needs=report.get("needs"),
            )
            if report
            else None,
            follow_up_activities=[
                FollowUpActivity(
                    activity_id=f["activityId"], decision_entry_id=f["decisionEntryId"]
                )
                for f in item.get("followUpActivities") or ()
            ],
            personal_data_erased=bool(item.get("personalDataErased")),
            redacted=bool(item.get("redacted")),
            version=int(item["version"]),
        )

    @strawberry.field
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id)

    @strawberry.field(description="The actor that reported it (withheld when redacted).")
    async def reporting_actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.reporting_actor_id) if self.reporting_actor_id else None


@strawberry.type(
    description="Incidents of this kind, this severity or more, in this area (or "
    "any area), alert these actors."
)
class EscalationRule:
    id: strawberry.ID
    kind: IncidentKind
    minimum_severity: int
    area_id: strawberry.Private[str]
    actor_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The area, or null for any area.")
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id) if self.area_id != "any" else None

    @strawberry.field
    async def actors(self, info: Info) -> list[Actor]:
        return [a for i in self.actor_ids if (a := await actor_by_id(info, i)) is not None]


@strawberry.type(description="The municipality's escalation matrix: whom to call.")
class EscalationMatrix:
    rules: list[EscalationRule]


@strawberry.type(description="A change of an incident the subscriber may see.")
class IncidentEvent:
    type: str = strawberry.field(
        description="The event: IncidentReported, TaskAdded, …; IncidentChanged when the "
        "incident is redacted for you (which event it was would tell what is withheld)."
    )
    incident_id: strawberry.ID
    position: str = strawberry.field(description="Pass it as `atLeast` to a report.")
    incident: Incident

    @classmethod
    def of(cls, event_type: str, position: str, incident: Incident) -> IncidentEvent:
        """The event as the reader may see it: of an incident the incidents service
        redacted for the reader, only that it changed."""
        shown = WITHHELD_EVENT if incident.redacted else event_type
        return cls(type=shown, incident_id=incident.id, position=position, incident=incident)


WITHHELD_EVENT = "IncidentChanged"


@strawberry.type
class IncidentPayload(Payload):
    incident: Incident


@strawberry.type
class IncidentTaskPayload(Payload):
    incident: Incident
    task: IncidentTask


@strawberry.type
class TimelineEntryPayload(Payload):
    incident: Incident
    entry: TimelineEntry | None = strawberry.field(description="Null when withheld from you.")


@strawberry.type
class EscalationMatrixPayload(Payload):
    matrix: EscalationMatrix
