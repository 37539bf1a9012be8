"""Reads of the actors service, from its current-state tables; always within one tenant.

Who may read: coordinators, partners, police and integration clients with an
``actors:`` scope. National bodies read nothing here (they see aggregates in
reporting). A contact's phone and e-mail are shown only to coordinators and to
staff of the contact's own actor; everyone else sees name and title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Row, and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_actors.tables import actor_tags, actors, areas, contacts
from trygnet_core.auth import Principal
from trygnet_core.checks import camel
from trygnet_core.database import read_only
from trygnet_core.errors import Forbidden, NotFound
from trygnet_core.paging import Cursors, fetch_page
from trygnet_core.personal_data import Erased, PersonalData
from trygnet_core.tenancy import TenantId


@dataclass(frozen=True)
class ActorFilter:
    area: str | None = None
    sector: str | None = None
    level: str | None = None
    theme: str | None = None
    status: str | None = None
    search: str | None = None
    ids: tuple[str, ...] = ()
    """Only these actors (a batch lookup by id, e.g. the gateway's)."""
    external_ids: tuple[str, ...] = ()
    """Only the actors holding these external ids (the municipality's own systems' keys)."""


def require_read(principal: Principal) -> None:
    allowed = principal.has_role("coordinator", "partner", "police") or any(
        scope.startswith("actors:") for scope in principal.scopes
    )
    if not allowed:
        raise Forbidden("your role does not read the actors service")


def sees_contact_details(principal: Principal, actor_id: str) -> bool:
    return principal.has_role("coordinator") or (
        principal.has_role("partner") and principal.actor_id == actor_id
    )


class ActorsQueries:
    def __init__(self, engine: AsyncEngine, personal_data: PersonalData) -> None:
        self.engine = engine
        self.personal_data = personal_data

    async def areas(
        self, principal: Principal, *, include_retired: bool = False
    ) -> list[dict[str, Any]]:
        require_read(principal)
        query = select(areas).where(areas.c.tenant_id == principal.tenant).order_by(areas.c.name)
        if not include_retired:
            query = query.where(areas.c.retired.is_(False))
        async with read_only(self.engine) as conn:
            return [_answer(row) for row in await conn.execute(query)]

    async def area(self, principal: Principal, area_id: str) -> dict[str, Any]:
        return _answer(await self._one(principal, areas.c.area_id, area_id, "area"))

    async def actors(
        self,
        principal: Principal,
        *,
        where: ActorFilter,
        cursors: Cursors,
        first: int = 50,
        after: str | None = None,
    ) -> dict[str, Any]:
        require_read(principal)
        async with read_only(self.engine) as conn:
            page = await fetch_page(
                conn,
                actors,
                _conditions(principal.tenant, where),
                key=(actors.c.name, actors.c.actor_id),
                first=first,
                after=after,
                cursors=cursors,
            )
        return page.answer([_answer(row) for row in page.rows])

    async def actor(self, principal: Principal, actor_id: str) -> dict[str, Any]:
        return _answer(await self._one(principal, actors.c.actor_id, actor_id, "actor"))

    async def _one(
        self, principal: Principal, id_column: Column[Any], value: str, what: str
    ) -> Row[Any]:
        """The tenant's row with that id: another tenant's id is simply not found, naming
        the id's field (``actorId``), never the value."""
        require_read(principal)
        table = id_column.table
        async with read_only(self.engine) as conn:
            query = select(table).where(table.c.tenant_id == principal.tenant, id_column == value)
            row = (await conn.execute(query)).first()
        if row is None:
            raise NotFound(f"no {what} with that id", field=f"{what}Id")
        return row

    async def contacts(self, principal: Principal, actor_id: str) -> list[dict[str, Any]]:
        """The actor's current contacts; details only for those who may see them."""
        owner = await self.actor(principal, actor_id)
        async with read_only(self.engine) as conn:
            rows = (
                await conn.execute(
                    select(contacts)
                    .where(
                        contacts.c.tenant_id == principal.tenant,
                        contacts.c.actor_id == owner["actorId"],
                        contacts.c.status == "active",
                    )
                    .order_by(contacts.c.contact_id)
                )
            ).all()
            opened = await self.personal_data.reveal(
                conn, tenant=principal.tenant, documents=[row.personal for row in rows]
            )
        full = sees_contact_details(principal, owner["actorId"])
        return [
            _contact(row, personal, full=full) for row, personal in zip(rows, opened, strict=True)
        ]

    async def contacts_batch(
        self,
        principal: Principal,
        *,
        actor_ids: tuple[str, ...] = (),
        contact_ids: tuple[str, ...] = (),
    ) -> list[dict[str, Any]]:
        """A batch for the gateway: the current contacts of those actors (as ``contacts``
        lists them), and those contacts by id whatever became of them (``status``
        removed or erased), each shown in full or name and title only as ``contacts``
        shows it. Ids not in the caller's municipality are simply not there."""
        require_read(principal)
        wanted: list[Any] = []
        if actor_ids:
            wanted.append(
                and_(contacts.c.actor_id.in_(sorted(set(actor_ids))), contacts.c.status == "active")
            )
        if contact_ids:
            wanted.append(contacts.c.contact_id.in_(sorted(set(contact_ids))))
        if not wanted:
            return []
        async with read_only(self.engine) as conn:
            rows = (
                await conn.execute(
                    select(contacts)
                    .where(contacts.c.tenant_id == principal.tenant, or_(*wanted))
                    .order_by(contacts.c.actor_id, contacts.c.contact_id)
                )
            ).all()
            opened = await self.personal_data.reveal(
                conn, tenant=principal.tenant, documents=[row.personal for row in rows]
            )
        return [
            _contact(row, personal, full=sees_contact_details(principal, row.actor_id))
            for row, personal in zip(rows, opened, strict=True)
        ]

    async def actor_ids_by_external_id(
        self, tenant: TenantId, external_ids: list[str]
    ) -> dict[str, str]:
        async with read_only(self.engine) as conn:
            rows = await conn.execute(
                select(actors.c.external_id, actors.c.actor_id).where(
                    actors.c.tenant_id == tenant,
                    actors.c.external_id.in_(external_ids),
                    actors.c.status != "merged",
                )
            )
            return {r.external_id: r.actor_id for r in rows}


def _conditions(tenant: TenantId, where: ActorFilter) -> list[Any]:
    conditions: list[Any] = [actors.c.tenant_id == tenant]
    if where.status:
        conditions.append(actors.c.status == where.status)
    else:
        conditions.append(actors.c.status != "merged")
    if where.ids:
        conditions.append(actors.c.actor_id.in_(sorted(set(where.ids))))
    if where.external_ids:
        wanted = sorted({external_id.strip() for external_id in where.external_ids})
        conditions.append(actors.c.external_id.in_(wanted))
    if where.sector:
        conditions.append(actors.c.sector == where.sector)
    for kind, value in (("area", where.area), ("level", where.level), ("theme", where.theme)):
        if value:
            conditions.append(
                exists().where(
                    and_(
                        actor_tags.c.tenant_id == tenant,
                        actor_tags.c.actor_id == actors.c.actor_id,
                        actor_tags.c.kind == kind,
                        actor_tags.c.value == value,
                    )
                )
            )
    if where.search:
        words = where.search.lower().split()[:8]
        conditions += [actors.c.search_text.contains(w, autoescape=True) for w in words]
    return conditions


_KEPT_FOR_THE_TABLES = frozenset({"tenant_id", "name_key", "search_text"})
"""Columns no read answers: the tenant (the reader's own), and the keys the tables keep
for an area name's uniqueness and for the actors' search."""


def _answer(row: Row[Any]) -> dict[str, Any]:
    """An area's or an actor's row as the reads answer it: every other column, camelCase."""
    return {
        camel(column): value
        for column, value in row._mapping.items()
        if column not in _KEPT_FOR_THE_TABLES
    }


def _contact(row: Any, personal: dict[str, Any], *, full: bool) -> dict[str, Any]:
    def shown(name: str) -> Any:
        value = personal.get(name)
        erased = isinstance(value, Erased) or row.status == "erased"
        return "[erased]" if erased else value

    contact = {
        "contactId": row.contact_id,
        "actorId": row.actor_id,
        "name": shown("name"),
        "title": shown("title"),
        "status": row.status,
        "version": row.version,
    }
    if full:
        contact |= {"phone": shown("phone"), "email": shown("email"), "legalBasis": row.legal_basis}
    return contact
