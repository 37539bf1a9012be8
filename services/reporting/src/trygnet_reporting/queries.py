"""The reports of one municipality, computed from the projections' documents of its
tenant. Each function takes the tenant from the caller's principal; nothing here reads
another tenant's documents (the national figures, across tenants, are ``national``).

Figures that are cheap are computed on every read from the documents (a
municipality has tens of actors and activities, hundreds of incidents). The
collaboration network is cached per tenant and area and recomputed only when an
event touched them, at most once per ``interval`` seconds (``network``).
"""

from __future__ import annotations

import math
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import trygnet_reporting.gaps as gap_rules
import trygnet_reporting.network as network_rules
from trygnet_core import incident_redaction
from trygnet_core.auth import Principal
from trygnet_core.database import read_only, upsert, writing
from trygnet_core.tenancy import TenantId
from trygnet_reporting import standing
from trygnet_reporting.report_documents import ALL_AREAS, network_cache, report_docs

Doc = dict[str, Any]
Z_95 = 1.959964


async def docs_of(conn: AsyncConnection, tenant: TenantId, kind: str) -> list[Doc]:
    rows = await conn.execute(
        select(report_docs.c.body)
        .where(report_docs.c.tenant_id == tenant, report_docs.c.kind == kind)
        .order_by(report_docs.c.doc_id)
    )
    return [row.body for row in rows]


def _survivors(actors: Iterable[Doc]) -> dict[str, str]:
    """Merged actor id → the id it answers to now (through every merge)."""
    merged = {a["actorId"]: a["mergedInto"] for a in actors if a.get("mergedInto")}

    def follow(actor_id: str) -> str:
        seen = {actor_id}
        while actor_id in merged and merged[actor_id] not in seen:
            actor_id = merged[actor_id]
            seen.add(actor_id)
        return actor_id

    return {actor_id: follow(actor_id) for actor_id in merged}


def _in_area(doc: Mapping[str, Any], area: str | None) -> bool:
    return area is None or not doc.get("areas") or area in doc["areas"]


# -- directory ------------------------------------------------------------------------


async def directory(
    conn: AsyncConnection,
    tenant: TenantId,
    *,
    area: str | None = None,
    level: str | None = None,
    theme: str | None = None,
    sector: str | None = None,
) -> dict[str, Any]:
    """Who is active (in an area), on which levels and themes, with what they do together
    and the organisation's public contact details. Contact persons are counted, never
    shown: their details are the actors service's to give, to those who may see them."""
    actors = await docs_of(conn, tenant, "actor")
    groups = await docs_of(conn, tenant, "group")
    areas = {a["areaId"]: a for a in await docs_of(conn, tenant, "area")}
    doing: dict[str, list[dict[str, str]]] = defaultdict(list)
    for group in groups:
        if _live(group) and (area is None or area in group["areas"] or not group["areas"]):
            for member in group["members"]:
                doing[member].append(
                    {"id": group["groupId"], "kind": group["kind"], "title": group["title"]}
                )
    listed = [
        {
            "actorId": a["actorId"],
            "name": a["name"],
            "sector": a["sector"],
            "department": a.get("department"),
            "levels": a["levels"],
            "themes": a["themes"],
            "areas": [{"areaId": x, "name": areas.get(x, {}).get("name", x)} for x in a["areas"]],
            "description": a.get("description"),
            "phone": a.get("phone"),
            "email": a.get("email"),
            "website": a.get("website"),
            "contactPersons": len(a["contacts"]),
            "workingOn": doing.get(a["actorId"], []),
        }
        for a in actors
        if a["status"] == "active"
        and (area is None or area in a["areas"])
        and (level is None or level in a["levels"])
        and (theme is None or theme in a["themes"])
        and (sector is None or a["sector"] == sector)
    ]
    listed.sort(key=lambda a: (a["name"].lower(), a["actorId"]))
    by_level = Counter(level for a in listed for level in a["levels"])
    by_theme = Counter(theme for a in listed for theme in a["themes"])
    return {
        "areaId": area,
        "actors": listed,
        "count": len(listed),
        "byLevel": dict(sorted(by_level.items())),
        "byTheme": dict(sorted(by_theme.items())),
        # the actors no level (theme) counts: with them every listed actor is counted
        "withoutLevel": sum(1 for a in listed if not a["levels"]),
        "withoutTheme": sum(1 for a in listed if not a["themes"]),
    }


def _live(group: Mapping[str, Any]) -> bool:
    return group["status"] not in ("ended",)


# -- network and gaps -----------------------------------------------------------------


async def network_inputs(
    conn: AsyncConnection, tenant: TenantId
) -> tuple[list[network_rules.Actor], list[network_rules.Group], list[Doc], dict[str, str]]:
    actors = await docs_of(conn, tenant, "actor")
    groups = await docs_of(conn, tenant, "group")
    partnerships = {p["partnershipId"]: p for p in await docs_of(conn, tenant, "partnership")}
    survivors = _survivors(actors)

    def who(ids: Iterable[str]) -> frozenset[str]:
        return frozenset(survivors.get(i, i) for i in ids)

    nodes = [
        network_rules.Actor(
            actor_id=a["actorId"],
            name=a["name"],
            sector=a["sector"],
            levels=frozenset(a["levels"]),
            areas=frozenset(a["areas"]),
            active=a["status"] == "active",
        )
        for a in actors
    ]
    shared = [
        network_rules.Group(
            group_id=g["groupId"],
            kind=g["kind"],
            title=g["title"],
            members=who(g["members"]),
            areas=frozenset(_group_areas(g, partnerships)),
            active=_live(g),
        )
        for g in groups
    ]
    names = {a["actorId"]: a["name"] for a in actors}
    return nodes, shared, groups, names


def _group_areas(group: Mapping[str, Any], partnerships: Mapping[str, Doc]) -> list[str]:
    """An activity's areas; a forum's are its partnership's (none: municipality-wide)."""
    if group["kind"] == "forum":
        partnership = partnerships.get(group.get("partnershipId") or "")
        return list(partnership["areas"]) if partnership else []
    return list(group["areas"])


def _survey_ties(waves: Sequence[Doc], survivors: Mapping[str, str]) -> list[Any]:
    """The ratings of the latest wave that has any."""
    for wave in sorted(waves, key=lambda w: w["openedOn"], reverse=True):
        ties = [
            network_rules.SurveyTie(
                respondent=survivors.get(respondent, respondent),
                actor=survivors.get(rating["actorId"], rating["actorId"]),
                trust=rating["trust"] or 0.0,
                value=rating["value"] or 0.0,
            )
            for respondent, ratings in wave["responses"].items()
            for rating in ratings
        ]
        if ties:
            return ties
    return []


async def compute_network(conn: AsyncConnection, tenant: TenantId, area: str | None) -> Doc:
    actors, groups, _, _ = await network_inputs(conn, tenant)
    survivors = _survivors(await docs_of(conn, tenant, "actor"))
    survey = _survey_ties(await docs_of(conn, tenant, "survey"), survivors)
    found: Doc = network_rules.collaboration_network(
        actors, groups, area=area, survey=survey or None
    )
    return found


async def network(
    engine: AsyncEngine,
    tenant: TenantId,
    *,
    area: str | None,
    interval: float,
    fresh: bool = False,
) -> Doc:
    """The collaboration network from the cache; recomputed when an event touched its
    tenant and area, but at most once per ``interval`` seconds unless ``fresh``."""
    key = area or ALL_AREAS
    async with read_only(engine) as conn:
        cached = (
            await conn.execute(
                select(network_cache).where(
                    network_cache.c.tenant_id == tenant, network_cache.c.area_key == key
                )
            )
        ).first()
    now = time.time()
    if cached is not None and cached.body is not None:
        recent = now - cached.computed_at < interval
        if not cached.stale or (recent and not fresh):
            return {**cached.body, "computedAt": _iso(cached.computed_at), "stale": cached.stale}
    async with writing(engine) as conn:
        body = await compute_network(conn, tenant, area)
        await upsert(
            conn,
            network_cache,
            [
                {
                    "tenant_id": tenant,
                    "area_key": key,
                    "body": body,
                    "computed_at": now,
                    "stale": False,
                }
            ],
            keys=("tenant_id", "area_key"),
        )
    return {**body, "computedAt": _iso(now), "stale": False}


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment).astimezone().isoformat(timespec="seconds")


async def coordination_gaps(
    conn: AsyncConnection, tenant: TenantId, *, area: str | None
) -> dict[str, Any]:
    _, groups, docs, names = await network_inputs(conn, tenant)
    survivors = _survivors(await docs_of(conn, tenant, "actor"))
    facts = [
        gap_rules.ActivityFacts(
            activity_id=g["groupId"],
            title=g["title"],
            status=g["status"],
            areas=frozenset(g["areas"]),
            themes=frozenset(g.get("themes") or []),
            age_from=g.get("ageFrom"),
            age_to=g.get("ageTo"),
            actors=frozenset(survivors.get(m, m) for m in g["members"]),
        )
        for g in docs
        if g["kind"] == "activity"
    ]
    # areas by name in the sentences (an area's name is no personal data: the actors
    # service publishes it in clear)
    area_names = {a["areaId"]: a["name"] for a in await docs_of(conn, tenant, "area")}
    found = gap_rules.coordination_gaps(
        facts, groups, area=area, names=names, area_names=area_names
    )
    return {"areaId": area, "gaps": found, "count": len(found)}


# -- incident response ----------------------------------------------------------------


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
    (``trygnet_core.incident_redaction``): of a restricted incident, a reader who may not
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


# -- safety walks ---------------------------------------------------------------------


async def safety_walks(
    conn: AsyncConnection, tenant: TenantId, *, area: str | None, today: date
) -> dict[str, Any]:
    """Findings by kind; actions open, done and overdue; median days from the walk to a
    finding's action being done."""
    walks = [w for w in await docs_of(conn, tenant, "walk") if area is None or w["areaId"] == area]
    kinds: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    days: list[int] = []
    for walk in walks:
        kinds.update(finding["kind"] for finding in walk["findings"].values())
        for action in walk["actions"].values():
            actions[action["status"]] += 1
            actions["overdue"] += standing.overdue(
                action["status"], action["deadline"], today.isoformat()
            )
            if action["doneAt"]:
                walked = date.fromisoformat(walk["walkedOn"])
                days.append((datetime.fromisoformat(action["doneAt"]).date() - walked).days)
    return {
        "areaId": area,
        "walks": len(walks),
        "residents": sum(w["residents"] for w in walks),
        "findingsByKind": dict(sorted(kinds.items())),
        "actions": {
            "open": actions["open"] + actions["in_progress"],
            "done": actions["done"],
            "rejected": actions["rejected"],
            "overdue": actions["overdue"],
        },
        "medianDaysToFix": statistics.median(days) if days else None,
    }


# -- outcomes -------------------------------------------------------------------------


def months_of(period: str) -> tuple[str, str]:
    """The first and last month of a period: ``2026``, ``2026-Q3`` or ``2026-09``."""
    year, _, part = period.partition("-")
    if not part:
        return f"{year}-01", f"{year}-12"
    if part.upper().startswith("Q"):
        last = 3 * int(part[1:])
        return f"{year}-{last - 2:02}", f"{year}-{last:02}"
    return period[:7], period[:7]


def in_months(first: str | None, last: str | None, since: str | None, until: str | None) -> bool:
    """Whether months ``first``..``last`` (``None``: open) meet ``since``..``until``."""
    return (since is None or last is None or last >= since) and (
        until is None or first is None or first <= until
    )


def runs_in(activity: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    """Whether an activity runs in months ``since``..``until`` (by its start and end; a
    missing one is open)."""
    start, end = (activity["start"] or "")[:7] or None, (activity["end"] or "")[:7] or None
    return in_months(start, end, since, until)


def wilson(percent: float, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of a share given in per cent, in per cent."""
    if n <= 0:
        return None
    p = percent / 100
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half) * 100, 1), round(min(1.0, centre + half) * 100, 1)


async def outcomes(
    conn: AsyncConnection,
    tenant: TenantId,
    *,
    area: str | None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """Safety-index results with their sample and confidence interval; incidents per area
    per month; activities per focus area of the strategy; measurements against targets.

    ``since`` and ``until`` (months, inclusive) keep the results and measurements whose
    period meets them, the incidents that occurred in them and the activities running
    in them (by their start and end; a missing one is open)."""

    def meets(period: str) -> bool:
        return in_months(*months_of(period), since, until)

    results = []
    for result in await docs_of(conn, tenant, "safety-index"):
        if (area is None or result["areaId"] == area) and meets(result["period"]):
            interval = wilson(result["feelingSafe"], result["respondents"])
            results.append(
                {
                    **result,
                    "responseRate": round(100 * result["respondents"] / result["invited"], 1)
                    if result["invited"]
                    else None,
                    "feelingSafeInterval": list(interval) if interval else None,
                }
            )
    results.sort(key=lambda r: (r["areaId"], r["period"]))
    per_month: Counter[tuple[str, str]] = Counter(
        (i["areaId"], i["occurredAt"][:7])
        for i in await docs_of(conn, tenant, "incident")
        if (area is None or i["areaId"] == area)
        and in_months(i["occurredAt"][:7], i["occurredAt"][:7], since, until)
    )
    strategies = await docs_of(conn, tenant, "strategy")
    strategy = strategies[0] if strategies else {"title": None, "focusAreas": {}, "indicators": {}}
    activities = [
        g
        for g in await docs_of(conn, tenant, "group")
        if g["kind"] == "activity" and runs_in(g, since, until)
    ]
    per_focus = {
        focus: {
            "focusAreaId": focus,
            "title": title,
            "activities": sum(
                1 for g in activities if focus in g["focusAreas"] and _in_area(g, area)
            ),
            "active": sum(
                1
                for g in activities
                if focus in g["focusAreas"] and g["status"] == "active" and _in_area(g, area)
            ),
        }
        for focus, title in strategy["focusAreas"].items()
    }
    measurements = await docs_of(conn, tenant, "measurement")
    indicators = []
    for indicator_id, indicator in strategy["indicators"].items():
        found = sorted(
            (
                m
                for m in measurements
                if m["indicatorId"] == indicator_id
                and (area is None or m["areaId"] in (None, area))
                and meets(m["period"])
            ),
            key=lambda m: (m["period"], m["areaId"] or ""),
        )
        latest = found[-1] if found else None
        indicators.append(
            {
                "indicatorId": indicator_id,
                **indicator,
                "measurements": found,
                "latest": latest["value"] if latest else None,
                "onTarget": _on_target(indicator, latest["value"]) if latest else None,
            }
        )
    return {
        "areaId": area,
        "strategy": strategy["title"],
        "safetyIndex": results,
        "incidentsPerMonth": [
            {"areaId": a, "month": m, "incidents": n} for (a, m), n in sorted(per_month.items())
        ],
        "activitiesPerFocusArea": list(per_focus.values()),
        "indicators": indicators,
    }


def _on_target(indicator: Mapping[str, Any], value: float) -> bool | None:
    target = indicator.get("target")
    if target is None:
        return None
    return bool(value >= target if indicator["direction"] == "increase" else value <= target)
