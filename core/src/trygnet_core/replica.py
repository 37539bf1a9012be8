"""A service's own copy of the areas and actors it refers to (activities, incidents).

Kept by consuming ``trygnet.actors`` with the kernel's consumer (each event
applied once, in stream order, in the same transaction as its position), so
that a reference to an actor or area is checked in the service itself, with no
synchronous call to the actors service. Only what checking needs is kept: names,
status, and for a merged actor its survivor. No contact person's data ever comes here.

A service that keeps the replica creates its tables in one of its own migrations
with ``create_tables()``, and runs ``ActorReplica`` as the handler of a ``Consumer``
of ``trygnet.actors``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Boolean, Column, MetaData, String, bindparam, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.checks import References, name_key
from trygnet_core.database import upsert
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.tenancy import TenantId, tenant_table

metadata = MetaData()
_MAX_MERGE_CHAIN = 16
_wakes: weakref.WeakKeyDictionary[Engine, Callable[[], None]] = weakref.WeakKeyDictionary()
"""Per database, what wakes the consumer that keeps its replica (``wake_on_unknown``)."""

known_areas = tenant_table(
    "known_areas",
    metadata,
    Column("area_id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("retired", Boolean, nullable=False),
)

known_actors = tenant_table(
    "known_actors",
    metadata,
    Column("actor_id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("sector", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("merged_into", String(80), nullable=True),
)


class ActorReplica:
    """The consumer's handler for ``trygnet.actors``: keeps the two tables above."""

    reads = {
        "actors": frozenset(
            {
                *("AreaDefined", "AreaRenamed", "AreaRetired"),
                *("ActorRegistered", "ActorDetailsChanged", "ActorAreasSet", "ActorLevelsSet"),
                *("ActorThemesSet", "ActorDeactivated", "ActorReactivated", "ActorMerged"),
                *("ActorAbsorbed", "ContactAdded", "ContactChanged", "ContactMoved"),
                *("ContactRemoved", "ContactErased"),
            }
        )
    }
    """Every event of the actors service, those passed over too: the consumer
    dead-letters any other type (or a newer schema version) instead of letting it take
    a stream's next version (``trygnet_core.consumer``)."""

    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        for received in events:
            if received.service == "actors":
                await self._apply(
                    conn, received.event.tenant_id, received.event.type, received.event.data
                )

    async def _apply(self, conn: AsyncConnection, tenant: str, kind: str, data: Any) -> None:
        match kind:
            case "AreaDefined":
                await upsert(
                    conn,
                    known_areas,
                    [
                        {
                            "tenant_id": tenant,
                            "area_id": data["area_id"],
                            "name": data["name"],
                            "retired": False,
                        }
                    ],
                    keys=("tenant_id", "area_id"),
                )
            case "AreaRenamed":
                await self._area(conn, tenant, data["area_id"], name=data["name"])
            case "AreaRetired":
                await self._area(conn, tenant, data["area_id"], retired=True)
            case "ActorRegistered":
                await upsert(
                    conn,
                    known_actors,
                    [
                        {
                            "tenant_id": tenant,
                            "actor_id": data["actor_id"],
                            "name": data["name"],
                            "sector": data["sector"],
                            "status": "active",
                            "merged_into": None,
                        }
                    ],
                    keys=("tenant_id", "actor_id"),
                )
            case "ActorDetailsChanged":
                changes = {
                    k: data["changes"][k] for k in ("name", "sector") if k in data["changes"]
                }
                if changes:
                    await self._actor(conn, tenant, data["actor_id"], **changes)
            case "ActorDeactivated":
                await self._actor(conn, tenant, data["actor_id"], status="inactive")
            case "ActorReactivated":
                await self._actor(conn, tenant, data["actor_id"], status="active")
            case "ActorMerged":
                await self._actor(
                    conn, tenant, data["actor_id"], status="merged", merged_into=data["survivor_id"]
                )

    async def _area(self, conn: AsyncConnection, tenant: str, area_id: str, **values: Any) -> None:
        await conn.execute(
            update(known_areas)
            .where(known_areas.c.tenant_id == tenant, known_areas.c.area_id == area_id)
            .values(**values)
        )

    async def _actor(
        self, conn: AsyncConnection, tenant: str, actor_id: str, **values: Any
    ) -> None:
        await conn.execute(
            update(known_actors)
            .where(known_actors.c.tenant_id == tenant, known_actors.c.actor_id == actor_id)
            .values(**values)
        )


def named(command: object, *fields: str) -> set[str]:
    """The ids ``command`` names in ``fields``, for ``look_up`` (a field it does not have
    names none)."""
    return {value for name in fields if isinstance(value := getattr(command, name, None), str)}


async def look_up(
    conn: AsyncConnection, *, tenant: TenantId, area_ids: Iterable[str], actor_ids: Iterable[str]
) -> References:
    """Areas in use, and actors that exist, with merged ones resolved to their survivors.

    Two queries for the areas and actors named, then one more per link of a merge
    chain (rare: a survivor that was itself merged later).
    """
    areas = sorted(set(area_ids))
    actors = set(actor_ids)
    found_areas: set[str] = set()
    if areas:
        rows = await conn.execute(_AREAS_IN_USE, {"tenant": tenant, "ids": areas})
        found_areas = {row.area_id for row in rows}
    wanted = set(actors)
    found_actors: set[str] = set()
    survivors: dict[str, str] = {}
    merged_from: dict[str, str] = {}
    for _ in range(_MAX_MERGE_CHAIN):
        if not wanted:
            break
        actor_rows = (
            await conn.execute(_ACTORS_NAMED, {"tenant": tenant, "ids": sorted(wanted)})
        ).all()
        wanted = set()
        for row in actor_rows:
            found_actors.add(row.actor_id)
            if row.merged_into:
                origin = merged_from.get(row.actor_id, row.actor_id)
                survivors[origin] = row.merged_into
                merged_from[row.merged_into] = origin
                wanted.add(row.merged_into)
    unknown = not found_areas.issuperset(areas) or not found_actors.issuperset(actors)
    if unknown and (wake := _wakes.get(conn.engine.sync_engine)):
        wake()
    return References(
        areas=frozenset(found_areas), actors=frozenset(found_actors), survivors=survivors
    )


_AREAS_IN_USE = select(known_areas.c.area_id).where(
    known_areas.c.tenant_id == bindparam("tenant"),
    known_areas.c.area_id.in_(bindparam("ids", expanding=True)),
    known_areas.c.retired.is_(False),
)
_ACTORS_NAMED = select(known_actors.c.actor_id, known_actors.c.merged_into).where(
    known_actors.c.tenant_id == bindparam("tenant"),
    known_actors.c.actor_id.in_(bindparam("ids", expanding=True)),
)
"""``look_up``'s statements, built once (every command naming an area or actor asks)."""


def wake_on_unknown(engine: AsyncEngine, wake: Callable[[], None]) -> None:
    """Have ``look_up`` call ``wake`` when a command names an area or actor that the
    replica in ``engine``'s database does not hold: the consumer keeping it may be at
    rest (``consumer_fetching.Rest``) while the actors service has just registered it.
    The command is still refused, as it always was; woken, the replica has it for the
    client's retry a moment later, rather than after the rest runs out."""
    _wakes[engine.sync_engine] = wake


def create_tables() -> None:
    """Create the replica's tables; called from a service's Alembic revision."""
    from alembic import op

    metadata.create_all(op.get_bind(), tables=[known_areas, known_actors])


def drop_tables() -> None:
    from alembic import op

    metadata.drop_all(op.get_bind(), tables=[known_areas, known_actors])


async def area_ids_by_name(conn: AsyncConnection, *, tenant: TenantId) -> dict[str, str]:
    """The areas in use, found by id or by name as the areas' own rule compares names
    (``name_key``: case and runs of spaces do not count), for imports that name them."""
    rows = await conn.execute(
        select(known_areas.c.area_id, known_areas.c.name).where(
            known_areas.c.tenant_id == tenant, known_areas.c.retired.is_(False)
        )
    )
    found: dict[str, str] = {}
    for row in rows:
        found[name_key(row.name)] = row.area_id
        found[name_key(row.area_id)] = row.area_id
    return found
