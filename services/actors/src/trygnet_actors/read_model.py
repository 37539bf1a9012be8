"""The actors service's current state, changed in the same transaction as each append.

``update_state`` applies each appended event to the tables (``tables.py``). When a
writer races past the domain's natural-key check (PostgreSQL runs concurrent commands
side by side), the loser's insert or update fails on the tables' unique index in its
own transaction and is answered 409 naming the field; nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import Table, delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_actors.domain import events as ev
from trygnet_actors.domain.actor import external_id_taken
from trygnet_actors.domain.area import name_key, name_taken
from trygnet_actors.domain.events import catalogue
from trygnet_actors.tables import (
    AREA_NAME_IN_USE,
    EXTERNAL_ID_IN_USE,
    actor_tags,
    actors,
    areas,
    contacts,
)
from trygnet_core.envelope import RecordedEvent
from trygnet_core.errors import Conflict

_ACTOR_DETAILS = (
    "name",
    "sector",
    "department",
    "parent_actor_id",
    "description",
    "phone",
    "email",
    "website",
    "external_id",
)


async def update_state(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
    """The store's state updater: apply each appended event to the tables.

    New rows (areas, actors with their tags, contacts) are collected and inserted
    many at a time; any other event first flushes them, so order is kept.
    """
    new_rows = _NewRows()
    try:
        for stored in recorded:
            event = catalogue.decode(stored.type, stored.data)
            if not new_rows.take(stored, event):
                await new_rows.flush(conn)
                await _apply(conn, stored, event)
        await new_rows.flush(conn)
    except IntegrityError as error:
        taken = _taken(error)
        if taken is None:
            raise
        raise taken from None


def _taken(error: IntegrityError) -> Conflict | None:
    """A natural key another writer took first, as the domain would have said it."""
    said = str(error.orig)
    if EXTERNAL_ID_IN_USE in said or "actors.tenant_id, actors.external_id" in said:
        return external_id_taken()
    if AREA_NAME_IN_USE in said or "areas.tenant_id, areas.name_key" in said:
        return name_taken()
    return None


class _NewRows:
    def __init__(self) -> None:
        self.rows: dict[Table, list[dict[str, Any]]] = {
            areas: [],
            actors: [],
            actor_tags: [],
            contacts: [],
        }

    def take(self, stored: RecordedEvent, event: Any) -> bool:
        """Collect the rows a creating event inserts; False for any other event."""
        tenant, version = stored.tenant_id, stored.version
        match event:
            case ev.AreaDefined():
                self.rows[areas].append(
                    {
                        "tenant_id": tenant,
                        "area_id": event.area_id,
                        "name": event.name,
                        "name_key": name_key(event.name),
                        "kind": event.kind.value,
                        "outline": event.outline,
                        "population": event.population,
                        "retired": False,
                        "version": version,
                    }
                )
            case ev.ActorRegistered():
                row = {name: _plain(getattr(event, name)) for name in _ACTOR_DETAILS}
                self.rows[actors].append(
                    {
                        "tenant_id": tenant,
                        "actor_id": event.actor_id,
                        "levels": _plain(event.levels),
                        "areas": list(event.areas),
                        "themes": _plain(event.themes),
                        "status": "active",
                        "merged_into": None,
                        "merged_from": [],
                        "search_text": _search_text(row),
                        "version": version,
                        **row,
                    }
                )
                self.rows[actor_tags] += _tag_rows(
                    tenant, event.actor_id, area=event.areas, level=event.levels, theme=event.themes
                )
            case ev.ContactAdded():
                personal = {
                    name: getattr(event, name) for name in ("name", "title", "phone", "email")
                }
                self.rows[contacts].append(
                    {
                        "tenant_id": tenant,
                        "contact_id": event.contact_id,
                        "actor_id": event.actor_id,
                        "legal_basis": event.legal_basis.value,
                        "personal": personal,
                        "status": "active",
                        "version": version,
                    }
                )
            case _:
                return False
        return True

    async def flush(self, conn: AsyncConnection) -> None:
        for table, rows in self.rows.items():
            if rows:
                await conn.execute(_INSERTS[table], rows)
                rows.clear()


_INSERTS: Final = {table: insert(table) for table in (areas, actors, actor_tags, contacts)}
"""Each table's insert, built once (a statement is immutable; building it per flush
was a tenth of the read model's CPU per command)."""


async def _apply(conn: AsyncConnection, stored: RecordedEvent, event: Any) -> None:
    tenant, version = stored.tenant_id, stored.version
    match event:
        case ev.AreaRenamed():
            await _area(
                conn,
                tenant,
                event.area_id,
                name=event.name,
                name_key=name_key(event.name),
                version=version,
            )
        case ev.AreaRetired():
            await _area(conn, tenant, event.area_id, retired=True, version=version)
        case ev.ActorDetailsChanged():
            await _actor(conn, tenant, event.actor_id, version, **event.changes)
        case ev.ActorAreasSet():
            await _actor(conn, tenant, event.actor_id, version, areas=list(event.areas))
            await _tags(conn, tenant, event.actor_id, area=event.areas)
        case ev.ActorLevelsSet():
            await _actor(conn, tenant, event.actor_id, version, levels=_plain(event.levels))
            await _tags(conn, tenant, event.actor_id, level=event.levels)
        case ev.ActorThemesSet():
            await _actor(conn, tenant, event.actor_id, version, themes=_plain(event.themes))
            await _tags(conn, tenant, event.actor_id, theme=event.themes)
        case ev.ActorDeactivated():
            await _actor(conn, tenant, event.actor_id, version, status="inactive")
        case ev.ActorReactivated():
            await _actor(conn, tenant, event.actor_id, version, status="active")
        case ev.ActorMerged():
            await _actor(
                conn,
                tenant,
                event.actor_id,
                version,
                status="merged",
                merged_into=event.survivor_id,
            )
            await conn.execute(
                delete(actor_tags).where(
                    actor_tags.c.tenant_id == tenant, actor_tags.c.actor_id == event.actor_id
                )
            )
        case ev.ActorAbsorbed():
            await _absorb(conn, tenant, event, version)
        case ev.ContactChanged():
            await _change_contact(conn, tenant, event, version)
        case ev.ContactMoved():
            await _contact(conn, tenant, event.contact_id, version, actor_id=event.actor_id)
        case ev.ContactRemoved():
            await _contact(conn, tenant, event.contact_id, version, status="removed")
        case ev.ContactErased():
            await _contact(conn, tenant, event.contact_id, version, status="erased", personal={})


async def _area(conn: AsyncConnection, tenant: str, area_id: str, **values: Any) -> None:
    await conn.execute(
        update(areas)
        .where(areas.c.tenant_id == tenant, areas.c.area_id == area_id)
        .values(**values)
    )


async def _actor(
    conn: AsyncConnection, tenant: str, actor_id: str, version: int, **values: Any
) -> None:
    where = (actors.c.tenant_id == tenant, actors.c.actor_id == actor_id)
    if set(values) & {"name", "department", "description"}:
        current = (await conn.execute(actors.select().where(*where))).one()._asdict()
        current.update(values)
        values["search_text"] = _search_text(current)
    await conn.execute(update(actors).where(*where).values(version=version, **values))


async def _absorb(
    conn: AsyncConnection, tenant: str, event: ev.ActorAbsorbed, version: int
) -> None:
    row = (
        await conn.execute(
            actors.select().where(actors.c.tenant_id == tenant, actors.c.actor_id == event.actor_id)
        )
    ).one()
    merged = {
        "areas": list(dict.fromkeys([*row.areas, *event.areas])),
        "levels": list(dict.fromkeys([*row.levels, *_plain(event.levels)])),
        "themes": list(dict.fromkeys([*row.themes, *_plain(event.themes)])),
    }
    await _actor(
        conn,
        tenant,
        event.actor_id,
        version,
        merged_from=[*row.merged_from, event.merged_actor_id],
        **merged,
    )
    await _tags(
        conn,
        tenant,
        event.actor_id,
        area=merged["areas"],
        level=merged["levels"],
        theme=merged["themes"],
    )


async def _tags(conn: AsyncConnection, tenant: str, actor_id: str, **kinds: Sequence[Any]) -> None:
    """Replace the actor's tags of the given kinds."""
    await conn.execute(
        delete(actor_tags).where(
            actor_tags.c.tenant_id == tenant,
            actor_tags.c.actor_id == actor_id,
            actor_tags.c.kind.in_(sorted(kinds)),
        )
    )
    rows = _tag_rows(tenant, actor_id, **kinds)
    if rows:
        await conn.execute(insert(actor_tags), rows)


def _tag_rows(tenant: str, actor_id: str, **kinds: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {"tenant_id": tenant, "actor_id": actor_id, "kind": kind, "value": str(_plain(v))}
        for kind, values in kinds.items()
        for v in dict.fromkeys(values)
    ]


async def _contact(
    conn: AsyncConnection, tenant: str, contact_id: str, version: int, **values: Any
) -> None:
    await conn.execute(
        update(contacts)
        .where(contacts.c.tenant_id == tenant, contacts.c.contact_id == contact_id)
        .values(version=version, **values)
    )


async def _change_contact(
    conn: AsyncConnection, tenant: str, event: ev.ContactChanged, version: int
) -> None:
    row = (
        await conn.execute(
            contacts.select().where(
                contacts.c.tenant_id == tenant, contacts.c.contact_id == event.contact_id
            )
        )
    ).one()
    personal = dict(row.personal)
    personal.update(
        {
            n: getattr(event, n)
            for n in ("name", "title", "phone", "email")
            if getattr(event, n) is not None
        }
    )
    personal.update({n: None for n in event.cleared})
    values: dict[str, Any] = {"personal": personal}
    if event.legal_basis is not None:
        values["legal_basis"] = event.legal_basis.value
    await _contact(conn, tenant, event.contact_id, version, **values)


def _search_text(row: dict[str, Any]) -> str:
    return " ".join(str(row.get(k) or "") for k in ("name", "department", "description")).lower()


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return getattr(value, "value", value)
