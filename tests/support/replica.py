"""Seed a service's replica of the actors service directly, for tests of one service alone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.database import upsert
from trygnet_core.replica import known_actors, known_areas


async def seed_replica(
    engine: AsyncEngine,
    *,
    tenant: str,
    areas: Iterable[str] | Mapping[str, str],
    actors: Iterable[str],
    merged: Mapping[str, str] | None = None,
) -> None:
    """Areas in use (ids, or ids → names) and active actors (named by their ids);
    ``merged`` maps an old actor to its survivor."""
    merged = merged or {}
    names = dict(areas) if isinstance(areas, Mapping) else {area: area for area in areas}
    async with engine.begin() as conn:
        await upsert(
            conn,
            known_areas,
            [
                {"tenant_id": tenant, "area_id": area, "name": name, "retired": False}
                for area, name in names.items()
            ],
            keys=("tenant_id", "area_id"),
        )
        await upsert(
            conn,
            known_actors,
            [
                {
                    "tenant_id": tenant,
                    "actor_id": actor,
                    "name": actor,
                    "sector": "other",
                    "status": "merged" if actor in merged else "active",
                    "merged_into": merged.get(actor),
                }
                for actor in actors
            ],
            keys=("tenant_id", "actor_id"),
        )
