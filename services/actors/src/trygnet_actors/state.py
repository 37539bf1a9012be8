"""Current-state tables of the actors service, changed in the same transaction as each append.

Contacts' personal data stays sealed here too (the ``personal`` column holds the
sealed values from the events), so erasing a contact's key makes every row and
every event unreadable at once; reads open it in one key lookup per page.

The tables also hold the natural keys unique, for the writers that race past the
domain's check (PostgreSQL runs concurrent commands side by side): an external id
names one actor of a tenant that is not merged, an area name (``name_key``) one area
in use. The loser's insert or update fails in its own transaction and is answered
409 naming the field; nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_actors.domain import events as ev
from trygnet_actors.domain.actor import external_id_taken
from trygnet_actors.domain.area import name_key, name_taken
from trygnet_actors.domain.events import catalogue
from trygnet_core.envelope import RecordedEvent
from trygnet_core.errors import Conflict

metadata = MetaData()

areas = Table(
    "areas",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("area_id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=True),
    Column("kind", String(40), nullable=False),
    Column("outline", JSON, nullable=True),
    Column("population", Integer, nullable=True),
    Column("retired", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)
AREA_NAME_IN_USE = "ux_areas_tenant_name_in_use"
EXTERNAL_ID_IN_USE = "ux_actors_tenant_external_in_use"
_AREA_IN_USE = text("retired = false")
_ACTOR_NOT_MERGED = text("external_id IS NOT NULL AND status != 'merged'")
Index(
    AREA_NAME_IN_USE,
    areas.c.tenant_id,
    areas.c.name_key,
    unique=True,
    sqlite_where=_AREA_IN_USE,
    postgresql_where=_AREA_IN_USE,
)

actors = Table(
    "actors",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("actor_id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("sector", String(40), nullable=False),
    Column("department", String(200), nullable=True),
    Column("parent_actor_id", String(80), nullable=True),
    Column("levels", JSON, nullable=False),
    Column("areas", JSON, nullable=False),
    Column("themes", JSON, nullable=False),
    Column("description", Text, nullable=True),
    Column("phone", String(40), nullable=True),
    Column("email", String(254), nullable=True),
    Column("website", String(500), nullable=True),
    Column("external_id", String(200), nullable=True),
    Column("status", String(20), nullable=False),
    Column("merged_into", String(80), nullable=True),
    Column("merged_from", JSON, nullable=False),
    Column("search_text", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_actors_tenant_external", "tenant_id", "external_id"),
    Index("ix_actors_tenant_name", "tenant_id", "name"),
    Index(
        EXTERNAL_ID_IN_USE,
        "tenant_id",
        "external_id",
        unique=True,
        sqlite_where=_ACTOR_NOT_MERGED,
        postgresql_where=_ACTOR_NOT_MERGED,
    ),
)

#: One row per (actor, area | level | theme) so lists filter with an index.
actor_tags = Table(
    "actor_tags",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("actor_id", String(80), primary_key=True),
    Column("kind", String(10), primary_key=True),
    Column("value", String(80), primary_key=True),
    Index("ix_actor_tags_lookup", "tenant_id", "kind", "value"),
)

contacts = Table(
    "contacts",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("contact_id", String(80), primary_key=True),
    Column("actor_id", String(80), nullable=False),
    Column("legal_basis", String(40), nullable=False),
    Column("personal", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_contacts_tenant_actor", "tenant_id", "actor_id"),
)

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
                await conn.execute(insert(table), rows)
                rows.clear()


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
