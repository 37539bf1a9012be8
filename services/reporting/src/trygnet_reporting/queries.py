"""The reports of one municipality read straight from its documents: the documents of
a kind (``docs_of``), merged actors followed to their survivors, the directory of
active actors and the safety-walk figures. Each function takes the tenant from the
caller's principal; nothing here reads another tenant's documents (the national
figures, across tenants, are ``national``). Figures that are cheap are computed on
every read (a municipality has tens of actors and activities, hundreds of
incidents); the other reports are ``network_report`` (the cached collaboration
network and the coordination gaps), ``incident_response_report`` and ``outcomes_report``.
"""

from __future__ import annotations

import statistics
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Text, bindparam, cast, select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.json_text import loads
from trygnet_core.tenancy import TenantId
from trygnet_reporting import standing
from trygnet_reporting.report_documents import report_docs

Doc = dict[str, Any]


async def docs_of(conn: AsyncConnection, tenant: TenantId, kind: str) -> list[Doc]:
    return (await docs_of_kinds(conn, tenant, (kind,)))[kind]


async def docs_of_kinds(
    conn: AsyncConnection,
    tenant: TenantId,
    kinds: Iterable[str],
    *,
    read_before: ReadBefore | None = None,
) -> dict[str, list[Doc]]:
    """The tenant's documents of each of ``kinds`` (each list in id order), in one
    query: a report made from several kinds pays one round trip, not one a kind. With
    ``read_before``, a document whose text it parsed last time is that same object:
    such documents are shared, to be read and never changed."""
    found: dict[str, list[Doc]] = {kind: [] for kind in kinds}
    given = {"tenant": tenant, "kinds": sorted(found)}
    rows = (await conn.execute(_DOCS_OF_KINDS, given)).all()  # one fetch, not one a row
    texts = [text for _, text in rows]
    docs = [loads(t) for t in texts] if read_before is None else read_before(tenant, texts)
    for (kind, _), doc in zip(rows, docs, strict=True):
        found[kind].append(doc)
    return found


_DOCS_OF_KINDS = (
    select(report_docs.c.kind, cast(report_docs.c.body, Text))  # parsed by ``loads`` here
    .where(
        report_docs.c.tenant_id == bindparam("tenant"),
        report_docs.c.kind.in_(bindparam("kinds", expanding=True)),
    )
    .order_by(report_docs.c.kind, report_docs.c.doc_id)
)


class ReadBefore:
    """Documents parsed only when their text is new: between two computations of a
    municipality's network most of its hundreds of documents have not changed, and
    parsing them was a third of the computation. The parsed documents of the
    ``tenants`` asked for last are kept, each by its text (what a municipality no
    longer holds is dropped when it is next asked for)."""

    def __init__(self, tenants: int = 64) -> None:
        self.tenants = tenants
        self._kept: OrderedDict[str, dict[str, Doc]] = OrderedDict()

    def __call__(self, tenant: str, texts: Iterable[str]) -> list[Doc]:
        """The document of each text, parsed unless it was parsed last time."""
        before = self._kept.pop(tenant, {})
        now: dict[str, Doc] = {}
        for text in texts:
            doc = before.get(text)
            now[text] = loads(text) if doc is None else doc
        self._kept[tenant] = now
        while len(self._kept) > self.tenants:
            self._kept.popitem(last=False)
        return [now[text] for text in texts]


def survivors_of(actors: Iterable[Doc]) -> dict[str, str]:
    """Merged actor id → the id it answers to now (through every merge)."""
    merged = {a["actorId"]: a["mergedInto"] for a in actors if a.get("mergedInto")}

    def follow(actor_id: str) -> str:
        seen = {actor_id}
        while actor_id in merged and merged[actor_id] not in seen:
            actor_id = merged[actor_id]
            seen.add(actor_id)
        return actor_id

    return {actor_id: follow(actor_id) for actor_id in merged}


def in_area(doc: Mapping[str, Any], area: str | None) -> bool:
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
    found = await docs_of_kinds(conn, tenant, ("actor", "group", "area"))
    actors, groups = found["actor"], found["group"]
    areas = {a["areaId"]: a for a in found["area"]}
    doing: dict[str, list[dict[str, str]]] = defaultdict(list)
    for group in groups:
        if live(group) and (area is None or area in group["areas"] or not group["areas"]):
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


def live(group: Mapping[str, Any]) -> bool:
    return group["status"] not in ("ended",)


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
