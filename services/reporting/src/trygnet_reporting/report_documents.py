"""The projections' documents: the ``report_docs`` table and the batch's working set.

Every stream of the other services becomes one document here (an actor, an activity,
a forum, an incident, a safety walk...), plus one per safety-index result and per
indicator measurement, in one table, ``report_docs`` (tenant, kind, id → JSON).
``Docs`` reads every document a batch touches in one query, keeps the changes in
memory and writes the changed documents back in two statements (delete, insert).
``network_cache`` holds the network figures computed from the documents; a change
marks them stale (``mark_stale``) and the next read recomputes them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    Index,
    MetaData,
    String,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.keys_in import key_chunks, keys_in
from trygnet_core.tenancy import tenant_table

metadata = MetaData()

report_docs = tenant_table(
    "report_docs",
    metadata,
    Column("kind", String(30), primary_key=True),
    Column("doc_id", String(300), primary_key=True),
    Column("body", JSON, nullable=False),
    Index("ix_report_docs_kind", "kind", "tenant_id"),
)

network_cache = tenant_table(
    "network_cache",
    metadata,
    Column("area_key", String(80), primary_key=True),
    Column("body", JSON, nullable=True),
    Column("computed_at", Float, nullable=False),
    Column("stale", Boolean, nullable=False),
)

ALL_AREAS = "*"
"""The ``network_cache`` key of a tenant's whole network."""

DocKey = tuple[str, str, str]
"""(tenant, kind, id)"""


@dataclass
class Docs:
    """The batch's working set: documents read once, changed in memory, written once."""

    found: dict[DocKey, dict[str, Any] | None] = field(default_factory=dict)
    changed: set[DocKey] = field(default_factory=set)

    async def load(self, conn: AsyncConnection, keys: Iterable[DocKey]) -> None:
        wanted = sorted(set(keys) - set(self.found))
        for chunk in key_chunks(wanted):
            rows = (await conn.execute(_DOCS, {"keys": chunk})).all()  # one fetch
            for row in rows:
                self.found[(row.tenant_id, row.kind, row.doc_id)] = copy.deepcopy(row.body)
            for key in chunk:
                self.found.setdefault(key, None)

    def get(self, key: DocKey) -> dict[str, Any] | None:
        return self.found.get(key)

    def put(self, key: DocKey, body: dict[str, Any]) -> dict[str, Any]:
        self.found[key] = body
        self.changed.add(key)
        return body

    def touch(self, key: DocKey) -> dict[str, Any] | None:
        """The document, marked to be written back (the caller changes it in place)."""
        body = self.found.get(key)
        if body is not None:
            self.changed.add(key)
        return body

    def drop(self, key: DocKey) -> None:
        self.found[key] = None
        self.changed.add(key)

    async def flush(self, conn: AsyncConnection) -> None:
        if not self.changed:
            return
        keys = sorted(self.changed)
        await conn.execute(
            delete(report_docs).where(
                report_docs.c.tenant_id == bindparam("t"),
                report_docs.c.kind == bindparam("k"),
                report_docs.c.doc_id == bindparam("d"),
            ),
            [{"t": t, "k": k, "d": d} for t, k, d in keys],
        )
        rows = [
            {"tenant_id": t, "kind": k, "doc_id": d, "body": self.found[(t, k, d)]}
            for t, k, d in keys
            if self.found[(t, k, d)] is not None
        ]
        if rows:
            await conn.execute(insert(report_docs), rows)
        self.changed.clear()


# Statements built once, with bound parameters: a batch and a reader pay no building.
_DOCS = select(report_docs).where(
    keys_in((report_docs.c.tenant_id, report_docs.c.kind, report_docs.c.doc_id))
)
_STALE_TENANT = (
    update(network_cache).where(network_cache.c.tenant_id == bindparam("tenant")).values(stale=True)
)
_STALE_AREAS = (
    update(network_cache)
    .where(
        network_cache.c.tenant_id == bindparam("tenant"),
        network_cache.c.area_key.in_(bindparam("areas", expanding=True)),
    )
    .values(stale=True)
)


@dataclass
class Touched:
    """Which network figures a batch made stale: per tenant, the areas (``*``: all)."""

    areas: dict[str, set[str]] = field(default_factory=dict)

    def add(self, tenant: str, areas: Iterable[str]) -> None:
        self.areas.setdefault(tenant, set()).update(areas or [ALL_AREAS])


async def hold_networks(conn: AsyncConnection, tenants: Iterable[str]) -> None:
    """Hold the network figures of ``tenants`` until the transaction ends, so that a batch
    marking them stale and a reader recomputing them take turns.

    Without it, on PostgreSQL (each statement seeing what was committed before it), a
    batch could commit its documents and its stale marks while a reader was between
    reading the documents and caching what it computed from them: the cache would then
    say fresh without that batch, and a reader waiting for the batch's events
    (``atLeast``) would be answered the network without them. Holding first, the reader
    either reads after the batch committed, or the batch marks the figures stale after
    the reader has cached them. Tenants are held in sorted order (no two transactions
    wait on each other). SQLite's writers of one process take turns already."""
    if conn.dialect.name != "postgresql":
        return
    for tenant in sorted(set(tenants)):
        await conn.execute(_HOLD, {"key": f"trygnet.network:{tenant}"})


_HOLD = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


async def mark_stale(conn: AsyncConnection, touched: Touched) -> None:
    """Mark the network figures of the touched tenants and areas stale (and the whole
    tenant's): the next read recomputes them."""
    await hold_networks(conn, touched.areas.keys())
    for tenant, areas in touched.areas.items():
        if ALL_AREAS in areas:
            await conn.execute(_STALE_TENANT, {"tenant": tenant})
        else:
            await conn.execute(
                _STALE_AREAS, {"tenant": tenant, "areas": sorted({*areas, ALL_AREAS})}
            )
