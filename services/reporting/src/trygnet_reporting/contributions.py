"""Each party's contribution and its effect: what every actor puts into the partnership
in a period, and what comes of the work it takes part in.

Per actor (merged actors count as their survivor), in the period asked for (days,
both ends included; none: all time):
- activities it leads (owns) and joins, running in the period, with the hours and
  budget declared on them (each activity's whole figures, so an activity shared by
  three actors counts in each of their rows);
- fora it is a member of now, meetings it attended in the period, and the follow-ups
  those meetings gave it: done, open and overdue (open past their due day);
- of incidents reported in the period, the response roles it held and the tasks it
  took, completed and completed by their due day;
- actions from safety walks of the period it owns: done, open (open or in progress)
  and overdue;
- where a relationship survey has answers (its latest wave by the period's end), the
  trust and value the other actors gave it, on average (1-4), and how many rated it.
The effect: the indicators of the focus areas its activities serve (latest value by
the period's end against target) and the safety-index trend of its areas (latest
result against the one before).

Restricted incidents are counted as the reader may see them
(``trygnet_vocabulary.incident_redaction``): a reader who sees a restricted incident in
outline only counts none of its roles and, of its tasks, only those of the reader's
own actor, exactly as the incident-response report does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.auth import Principal
from trygnet_core.tenancy import TenantId
from trygnet_reporting import outcomes_report, queries, standing
from trygnet_reporting.queries import Doc, docs_of
from trygnet_reporting.report_documents import report_docs
from trygnet_vocabulary import incident_redaction


@dataclass(frozen=True)
class Window:
    """The period, as ISO days (``None``: open at that end), and the day overdue counts."""

    since: str | None
    until: str | None
    today: str

    def holds(self, day: str | None) -> bool:
        return day is not None and self.meets(day[:10], day[:10])

    def meets(self, first: str | None, last: str | None) -> bool:
        """Whether days ``first``..``last`` (``None``: open) meet the period."""
        return (self.since is None or last is None or last >= self.since) and (
            self.until is None or first is None or first <= self.until
        )


@dataclass
class Tally:
    """One actor's contribution in figures (no effect yet)."""

    activities_led: list[str] = field(default_factory=list)
    activities_joined: list[str] = field(default_factory=list)
    hours: int = 0
    budget: int = 0
    fora: int = 0
    meetings: int = 0
    follow_ups: dict[str, int] = field(default_factory=lambda: _zero("done", "open", "overdue"))
    roles: int = 0
    tasks: dict[str, int] = field(
        default_factory=lambda: _zero("taken", "completed", "completedOnTime")
    )
    actions: dict[str, int] = field(default_factory=lambda: _zero("done", "open", "overdue"))

    def count(self) -> int:
        """How many contributions: every activity, forum, meeting, follow-up, role, task
        and action counted once (the national tables' unit)."""
        return (
            len(self.activities_led)
            + len(self.activities_joined)
            + self.fora
            + self.meetings
            + self.follow_ups["done"]
            + self.follow_ups["open"]
            + self.roles
            + self.tasks["taken"]
            + self.actions["done"]
            + self.actions["open"]
        )


def _zero(*names: str) -> dict[str, int]:
    return dict.fromkeys(names, 0)


@dataclass(frozen=True)
class Records:
    """The documents of one municipality a contribution is counted from."""

    actors: Sequence[Doc]
    groups: Sequence[Doc]
    incidents: Sequence[Doc]
    walks: Sequence[Doc]

    @classmethod
    async def read(cls, conn: AsyncConnection, tenant: TenantId) -> Records:
        return (await cls.of_each(conn, [tenant]))[tenant]

    @classmethod
    async def of_each(cls, conn: AsyncConnection, tenants: Sequence[str]) -> dict[str, Records]:
        """The municipalities' records, read in one query (not four per municipality)."""
        found: dict[str, dict[str, list[Doc]]] = {t: {k: [] for k in _KINDS} for t in tenants}
        rows = await conn.execute(
            select(report_docs.c.tenant_id, report_docs.c.kind, report_docs.c.body)
            .where(report_docs.c.tenant_id.in_(tenants), report_docs.c.kind.in_(_KINDS))
            .order_by(report_docs.c.tenant_id, report_docs.c.kind, report_docs.c.doc_id)
        )
        for row in rows:
            found[row.tenant_id][row.kind].append(row.body)
        return {tenant: cls(*[kinds[k] for k in _KINDS]) for tenant, kinds in found.items()}


_KINDS = ("actor", "group", "incident", "walk")
"""The document kinds of ``Records``, in its fields' order."""


def tally(
    records: Records, window: Window, *, area: str | None, reader: Principal | None
) -> dict[str, Tally]:
    """Every actor's tally (by survivor id). ``reader`` decides what of a restricted
    incident counts; ``None`` (the national tables) counts none of its roles and tasks."""
    survivors = queries.survivors_of(records.actors)
    tallies: dict[str, Tally] = defaultdict(Tally)

    def who(actor: str) -> Tally:
        return tallies[survivors.get(actor, actor)]

    for group in records.groups:
        if group["kind"] == "activity":
            _activity(group, window, area, who)
        elif group["status"] != "ended":
            _forum(group, window, who)
    for incident in records.incidents:
        if (area is None or incident["areaId"] == area) and window.holds(incident["reportedAt"]):
            _incident(incident, window, reader, who)
    for walk in records.walks:
        if (area is None or walk["areaId"] == area) and window.holds(walk["walkedOn"]):
            for action in walk["actions"].values():
                owner = who(action["ownerActorId"])
                standing.count(owner.actions, action["status"], action["deadline"], window.today)
    return dict(tallies)


def _activity(group: Doc, window: Window, area: str | None, who: Any) -> None:
    if not queries.in_area(group, area) or not window.meets(group["start"], group["end"]):
        return
    for member in sorted(set(group["members"])):
        found: Tally = who(member)
        led = member == group["ownerActorId"] or group["partners"].get(member) == "lead"
        (found.activities_led if led else found.activities_joined).append(group["groupId"])
        found.hours += group.get("hours") or 0
        found.budget += group.get("budget") or 0


def _forum(group: Doc, window: Window, who: Any) -> None:
    for member in group["members"]:
        who(member).fora += 1
    for meeting in group.get("meetingLog") or ():
        if window.holds(meeting["heldOn"]):
            for attendee in set(meeting["attendees"]):
                who(attendee).meetings += 1
    for item in (group.get("followUps") or {}).values():
        if window.holds(item["heldOn"]):
            standing.count(
                who(item["actorId"]).follow_ups, item["status"], item["due"], window.today
            )


def _incident(incident: Doc, window: Window, reader: Principal | None, who: Any) -> None:
    outline = reader is None or incident_redaction.outline_only(incident["sensitivity"], reader)
    tasks = list(incident["tasks"].values())
    if outline:
        tasks = [] if reader is None else incident_redaction.own_tasks(tasks, reader)
    else:
        for actor in incident.get("roles") or {}:
            who(actor).roles += 1
    for task in tasks:
        counts = who(task["assigneeActorId"]).tasks
        counts["taken"] += 1
        done = task.get("doneAt") if task["status"] == "done" else None
        if done is not None:
            counts["completed"] += 1
            counts["completedOnTime"] += done[:10] <= task["due"]


# -- the report -----------------------------------------------------------------------


async def contributions(
    conn: AsyncConnection,
    principal: Principal,
    *,
    area: str | None,
    window: Window,
    actor: str | None = None,
) -> list[Doc]:
    """One row per active actor (of the area), by name; ``actor``: that actor's only."""
    records = await Records.read(conn, principal.tenant)
    tallies = tally(records, window, area=area, reader=principal)
    groups = {g["groupId"]: g for g in records.groups}
    survey = _ratings(await docs_of(conn, principal.tenant, "survey"), records.actors, window)
    until = window.until[:7] if window.until else None
    outcomes = await outcomes_report.outcomes(conn, principal.tenant, area=area, until=until)
    rows = []
    for doc in records.actors:
        if doc["status"] != "active" or (area is not None and area not in doc["areas"]):
            continue
        if actor is not None and doc["actorId"] != actor:
            continue
        found = tallies.get(doc["actorId"], Tally())
        serves = {
            focus
            for activity in (*found.activities_led, *found.activities_joined)
            for focus in groups[activity]["focusAreas"]
        }
        rows.append(
            {
                "actorId": doc["actorId"],
                "name": doc["name"],
                "sector": doc["sector"],
                **_figures(found),
                "survey": survey.get(doc["actorId"]),
                "effect": _effect(serves, [area] if area else doc["areas"], outcomes),
            }
        )
    rows.sort(key=lambda r: (r["name"].lower(), r["actorId"]))
    return rows


def _figures(found: Tally) -> Doc:
    return {
        "activitiesLed": len(found.activities_led),
        "activitiesJoined": len(found.activities_joined),
        "activityIds": sorted({*found.activities_led, *found.activities_joined}),
        "hours": found.hours,
        "budget": found.budget,
        "foraMemberships": found.fora,
        "meetingsAttended": found.meetings,
        "followUps": found.follow_ups,
        "responseRoles": found.roles,
        "tasks": found.tasks,
        "walkActions": found.actions,
    }


def _ratings(waves: Iterable[Doc], actors: Sequence[Doc], window: Window) -> dict[str, Doc]:
    """Of the latest wave with answers opened by the period's end: per rated actor, the
    mean trust and value others gave it and how many rated it."""
    survivors = queries.survivors_of(actors)
    for wave in sorted(waves, key=lambda w: w["openedOn"], reverse=True):
        if window.until is not None and wave["openedOn"] > window.until:
            continue
        given: dict[str, list[Doc]] = defaultdict(list)
        for respondent, ratings in wave["responses"].items():
            for rating in ratings:
                rated = survivors.get(rating["actorId"], rating["actorId"])
                if rated != survivors.get(respondent, respondent):
                    given[rated].append(rating)
        if given:
            return {
                actor: {
                    "waveId": wave["waveId"],
                    "raters": len(ratings),
                    "trust": _mean(r["trust"] for r in ratings),
                    "value": _mean(r["value"] for r in ratings),
                }
                for actor, ratings in given.items()
            }
    return {}


def _mean(values: Iterable[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return round(fmean(found), 2) if found else None


def _effect(serves: set[str], areas: Sequence[str], outcomes: Doc) -> Doc:
    titles = {f["focusAreaId"]: f["title"] for f in outcomes["activitiesPerFocusArea"]}
    return {
        "focusAreas": [
            {
                "focusAreaId": focus,
                "title": titles.get(focus, focus),
                "indicators": [
                    {name: i[name] for name in _INDICATOR}
                    for i in outcomes["indicators"]
                    if i["focusAreaId"] == focus
                ],
            }
            for focus in sorted(serves)
        ],
        "safetyIndex": [_trend(area, outcomes["safetyIndex"]) for area in sorted(areas)],
    }


_INDICATOR = ("indicatorId", "name", "unit", "direction", "target", "latest", "onTarget")


def _trend(area: str, results: Sequence[Doc]) -> Doc:
    """An area's latest safety-index result against the one before (by period)."""
    found = sorted((r for r in results if r["areaId"] == area), key=lambda r: r["period"])
    latest = found[-1] if found else None
    before = found[-2] if len(found) > 1 else None
    return {
        "areaId": area,
        "period": latest["period"] if latest else None,
        "feelingSafe": latest["feelingSafe"] if latest else None,
        "previousPeriod": before["period"] if before else None,
        "previousFeelingSafe": before["feelingSafe"] if before else None,
        "change": round(latest["feelingSafe"] - before["feelingSafe"], 1)
        if latest and before
        else None,
    }


def window_of(since: date | None, until: date | None, today: date) -> Window:
    return Window(
        since.isoformat() if since else None,
        until.isoformat() if until else None,
        today.isoformat(),
    )


async def by_sector(
    conn: AsyncConnection, tenants: Sequence[str], first_month: str | None, last_month: str
) -> dict[str, dict[str, int]]:
    """The national table's counts: per municipality and sector, how many contributions
    its actors made in the months (``Tally.count``), never per actor. Restricted
    incidents' roles and tasks are not counted at all."""
    since = f"{first_month}-01" if first_month else None
    window = Window(since, f"{last_month}-31", today=f"{last_month}-31")
    counts: dict[str, dict[str, int]] = {}
    for tenant, records in (await Records.of_each(conn, tenants)).items():
        sectors = {a["actorId"]: a["sector"] for a in records.actors}
        found: dict[str, int] = defaultdict(int)
        for actor, figures in tally(records, window, area=None, reader=None).items():
            if actor in sectors:
                found[sectors[actor]] += figures.count()
        counts[tenant] = dict(found)
    return counts
