"""Current state of every stream as a document, changed in the same transaction as its append.

The service has six kinds of things (partnerships, fora, activities, safety walks,
the strategy, survey waves) and users list them filtered by area, theme, status,
level, focus area and owner. Rather than a table per kind, each stream's state is
kept as one JSON document, and the filterable values as rows of ``document_tags``.
An append moves each stream it touched on from its document by the new events only,
with the domain's own ``evolve``: the document is revived as the domain's state
(``trygnet_core.events.revive``, the inverse of ``plain``), so it is always what a
fold of the whole stream would give, without reading the stream. Personal fields stay
sealed in the document (erasing a subject deletes its key, so they read as erased
here too) and open on read.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Collection, Mapping, Sequence
from typing import Any, get_type_hints

from sqlalchemy import JSON, Column, Index, Integer, MetaData, String, bindparam
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
from trygnet_core.events import revive
from trygnet_core.keys_in import key_chunks, keys_in
from trygnet_core.store import EventStore, StateUpdater
from trygnet_core.tenancy import TenantId, tenant_table

metadata = MetaData()

documents = tenant_table(
    "documents",
    metadata,
    Column("stream_id", String(200), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("title", String(300), nullable=False),
    Column("body", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_documents_kind", "tenant_id", "kind", "title"),
)

document_tags = tenant_table(
    "document_tags",
    metadata,
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
#: Each kind's state type, as its ``fold`` answers it: what a stored document revives as
#: (and what the reads answer it as, camelCase).
STATES = {kind: get_type_hints(rules.evolve)["return"] for kind, rules in RULES.items()}
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
    """The store's state updater: each stream touched moves on from its stored document
    by the new events only (upcast as every reader gets them); a stream with no document
    yet starts from nothing. The documents are read in one query and written in one
    statement per kind of change. Should a document ever lag behind its stream (a
    version missed), that stream alone is refolded from its events."""

    async def update_documents(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
        touched: dict[tuple[str, str], list[RecordedEvent]] = {}
        for event in recorded:
            touched.setdefault((event.tenant_id, event.stream_id), []).append(event)
        stored = await _stored(conn, touched)
        changed: list[_Document] = []
        for (tenant, stream_id), new in touched.items():
            new.sort(key=lambda e: e.version)
            kind, first = new[0].stream_type, new[0].version
            rules = RULES[kind]
            found = stored.get((tenant, stream_id))
            state: Any = None
            if found is not None and found.version == first - 1:
                state = revive(STATES[kind], found.body)
            elif first != 1:  # the document lags: this stream only, from its events
                new = await store.read_stream(conn, tenant=TenantId(tenant), stream_id=stream_id)
            for event in new:
                upcast = store.upcasters.upcast(event)
                state = rules.evolve(state, catalogue.decode(upcast.type, upcast.data))
            changed.append(
                _Document(tenant, stream_id, kind, plain(state), new[-1].version, found is None)
            )
        await _write(conn, changed)

    return update_documents


@dataclasses.dataclass(frozen=True)
class _Document:
    tenant_id: str
    stream_id: str
    kind: str
    body: Any
    version: int
    new: bool = False

    @property
    def title(self) -> str:
        body = self.body if isinstance(self.body, dict) else {}
        return next((str(body[name]) for name in _TITLES if body.get(name)), self.stream_id)


async def _stored(
    conn: AsyncConnection, streams: Collection[tuple[str, str]]
) -> dict[tuple[str, str], _Document]:
    """The stored documents of ``streams`` (tenant, stream id), in one query (per
    ``KEYS_AT_ONCE`` streams: an import touches thousands)."""
    found: dict[tuple[str, str], _Document] = {}
    wanted = sorted(streams)
    for chunk in key_chunks(wanted):
        for row in (await conn.execute(_STORED, {"keys": chunk})).all():  # one fetch, not one a row
            key = (row.tenant_id, row.stream_id)
            found[key] = _Document(*key, row.kind, row.body, row.version)
    return found


# Built once; ``keys_in`` finds the streams through the key's index on SQLite too.
_STORED = documents.select().where(keys_in((documents.c.tenant_id, documents.c.stream_id)))
_UNTAG = document_tags.delete().where(
    keys_in((document_tags.c.tenant_id, document_tags.c.stream_id))
)
_UPDATE = documents.update().where(
    documents.c.tenant_id == bindparam("t"), documents.c.stream_id == bindparam("s")
)


async def _write(conn: AsyncConnection, changed: Sequence[_Document]) -> None:
    """The documents and their tags written: the existing ones updated, the new ones
    inserted, each in one statement; the tags replaced."""
    inserts = [
        {
            "tenant_id": d.tenant_id,
            "stream_id": d.stream_id,
            "kind": d.kind,
            "title": d.title,
            "body": d.body,
            "version": d.version,
        }
        for d in changed
        if d.new
    ]
    if inserts:
        await conn.execute(documents.insert(), inserts)
    updates = [
        {"t": d.tenant_id, "s": d.stream_id, "title": d.title, "body": d.body, "version": d.version}
        for d in changed
        if not d.new
    ]
    if updates:
        await conn.execute(_UPDATE, updates)
    streams = [(d.tenant_id, d.stream_id) for d in changed]
    for chunk in key_chunks(streams):
        await conn.execute(_UNTAG, {"keys": chunk})
    tags = [
        {"tenant_id": d.tenant_id, "stream_id": d.stream_id, "tag": tag, "value": value}
        for d in changed
        for tag, value in sorted(_tags(d.body))
    ]
    if tags:
        await conn.execute(document_tags.insert(), tags)


def _tags(body: Any) -> set[tuple[str, str]]:
    if not isinstance(body, dict):
        return set()
    return {(tag, str(value)) for name, tag in TAGS.items() for value in _values(body.get(name))}


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
