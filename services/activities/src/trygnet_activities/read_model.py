"""Current state of every stream as a document, changed in the same transaction as its append.

The service has six kinds of things (partnerships, fora, activities, safety walks,
the strategy, survey waves) and users list them filtered by area, theme, status,
level, focus area and owner. Rather than a table per kind, the state updater folds
each appended-to stream with its own rules and keeps the result as one JSON
document, and the filterable values as rows of ``document_tags``. Personal fields
stay sealed in the document (erasure shreds them here too) and open on read.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, Column, Index, Integer, MetaData, String, Table, delete, insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_activities.domain import (
    activity,
    forum,
    hourly_rate,
    partnership,
    practice,
    safety_walk,
    strategy,
    support_offer,
    survey,
)
from trygnet_activities.domain.events import catalogue
from trygnet_core.envelope import RecordedEvent
from trygnet_core.store import EventStore, StateUpdater
from trygnet_core.tenancy import TenantId

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("stream_id", String(200), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("title", String(300), nullable=False),
    Column("body", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_documents_kind", "tenant_id", "kind", "title"),
)

document_tags = Table(
    "document_tags",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("stream_id", String(200), primary_key=True),
    Column("tag", String(20), primary_key=True),
    Column("value", String(200), primary_key=True),
    Index("ix_document_tags_lookup", "tenant_id", "tag", "value"),
)

RULES = {
    "Partnership": partnership,
    "Forum": forum,
    "Activity": activity,
    "SafetyWalk": safety_walk,
    "Strategy": strategy,
    "SurveyWave": survey,
    "HourlyRate": hourly_rate,
    "Practice": practice,
    "SupportOffer": support_offer,
}
#: Which state fields become which filter tags (lists and single values alike).
TAGS = {
    "areas": "area",
    "area_id": "area",
    "themes": "theme",
    "status": "status",
    "level": "level",
    "focus_areas": "focus_area",
    "owner_actor_id": "owner",
    "coordinator_actor_id": "owner",
}
_TITLES = ("title", "name")


def documents_of(store: EventStore) -> StateUpdater:
    """The store's state updater: refold each stream touched, read through the store in
    the append's transaction (upcast as every reader gets it), and store its document."""

    async def update_documents(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
        touched: dict[tuple[TenantId, str], str] = {}
        for event in recorded:
            touched[(event.tenant_id, event.stream_id)] = event.stream_type
        for (tenant, stream_id), stream_type in touched.items():
            history = await store.read_stream(conn, tenant=tenant, stream_id=stream_id)
            state = RULES[stream_type].fold(catalogue.decode(e.type, e.data) for e in history)
            await _store(conn, tenant, stream_id, stream_type, state, version=history[-1].version)

    return update_documents


async def _store(
    conn: AsyncConnection, tenant: str, stream_id: str, kind: str, state: Any, *, version: int
) -> None:
    body = plain(state)
    title = next((str(body[name]) for name in _TITLES if body.get(name)), stream_id)
    where = (documents.c.tenant_id == tenant, documents.c.stream_id == stream_id)
    changed = await conn.execute(
        update(documents).where(*where).values(title=title, body=body, version=version)
    )
    if not changed.rowcount:
        await conn.execute(
            insert(documents).values(
                tenant_id=tenant,
                stream_id=stream_id,
                kind=kind,
                title=title,
                body=body,
                version=version,
            )
        )
    await conn.execute(
        delete(document_tags).where(
            document_tags.c.tenant_id == tenant, document_tags.c.stream_id == stream_id
        )
    )
    tags = {(tag, str(value)) for name, tag in TAGS.items() for value in _values(body.get(name))}
    if tags:
        await conn.execute(
            insert(document_tags),
            [
                {"tenant_id": tenant, "stream_id": stream_id, "tag": tag, "value": value}
                for tag, value in sorted(tags)
            ],
        )


def plain(value: Any) -> Any:
    """A state as JSON: dataclasses as objects, enums as their values, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list | set | frozenset):
        return [plain(v) for v in value]
    return value


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
