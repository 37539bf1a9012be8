"""The weekly situation picture of an area ("lägesbild", as the Swedish EST method does it):
what the partnership reads each week before it decides what to do.

- **Observations by category**: the week's count of each category beside the four
  weeks before it (each, and their average) and the same week a year before
  (``trygnet_core.weeks``), so a rise shows at a glance.
- **Hot spots**: places observed more than once in the week and the four weeks
  before it, the most observed first; a place is its name as the areas compare names
  (case and runs of spaces do not count).
- **Incidents of the week**: those that occurred in the week, in outline only
  (kind, severity, status, times), whatever the reader may read of them.
- **Open safety-walk actions and incident tasks** in the area, each overdue when
  still open past its deadline (as of ``today``). Of a restricted incident the reader
  may read in outline only, only the tasks of the reader's own actor count
  (``trygnet_vocabulary.incident_redaction``), as in the incident-response report.
- **Decisions**: those recorded for the week, and those of earlier weeks still open,
  each done, open or overdue as a forum's follow-up is (``follow_up_standing``).

Nothing here is personal: observations' descriptions never reached reporting.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.auth import Principal
from trygnet_core.weeks import same_week_last_year, shifted, week_of
from trygnet_reporting import standing
from trygnet_reporting.queries import docs_of_kinds
from trygnet_reporting.situation import OBSERVATION, SITUATION_WEEK
from trygnet_vocabulary import incident_redaction
from trygnet_vocabulary.incidents import ObservationCategory

Doc = dict[str, Any]
WEEKS_BEFORE = 4
HOT_SPOT_AT_LEAST = 2


def follow_up_standing(status: str, due: str, today: date) -> str:
    """A follow-up's standing: ``done``, ``cancelled``, ``overdue`` (``standing``) or
    ``open``."""
    return "overdue" if standing.overdue(status, due, today.isoformat()) else status


async def situation_picture(
    conn: AsyncConnection, principal: Principal, *, area: str, week: str, today: date
) -> Doc:
    tenant = principal.tenant
    kinds = (OBSERVATION, "incident", "walk", SITUATION_WEEK)
    found = await docs_of_kinds(conn, tenant, kinds)
    observations, incidents, walks, weeks = (
        [doc for doc in found[kind] if doc["areaId"] == area] for kind in kinds
    )
    return {
        "areaId": area,
        "week": week,
        "observations": sum(1 for o in observations if o["week"] == week),
        "categories": categories(observations, week),
        "hotSpots": hot_spots(observations, week),
        "incidents": _incidents_of(incidents, week),
        "actions": _actions(walks, today),
        "tasks": _tasks(incidents, principal, today),
        "decisions": _decisions(weeks, week, today),
    }


def categories(observations: Sequence[Mapping[str, Any]], week: str) -> list[Doc]:
    before = [shifted(week, -n) for n in range(WEEKS_BEFORE, 0, -1)]
    last_year = same_week_last_year(week)
    counts = Counter((o["week"], o["category"]) for o in observations)
    rows = []
    for category in ObservationCategory:
        earlier = [counts[(w, category.value)] for w in before]
        rows.append(
            {
                "category": category.value,
                "thisWeek": counts[(week, category.value)],
                "previousWeeks": earlier,
                "previousWeeksAverage": sum(earlier) / WEEKS_BEFORE,
                "sameWeekLastYear": counts[(last_year, category.value)],
            }
        )
    return rows


def hot_spots(observations: Sequence[Mapping[str, Any]], week: str) -> list[Doc]:
    window = {shifted(week, -n) for n in range(WEEKS_BEFORE + 1)}
    places: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for found in observations:
        if found["week"] in window:
            places[found["placeKey"]].append(found)
    spots = []
    for seen in places.values():
        if len(seen) < HOT_SPOT_AT_LEAST:
            continue
        latest = max(seen, key=lambda o: o["observedAt"])
        spots.append(
            {
                "place": latest["place"],
                "observations": len(seen),
                "thisWeek": sum(1 for o in seen if o["week"] == week),
                "categories": sorted({o["category"] for o in seen}),
                "lastObservedAt": latest["observedAt"],
            }
        )
    return sorted(spots, key=lambda s: (-s["observations"], -s["thisWeek"], s["place"]))


def _incidents_of(incidents: Sequence[Mapping[str, Any]], week: str) -> list[Doc]:
    return [
        {
            "incidentId": i["incidentId"],
            "kind": i["kind"],
            "severity": i["severity"],
            "sensitivity": i["sensitivity"],
            "status": i["status"],
            "occurredAt": i["occurredAt"],
        }
        for i in sorted(incidents, key=lambda i: (i["occurredAt"], i["incidentId"]))
        if week_of(i["occurredAt"]) == week
    ]


def _actions(walks: Sequence[Mapping[str, Any]], today: date) -> list[Doc]:
    found = [
        {
            "walkId": walk["walkId"],
            "actionId": action_id,
            "ownerActorId": action["ownerActorId"],
            "due": action["deadline"],
            "overdue": standing.overdue(action["status"], action["deadline"], today.isoformat()),
        }
        for walk in walks
        for action_id, action in walk["actions"].items()
        if standing.still_to_do(action["status"])
    ]
    return sorted(found, key=lambda a: (a["due"], a["actionId"]))


def _tasks(incidents: Sequence[Mapping[str, Any]], principal: Principal, today: date) -> list[Doc]:
    found = []
    for incident in incidents:
        tasks = [{"taskId": k, **t} for k, t in incident["tasks"].items()]
        if incident_redaction.outline_only(incident["sensitivity"], principal):
            tasks = incident_redaction.own_tasks(tasks, principal)
        found += [
            {
                "incidentId": incident["incidentId"],
                "taskId": task["taskId"],
                "assigneeActorId": task["assigneeActorId"],
                "due": task["due"],
                "overdue": standing.overdue(task["status"], task["due"], today.isoformat()),
            }
            for task in tasks
            if standing.still_to_do(task["status"])
        ]
    return sorted(found, key=lambda t: (t["due"], t["taskId"]))


def _decisions(weeks: Sequence[Mapping[str, Any]], week: str, today: date) -> list[Doc]:
    """The week's decisions, then earlier weeks' that are still open (overdue or not)."""
    found = []
    for doc in weeks:
        for decision_id, decision in doc["decisions"].items():
            standing = follow_up_standing(decision["status"], decision["due"], today)
            if doc["week"] == week or (doc["week"] < week and standing in ("open", "overdue")):
                found.append(
                    {
                        "decisionId": decision_id,
                        "week": doc["week"],
                        "action": decision["action"],
                        "ownerActorId": decision["ownerActorId"],
                        "due": decision["due"],
                        "status": decision["status"],
                        "standing": standing,
                    }
                )
    return sorted(found, key=lambda d: (d["week"] != week, d["week"], d["due"], d["decisionId"]))
