"""The collaboration network and the coordination gaps of one municipality, from the
same inputs (its actors, forums, activities, partnerships and the latest survey
wave's ratings). The network is cached per tenant and area (``network_cache``) and
recomputed only when an event touched them, at most once per ``interval`` seconds;
readers that ask for it at once share a recomputation (``Recomputations``); the rules
themselves are ``network`` and ``gaps``.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Text, bindparam, cast, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import trygnet_reporting.gaps as gap_rules
import trygnet_reporting.network as network_rules
from trygnet_core.database import read_only, upsert, writing
from trygnet_core.json_text import loads
from trygnet_core.tenancy import TenantId
from trygnet_reporting.queries import Doc, ReadBefore, docs_of_kinds, live, survivors_of
from trygnet_reporting.report_documents import ALL_AREAS, hold_networks, network_cache

T = TypeVar("T")


class Inputs(NamedTuple):
    """What the network and the gaps are computed from, the actors read once."""

    nodes: list[network_rules.Actor]
    groups: list[network_rules.Group]
    group_docs: list[Doc]
    names: dict[str, str]
    survivors: dict[str, str]
    """Merged actor id → the id it answers to now."""
    also: dict[str, list[Doc]]
    """The documents of the other kinds asked for, read in the same query."""


async def network_inputs(
    conn: AsyncConnection, tenant: TenantId, *, also: tuple[str, ...] = ()
) -> Inputs:
    kinds = ("actor", "group", "partnership", *also)
    found = await docs_of_kinds(conn, tenant, kinds, read_before=READ_BEFORE)
    actors, groups = found.pop("actor"), found.pop("group")
    partnerships = {p["partnershipId"]: p for p in found.pop("partnership")}
    survivors = survivors_of(actors)

    def who(ids: Iterable[str]) -> frozenset[str]:
        if not survivors:  # no actor merged into another: the ids as they are
            return frozenset(ids)
        return frozenset(survivors.get(i, i) for i in ids)

    def group(g: Doc) -> network_rules.Group:
        return network_rules.Group(
            group_id=g["groupId"],
            kind=g["kind"],
            title=g["title"],
            members=who(g["members"]),
            areas=frozenset(_group_areas(g, partnerships)),
            active=live(g),
        )

    # a group depends on the merges and the partnerships' areas (a forum's) too
    context = (
        tuple(sorted(survivors.items())),
        tuple((key, tuple(p["areas"])) for key, p in sorted(partnerships.items())),
    )
    nodes = BUILT.each((tenant, "actor"), (), actors, _actor)
    shared = BUILT.each((tenant, "group"), context, groups, group)
    names = {a["actorId"]: a["name"] for a in actors}
    return Inputs(nodes, shared, groups, names, survivors, found)


def _actor(a: Doc) -> network_rules.Actor:
    """An actor's document as the rules take it (id, name, sector, levels, areas, active)."""
    levels, areas = frozenset(a["levels"]), frozenset(a["areas"])
    active = a["status"] == "active"
    return network_rules.Actor(a["actorId"], a["name"], a["sector"], levels, areas, active)


class Built:
    """The actors and groups built from the documents ``READ_BEFORE`` gave, kept for the
    next computation: a document it gave again (the same object: its text unchanged),
    in the same ``context`` (for a group: the merged actors and the partnerships'
    areas), gives the same actor or group without building it again. Each entry holds
    its document, so no other object can take its id while it is kept; the ``kept``
    last (municipality, kind) are."""

    def __init__(self, kept: int = 128) -> None:
        self.kept = kept
        self._built: OrderedDict[tuple[str, str], tuple[Any, dict[int, tuple[Doc, Any]]]] = (
            OrderedDict()
        )

    def each(
        self, key: tuple[str, str], context: Any, docs: Sequence[Doc], build: Callable[[Doc], T]
    ) -> list[T]:
        """``build(doc)`` for each of ``docs``, or what it gave last time."""
        was_context, before = self._built.pop(key, (None, {}))
        if was_context != context:
            before = {}
        now: dict[int, tuple[Doc, Any]] = {}
        made: list[T] = []
        for doc in docs:
            hit = before.get(id(doc))
            one = hit[1] if hit is not None and hit[0] is doc else build(doc)
            now[id(doc)] = (doc, one)
            made.append(one)
        self._built[key] = (context, now)
        while len(self._built) > self.kept:
            self._built.popitem(last=False)
        return made


BUILT = Built()


READ_BEFORE = ReadBefore()
"""The networks' documents, each parsed once while its text stays the same."""


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
    inputs = await network_inputs(conn, tenant, also=("survey",))
    survey = _survey_ties(inputs.also["survey"], inputs.survivors)
    found: Doc = network_rules.collaboration_network(
        inputs.nodes, inputs.groups, area=area, survey=survey or None
    )
    return found


@dataclass
class _Shared:
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    started: int = 0
    """Recomputations begun: each counts itself before its transaction begins."""
    finished: int = 0
    """The number of the last one that finished, whose answer is ``answer``."""
    answer: tuple[Doc, float] | None = None


class Recomputations:
    """One recomputation of a network at a time per municipality and area, shared by
    the readers that waited for it.

    Readers right after writes (``atLeast``) find the network stale, and each used to
    recompute it whole, one after another behind SQLite's write lock. Now a reader waits
    for the turn; if a recomputation that *began after the reader arrived* finished
    meanwhile, its answer is the reader's: it read everything the reader's own writes
    had been applied with. Otherwise the reader recomputes, for itself and for those
    arriving while it does."""

    def __init__(self) -> None:
        self._shared: dict[tuple[str, str], _Shared] = {}
        self.count = 0
        """Recomputations made (what readers shared is not counted again)."""

    async def answer(self, engine: AsyncEngine, tenant: TenantId, area: str | None) -> Doc:
        shared = self._shared.setdefault((tenant, area or ALL_AREAS), _Shared())
        arrived = shared.started
        async with shared.turn:
            if shared.finished > arrived and shared.answer is not None:
                body, at = shared.answer
            else:
                shared.started += 1
                number = shared.started
                body, at = await recompute(engine, tenant, area)
                self.count += 1
                shared.finished, shared.answer = number, (body, at)
        return _fresh(body, at)


async def network(
    engine: AsyncEngine,
    tenant: TenantId,
    *,
    area: str | None,
    interval: float,
    fresh: bool = False,
    shared: Recomputations | None = None,
) -> Doc:
    """The collaboration network from the cache; recomputed when an event touched its
    tenant and area, but at most once per ``interval`` seconds unless ``fresh``; with
    ``shared``, readers asking at once share a recomputation."""
    key = area or ALL_AREAS
    async with read_only(engine) as conn:
        cached = (await conn.execute(_CACHED, {"tenant": tenant, "area": key})).first()
    now = time.time()
    if cached is not None and cached.body is not None:
        recent = now - cached.computed_at < interval
        if not cached.stale or (recent and not fresh):
            body = loads(cached.body)  # read only when answered: a stale one is not
            return {**body, "computedAt": _iso(cached.computed_at), "stale": cached.stale}
    if shared is not None:
        return await shared.answer(engine, tenant, area)
    return _fresh(*await recompute(engine, tenant, area))


_CACHED = select(
    cast(network_cache.c.body, Text).label("body"),
    network_cache.c.computed_at,
    network_cache.c.stale,
).where(
    network_cache.c.tenant_id == bindparam("tenant"), network_cache.c.area_key == bindparam("area")
)


async def recompute(engine: AsyncEngine, tenant: TenantId, area: str | None) -> tuple[Doc, float]:
    """The network computed now, and cached as fresh, in one transaction that holds the
    tenant's figures (``hold_networks``); its moment."""
    async with writing(engine) as conn:
        await hold_networks(conn, [tenant])
        now = time.time()
        body = await compute_network(conn, tenant, area)
        await cache_network(conn, tenant, area, body, now)
    return body, now


async def cache_network(
    conn: AsyncConnection, tenant: TenantId, area: str | None, body: Doc, at: float
) -> None:
    """Keep ``body`` as the network of ``tenant`` and ``area`` computed at ``at``, fresh."""
    row = {
        "tenant_id": tenant,
        "area_key": area or ALL_AREAS,
        "body": body,
        "computed_at": at,
        "stale": False,
    }
    await upsert(conn, network_cache, [row], keys=("tenant_id", "area_key"))


def _fresh(body: Doc, at: float) -> Doc:
    """A network as a reader is answered it, computed at ``at``."""
    return {**body, "computedAt": _iso(at), "stale": False}


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment).astimezone().isoformat(timespec="seconds")


async def coordination_gaps(
    conn: AsyncConnection, tenant: TenantId, *, area: str | None
) -> dict[str, Any]:
    inputs = await network_inputs(conn, tenant, also=("area",))
    survivors = inputs.survivors
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
        for g in inputs.group_docs
        if g["kind"] == "activity"
    ]
    # areas by name in the sentences (an area's name is no personal data: the actors
    # service publishes it in clear)
    area_names = {a["areaId"]: a["name"] for a in inputs.also["area"]}
    found = gap_rules.coordination_gaps(
        facts, inputs.groups, area=area, names=inputs.names, area_names=area_names
    )
    return {"areaId": area, "gaps": found, "count": len(found)}
