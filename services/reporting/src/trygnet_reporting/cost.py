"""Cost and return: what an activity costs per participant it reached, and a focus
area's activities together, beside the indicators of that focus area.

An activity's cost is its declared budget plus its declared hours times the
municipality's hourly rate (no rate set: the hours count for nothing, and
``hourlyRate`` says so by being null). Its cost per participant is that cost divided by
the participants it reached; an activity with no participants recorded (or none
reached) has a cost but no cost per participant. A focus area's cost per participant
is the cost of its activities that recorded participants divided by their
participants together; an activity serving two focus areas counts in both.
Activities are those the outcomes report counts: running in its months, in its area.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.tenancy import TenantId
from trygnet_reporting import outcomes_report, queries
from trygnet_reporting.queries import Doc, docs_of


def cost_of(activity: Mapping[str, Any], rate: float | None) -> float:
    """Budget plus hours times the rate (a missing figure counts as 0)."""
    return float(activity.get("budget") or 0) + float(activity.get("hours") or 0) * (rate or 0)


def per_participant(cost: float, participants: int | None) -> float | None:
    return round(cost / participants, 2) if participants else None


def activity_cost(activity: Mapping[str, Any], rate: float | None) -> Doc:
    cost = cost_of(activity, rate)
    reached = activity.get("participantsReached")
    return {
        "activityId": activity["groupId"],
        "title": activity["title"],
        "focusAreaIds": list(activity["focusAreas"]),
        "hours": activity.get("hours"),
        "budget": activity.get("budget"),
        "participantsReached": reached,
        "cost": round(cost, 2),
        "costPerParticipant": per_participant(cost, reached),
    }


def focus_area_cost(
    focus: str, title: str, activities: Sequence[Doc], indicators: list[Doc]
) -> Doc:
    serving = [a for a in activities if focus in a["focusAreaIds"]]
    reached = [a for a in serving if a["participantsReached"]]
    cost = sum(a["cost"] for a in reached)
    participants = sum(a["participantsReached"] for a in reached)
    return {
        "focusAreaId": focus,
        "title": title,
        "activities": len(serving),
        "withParticipants": len(reached),
        "cost": round(sum(a["cost"] for a in serving), 2),
        "participantsReached": participants,
        "costPerParticipant": per_participant(cost, participants),
        "indicatorIds": [i["indicatorId"] for i in indicators if i["focusAreaId"] == focus],
    }


async def costs(
    conn: AsyncConnection,
    tenant: TenantId,
    *,
    area: str | None,
    since: str | None,
    until: str | None,
    outcomes: Doc,
) -> Doc:
    """The cost figures of the ``outcomes`` report asked with the same area and months."""
    rates = await docs_of(conn, tenant, "rate")
    rate = float(rates[0]["rate"]) if rates else None
    activities = [
        activity_cost(g, rate)
        for g in await docs_of(conn, tenant, "group")
        if g["kind"] == "activity"
        and queries.in_area(g, area)
        and outcomes_report.runs_in(g, since, until)
    ]
    activities.sort(key=lambda a: (a["title"].lower(), a["activityId"]))
    focus_areas = [
        focus_area_cost(f["focusAreaId"], f["title"], activities, outcomes["indicators"])
        for f in outcomes["activitiesPerFocusArea"]
    ]
    return {"hourlyRate": rate, "activities": activities, "focusAreas": focus_areas}
