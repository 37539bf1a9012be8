"""The incidents domain's GraphQL types, their loaders and payloads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from trygnet_gateway.activities.types.activity import Activity, activity_by_id
from trygnet_gateway.actors import actor_of, area_of
from trygnet_gateway.answers import FromAnswer, answered_as, kept, of_answer
from trygnet_gateway.context import Context, Info, load_one
from trygnet_gateway.payloads import ADDED, of_part, payload
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

SERVICE = "incidents"
N = TypeVar("N")

Since = Annotated[
    datetime | None, strawberry.argument(name="from", description="Occurred at or after.")
]


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
    context = info.context
    return await load_one(context, _incidents(context), incident_id, Incident.of, fresh=fresh)


# -- types ---------------------------------------------------------------------------


@strawberry.type(description="A status the incident took, when, and why (if a reason was given).")
class StatusChange:
    status: IncidentStatus = strawberry.field(description="The status it took.")
    at: datetime = strawberry.field(description="When (ISO 8601 with offset; Trygnet keeps UTC).")
    reason: str | None = strawberry.field(
        description="Shown only to readers of the whole incident."
    )


@strawberry.type(description="An actor alerted by the escalation matrix, and by which rule.")
class Alert:
    actor_id: strawberry.Private[str]
    rule_id: str = strawberry.field(description="The escalation rule that alerted it.")

    actor = strawberry.field(resolver=actor_of("actor_id"), description="The actor alerted.")


@strawberry.type(description="An actor's role in the joint response.")
class ResponseAssignment:
    actor_id: strawberry.Private[str]
    role: ResponseRole = strawberry.field(description="Its role in the response.")
    contact_id: strawberry.ID | None = strawberry.field(
        description="The contact person it named for the role, if any."
    )

    actor = strawberry.field(resolver=actor_of("actor_id"), description="The actor.")


@strawberry.type(description="Something an actor is to do in the response, by a day.")
class IncidentTask(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="Trygnet's id of the task.", metadata=answered_as("taskId")
    )
    title: str = strawberry.field(description="What is to be done.")
    assignee_id: strawberry.Private[str] = kept("assigneeActorId")
    due: date | None = strawberry.field(description="The day it is due.")
    priority: TaskPriority = strawberry.field(description="How urgent it is.")
    status: TaskStatus = strawberry.field(description="Whether it is open, done or cancelled.")

    assignee = strawberry.field(resolver=actor_of("assignee_id"), description="The actor to do it.")


@strawberry.type(description="A note, decision, contact, press item, police update or meeting.")
class TimelineEntry(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="Trygnet's id of the entry.", metadata=answered_as("entryId")
    )
    kind: TimelineKind = strawberry.field(description="What it records.")
    author_id: strawberry.Private[str] = kept("authorActorId")
    at: datetime = strawberry.field(description="When it happened (ISO 8601 with offset).")
    text: str = strawberry.field(
        description="What happened (may name people: erased with the incident's personal data)."
    )
    pinned: bool = strawberry.field(description="True when pinned: shown first.")

    author = strawberry.field(
        resolver=actor_of("author_id"), description="The actor that wrote it."
    )


@strawberry.type(description="The latest tactical report: conditions, actions, needs.")
class TacticalReport:
    version: int = strawberry.field(
        description="Goes up by one with each new version of the report."
    )
    author_id: strawberry.Private[str] = kept("authorActorId")
    at: datetime = strawberry.field(description="When it was written (ISO 8601 with offset).")
    conditions: str | None = strawberry.field(description="The situation now; null if not given.")
    actions: str | None = strawberry.field(description="What is being done; null if not given.")
    needs: str | None = strawberry.field(description="What is needed; null if not given.")

    @classmethod
    def of(cls, item: dict[str, Any] | None) -> TacticalReport | None:
        if not item:
            return None
        return of_answer(cls, item)

    author = strawberry.field(
        resolver=actor_of("author_id"), description="The actor that wrote it."
    )


@strawberry.type(description="An earlier incident this one is linked to.")
class IncidentLink:
    incident_id: strawberry.ID = strawberry.field(description="The earlier incident.")
    kind: LinkKind = strawberry.field(description="How they are related.")

    @strawberry.field(description="The earlier incident, as you may see it (redacted alike).")
    async def incident(self, info: Info) -> Incident | None:
        return await incident_by_id(info, self.incident_id)


@strawberry.type(description="An extra activity the response decided to start.")
class FollowUpActivity:
    activity_id: strawberry.ID = strawberry.field(
        description="The activity started (see `activity(id:)`)."
    )
    decision_entry_id: strawberry.ID = strawberry.field(
        description="The timeline's decision that started it."
    )

    @strawberry.field(description="The activity started (`activityId`).")
    async def activity(self, info: Info) -> Activity | None:
        return await activity_by_id(info, self.activity_id)


@strawberry.type(
    description="An acute incident and the partners' joint response. Fields a reader may "
    "not see (the text of a restricted incident, for all but coordinators and police) "
    "are null, and `redacted` is true."
)
class Incident:
    id: strawberry.ID = strawberry.field(
        description="Trygnet's id of the incident.", metadata=answered_as("incidentId")
    )
    kind: IncidentKind = strawberry.field(description="What happened.")
    severity: int = strawberry.field(description="1 (minor) to 4 (most serious).")
    area_id: strawberry.Private[str]
    place: str | None = strawberry.field(
        description="Where, in words; null when withheld from you."
    )
    coordinates: JSON | None = strawberry.field(description="{lat, lon} in WGS 84, if given.")
    occurred_at: datetime = strawberry.field(
        description="When it happened (ISO 8601 with offset; Trygnet keeps UTC, show it "
        "in Europe/Copenhagen or Europe/Stockholm)."
    )
    reported_at: datetime = strawberry.field(
        description="When it was reported to Trygnet (ISO 8601 with offset)."
    )
    reporting_actor_id: strawberry.Private[str | None]
    sensitivity: Sensitivity = strawberry.field(
        description="Who may read it whole: open (every partner) or restricted "
        "(coordinators and police)."
    )
    summary: str | None = strawberry.field(
        description="What happened, in words; null when withheld from you or erased."
    )
    restricted_details: str | None = strawberry.field(
        description="What only coordinators and police may read; null for others, or when"
        " there are none or they were erased."
    )
    status: IncidentStatus = strawberry.field(description="Where the response stands.")
    status_at: datetime | None = strawberry.field(
        description="When it took its status; null while reported."
    )
    status_history: list[StatusChange] = strawberry.field(
        description="Every status it took, oldest first."
    )
    links: list[IncidentLink] = strawberry.field(description="Earlier incidents it is linked to.")
    alerts: list[Alert] = strawberry.field(
        description="The actors the escalation matrix alerted when it was reported."
    )
    roles: list[ResponseAssignment] = strawberry.field(
        description="The actors' roles in the response."
    )
    tasks: list[IncidentTask] = strawberry.field(
        description="A redacted reader sees only the tasks of its own actor."
    )
    timeline: list[TimelineEntry] = strawberry.field(
        description="What happened in the response, oldest first (pinned entries too); "
        "empty when withheld from you."
    )
    tactical_report: TacticalReport | None = strawberry.field(
        description="The latest tactical report; null if none, or when withheld from you."
    )
    follow_up_activities: list[FollowUpActivity] = strawberry.field(
        description="Extra activities the response decided to start."
    )
    personal_data_erased: bool = strawberry.field(
        description="True once its text that may name people was erased."
    )
    redacted: bool = strawberry.field(description="Whether fields were withheld from you.")
    version: int = strawberry.field(description="Pass it as `expectedVersion` to change it.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> Incident:
        return of_answer(cls, item, tactical_report=TacticalReport.of(item.get("tacticalReport")))

    area = strawberry.field(resolver=area_of("area_id"), description="The area it happened in.")
    reporting_actor = strawberry.field(
        resolver=actor_of("reporting_actor_id"),
        description="The actor that reported it (withheld when redacted).",
    )


@strawberry.type(description="A change of an incident the subscriber may see.")
class IncidentEvent:
    type: str = strawberry.field(
        description="The event: IncidentReported, TaskAdded, …; IncidentChanged when the "
        "incident is redacted for you (which event it was would tell what is withheld)."
    )
    incident_id: strawberry.ID = strawberry.field(description="The incident that changed.")
    position: str = strawberry.field(description="Pass it as `atLeast` to a report.")
    incident: Incident = strawberry.field(
        description="The incident as it is now, as you may see it."
    )
    cursor: str = strawberry.field(
        description="Where the subscription stands after this change: pass it as `after` "
        "to `incidentEvents` (on any gateway) to go on from here without missing a change."
    )

    @classmethod
    def of(
        cls, event_type: str, position: str, incident: Incident, cursor: str = ""
    ) -> IncidentEvent:
        """The event as the reader may see it: of an incident the incidents service
        redacted for the reader, only that it changed."""
        shown = WITHHELD_EVENT if incident.redacted else event_type
        return cls(
            type=shown, incident_id=incident.id, position=position, incident=incident, cursor=cursor
        )


WITHHELD_EVENT = "IncidentChanged"


THE_INCIDENT = (Incident, "The incident after the write.")
IncidentPayload = payload(
    "IncidentPayload",
    "What a write to an incident answers.",
    incident=(
        Incident,
        "The incident after the write, as you may see it (null if only `position` was asked for).",
    ),
)
IncidentTaskPayload = of_part(
    "IncidentTaskPayload", ADDED, "a task", incident=THE_INCIDENT, task=IncidentTask
)
TimelineEntryPayload = payload(
    "TimelineEntryPayload",
    "What adding a timeline entry answers.",
    incident=THE_INCIDENT,
    entry=(TimelineEntry | None, "Null when withheld from you."),
)
