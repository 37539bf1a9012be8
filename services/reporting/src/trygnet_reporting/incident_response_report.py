"""The incident response report: per incident and per area and month, how fast the
partners acted together, who was alerted and engaged, tasks open and overdue and the
follow-up activities started, each incident shown as the incidents service shows it
to the reader (a restricted one redacted to its outline and the reader's own tasks).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.auth import Principal
from trygnet_reporting import standing
from trygnet_reporting.queries import Doc, docs_of
from trygnet_vocabulary import incident_redaction


def _minutes(start: str, end: str | None) -> float | None:
    if end is None:
        return None
    delta = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    return round(delta.total_seconds() / 60, 1)


async def incident_response(
    conn: AsyncConnection,
    principal: Principal,
    *,
    area: str | None,
    today: date,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """Per incident and per area and month: how fast the partners acted together, who
    was alerted and engaged, tasks open and overdue, follow-up activities started. The
    outline only: restricted text never reached this database.

    Each incident is shown as the incidents service shows it to this reader
    (``trygnet_vocabulary.incident_redaction``): of a restricted incident, a reader who may not
    read it whole gets its outline and the tasks of its own actor, and every other
    figure is null (``redacted``); the area's figures count it among ``incidents`` and
    ``withheld`` only, so a month with one such incident tells nothing of its response."""
    incidents = [
        i
        for i in await docs_of(conn, principal.tenant, "incident")
        if (area is None or i["areaId"] == area)
        and (since is None or i["reportedAt"][:7] >= since)
        and (until is None or i["reportedAt"][:7] <= until)
    ]
    rows = [
        _response_as_seen(incident, principal, today)
        for incident in sorted(incidents, key=lambda i: (i["reportedAt"], i["incidentId"]))
    ]
    return {"incidents": rows, "byAreaAndMonth": _by_area_and_month(rows)}


_FROM_TASKS = ("tasksOpen", "tasksOverdue")
"""The figures counted from the tasks the reader sees (of a redacted incident, its own)."""


def _response_as_seen(incident: Doc, principal: Principal, today: date) -> Doc:
    """One incident's row: whole, or of a redacted one what ``OUTLINE`` names and the
    counts of the reader's own tasks."""
    withheld = incident_redaction.outline_only(incident["sensitivity"], principal)
    tasks = list(incident["tasks"].values())
    if withheld:
        tasks = incident_redaction.own_tasks(tasks, principal)
    open_tasks = [t for t in tasks if standing.still_to_do(t["status"])]
    row = {
        "incidentId": incident["incidentId"],
        "kind": incident["kind"],
        "severity": incident["severity"],
        "areaId": incident["areaId"],
        "status": incident["status"],
        "reportedAt": incident["reportedAt"],
        "minutesToFirstJointAction": _minutes(
            incident["reportedAt"], incident["firstJointActionAt"]
        ),
        "alerted": incident["alerted"],
        "engaged": incident["engaged"],
        "tasksOpen": len(open_tasks),
        "tasksOverdue": sum(
            standing.overdue(t["status"], t["due"], today.isoformat()) for t in tasks
        ),
        "followUpActivities": incident["followUpActivities"],
    }
    if withheld:
        shown = (*incident_redaction.OUTLINE, *_FROM_TASKS)
        row = {name: value if name in shown else None for name, value in row.items()}
    return {**row, "redacted": withheld}


def _by_area_and_month(rows: Sequence[Doc]) -> list[Doc]:
    groups: dict[tuple[str, str], list[Doc]] = defaultdict(list)
    for row in rows:
        groups[(row["areaId"], row["reportedAt"][:7])].append(row)
    summary = []
    for (area, month), found in sorted(groups.items()):
        whole = [r for r in found if not r["redacted"]]
        times = [
            r["minutesToFirstJointAction"]
            for r in whole
            if r["minutesToFirstJointAction"] is not None
        ]
        summary.append(
            {
                "areaId": area,
                "month": month,
                "incidents": len(found),
                "withheld": len(found) - len(whole),
                "medianMinutesToFirstJointAction": statistics.median(times) if times else None,
                "withoutJointAction": sum(
                    1 for r in whole if r["minutesToFirstJointAction"] is None
                ),
                "actorsAlerted": len({a for r in whole for a in r["alerted"]}),
                "actorsEngaged": len({a for r in whole for a in r["engaged"]}),
                "tasksOpen": sum(r["tasksOpen"] for r in found),
                "tasksOverdue": sum(r["tasksOverdue"] for r in found),
                "followUpActivities": sum(len(r["followUpActivities"]) for r in whole),
            }
        )
    return summary
