"""The types of the weekly situation picture: observations, decisions and the picture."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from trygnet_gateway.actors import actor_of, area_of
from trygnet_gateway.actors.types import ImportRowError
from trygnet_gateway.answers import FromAnswer, answered_as, of_answer
from trygnet_gateway.payloads import payload
from trygnet_gateway.vocabulary import (
    FollowUpStatus,
    IncidentKind,
    IncidentStatus,
    ObservationCategory,
    Sensitivity,
)
from trygnet_gateway.writes import ABOUT_VERSION, import_positions

SERVICE = "incidents"


@strawberry.type(description="What a trained reporter saw, for the weekly situation picture.")
class Observation(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="The observation's id.", metadata=answered_as("observationId")
    )
    category: ObservationCategory = strawberry.field(description="What was seen.")
    area_id: strawberry.ID = strawberry.field(description="The area it was seen in.")
    place: str = strawberry.field(description="The public place where it was seen.")
    coordinates: JSON | None = strawberry.field(description="{lat, lon}, if given.")
    observed_at: datetime = strawberry.field(description="When it was seen.")
    filed_at: datetime = strawberry.field(description="When it was filed.")
    reporting_actor_id: strawberry.ID = strawberry.field(description="The actor that filed it.")
    incident_id: strawberry.ID | None = strawberry.field(description="The incident it led to.")
    description: str | None = strawberry.field(
        description="What was seen; `[erased]` once erased; null if withheld from you "
        "(coordinators, police and the reporting actor's staff read it)."
    )
    description_withheld: bool = strawberry.field(
        description="True if you may not read the description."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

    reporting_actor = strawberry.field(
        resolver=actor_of("reporting_actor_id"), description="The actor that filed it."
    )


@strawberry.type(description="An action decided on an area's weekly picture, followed up.")
class SituationDecision:
    id: strawberry.ID = strawberry.field(
        description="The decision's id.", metadata=answered_as("decisionId")
    )
    week: str = strawberry.field(description="The ISO week it was decided for: 2026-W38.")
    action: str = strawberry.field(description="What is to be done.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor who does it.")
    due: date = strawberry.field(description="By when.")
    status: FollowUpStatus = strawberry.field(description="Open, done or cancelled.")
    overdue: bool = strawberry.field(description="Still open past its due day.")

    @classmethod
    def of(cls, item: dict[str, Any], week: str, *, today: date | None = None) -> SituationDecision:
        status = FollowUpStatus(item["status"])
        overdue = item.get("standing") == "overdue" or (
            today is not None and status is FollowUpStatus.OPEN and item["due"] < today.isoformat()
        )
        return of_answer(cls, item, week=item.get("week") or week, overdue=overdue)

    owner = strawberry.field(
        resolver=actor_of("owner_actor_id"), description="The actor who does it."
    )


@strawberry.type(description="One category's observations in the week and before it.")
class CategoryCount:
    category: ObservationCategory = strawberry.field(description="The category.")
    this_week: int = strawberry.field(description="Observations in the week.")
    previous_weeks: list[int] = strawberry.field(
        description="In each of the four weeks before, the earliest first."
    )
    previous_weeks_average: float = strawberry.field(
        description="The average of the four weeks before."
    )
    same_week_last_year: int = strawberry.field(
        description="In the week of the same number a year before."
    )


@strawberry.type(description="A place observed more than once in the week and the four before.")
class HotSpot:
    place: str = strawberry.field(description="The place, as last written.")
    observations: int = strawberry.field(description="Observations there in the five weeks.")
    this_week: int = strawberry.field(description="Of those, in the week.")
    categories: list[ObservationCategory] = strawberry.field(description="What was seen there.")
    last_observed_at: datetime = strawberry.field(description="When it was last seen.")


@strawberry.type(description="An incident of the week, in outline.")
class SituationIncident:
    id: strawberry.ID = strawberry.field(
        description="The incident's id.", metadata=answered_as("incidentId")
    )
    kind: IncidentKind = strawberry.field(description="What happened.")
    severity: int = strawberry.field(description="1 (minor) to 4 (most serious).")
    sensitivity: Sensitivity = strawberry.field(description="Who may read it whole.")
    status: IncidentStatus = strawberry.field(description="Where it stands.")
    occurred_at: datetime = strawberry.field(description="When it happened.")


@strawberry.type(description="Something still open in the area: an action or a task.")
class OpenItem:
    id: strawberry.ID = strawberry.field(description="The action's or task's id.")
    source_id: strawberry.ID = strawberry.field(
        description="The safety walk or incident it belongs to."
    )
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor who does it.")
    due: date = strawberry.field(description="Its deadline.")
    overdue: bool = strawberry.field(description="Past its deadline.")


@strawberry.type(description="An area's weekly situation picture, with no personal data.")
class SituationPicture:
    area_id: strawberry.ID = strawberry.field(description="The area.")
    week: str = strawberry.field(description="The ISO week: 2026-W38.")
    observations: int = strawberry.field(description="Observations filed for the week.")
    categories: list[CategoryCount] = strawberry.field(
        description="Every category: the week against the four before and last year."
    )
    hot_spots: list[HotSpot] = strawberry.field(
        description="Places with repeated observations, the most observed first."
    )
    incidents: list[SituationIncident] = strawberry.field(
        description="Incidents that occurred in the week, in outline."
    )
    safety_walk_actions: list[OpenItem] = strawberry.field(
        description="Open actions of the area's safety walks (`sourceId`: the walk)."
    )
    incident_tasks: list[OpenItem] = strawberry.field(
        description="Open tasks of the area's incidents (`sourceId`: the incident); of a "
        "restricted incident you read in outline, your own actor's only."
    )
    decisions: list[SituationDecision] = strawberry.field(
        description="Decisions of the week, then earlier weeks' still open."
    )

    area = strawberry.field(resolver=area_of("area_id"), description="The area.")

    @classmethod
    def of(cls, found: dict[str, Any]) -> SituationPicture:
        week = found["week"]
        return of_answer(
            cls,
            found,
            safety_walk_actions=[
                _open(a["actionId"], a["walkId"], a["ownerActorId"], a) for a in found["actions"]
            ],
            incident_tasks=[
                _open(t["taskId"], t["incidentId"], t["assigneeActorId"], t) for t in found["tasks"]
            ],
            decisions=[SituationDecision.of(d, week) for d in found["decisions"]],
        )


def _open(item_id: str, source: str, owner: str, item: dict[str, Any]) -> OpenItem:
    return of_answer(OpenItem, item, id=item_id, source_id=source, owner_actor_id=owner)


ObservationPayload = payload(
    "ObservationPayload",
    "What a write to an observation answers.",
    observation=(Observation, "The observation after the write."),
)
SituationDecisionPayload = payload(
    "SituationDecisionPayload",
    "What a write to a decision of the situation picture answers.",
    decision=(SituationDecision, "The decision after the write."),
)


@strawberry.type(description="What an import of observations did, or would do (a dry run).")
class ImportObservationsPayload(FromAnswer):
    rows: int = strawberry.field(description="Rows of the file, the header row not counted.")
    observations_filed: int = strawberry.field(description="Observations it filed.")
    written: bool = strawberry.field(description="False for a dry run or a file with bad rows.")
    errors: list[ImportRowError] = strawberry.field(
        description="Every bad row; a file with any is not imported."
    )
    observation_ids: list[strawberry.ID] = strawberry.field(
        description="The observations filed, in the file's order: keep them to link one "
        "to an incident or erase its description (empty unless written)."
    )
    positions: list[str] = import_positions("incidents")
