"""CSV import of actors and their contacts, the way coordinators already keep lists.

One row per actor, with at most one contact (the columns: ``import_file``); areas
are given by name or id. Every row is checked with the same domain
rules as the API (a dry run reports every bad row with its line, column and reason);
if any row is bad nothing is written. Otherwise the whole file is one transaction.
The import is idempotent by external id: a second import of the same file changes
nothing, because only differences become events. An actor is found by its external
id, and a row's contact among that actor's contacts by name (compared once opened,
in memory); what is new gets a random id like everything made through the API.
No id is made from a name: ids outlive erasure (stream ids, message keys, incident
roles), and one made from a name would let a list of names find an erased person.
A person erased and still in the file is added again, under a new id: take the
person out of the file to keep them out. What it did is an ``ImportReport``
(``import_report``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_actors.domain import actor as actor_rules
from trygnet_actors.domain import commands as cmd
from trygnet_actors.domain import contact as contact_rules
from trygnet_actors.domain.area import name_key
from trygnet_actors.domain.model import ActorStatus, Level, Sector, Theme
from trygnet_actors.handlers import ActorsHandlers, new_id, require_write
from trygnet_actors.import_file import (
    COLUMN_OF,
    COLUMNS,
    CONTACT_COLUMN_OF,
    REQUIRED,
    enum_cell,
    split_list,
)
from trygnet_actors.import_report import ImportReport
from trygnet_actors.queries import ActorsQueries
from trygnet_actors.tables import actors, areas, contacts
from trygnet_core.auth import Principal
from trygnet_core.errors import BadUserInput, TrygnetError
from trygnet_core.events import DomainEvent
from trygnet_core.spreadsheets import RowError, read_csv

PROGRESS_EVERY = 100

Progress = Callable[[str, int, int], Awaitable[None]]


@dataclass
class _Plan:
    """The streams to append to, in order, each with its expected version and events."""

    appends: list[tuple[str, str, int, list[DomainEvent]]] = field(default_factory=list)


class ActorImport:
    def __init__(self, handlers: ActorsHandlers, queries: ActorsQueries) -> None:
        self.handlers = handlers
        self.queries = queries

    async def run(
        self, principal: Principal, text: str, *, dry_run: bool, progress: Progress | None = None
    ) -> ImportReport:
        require_write(principal)
        rows = read_csv(text, columns=COLUMNS, required=REQUIRED)
        report = ImportReport(rows=len(rows))
        store = self.handlers.store
        async with store.transaction() as tx:
            context = await _Context.load(tx, self.handlers, principal, rows)
            plan = _Plan()
            for index, (line, row) in enumerate(rows, start=1):
                context.plan_row(line, row, plan, report)
                if progress and index % PROGRESS_EVERY == 0:
                    await progress("checked", index, len(rows))
            if report.errors or dry_run:
                return report
            report.wrote(await self.handlers.writer.append_planned(tx, principal, plan.appends))
            if progress:
                await progress("written", len(plan.appends), len(plan.appends))
        return report


class _Context:
    """What the file refers to, read once: areas, actors by external id, their contacts."""

    def __init__(self, principal: Principal, list_separators: str = "|;") -> None:
        self.principal = principal
        self.separators = list_separators
        self.area_ids: dict[str, str] = {}
        self.actors: dict[str, actor_rules.Actor] = {}  # by external id
        self.versions: dict[str, int] = {}  # stream id -> version
        self.contacts: dict[tuple[str, str], contact_rules.Contact] = {}  # by actor and name
        self.planned_external: dict[str, str] = {}  # external id -> actor id, for this file

    @classmethod
    async def load(
        cls,
        tx: AsyncConnection,
        handlers: ActorsHandlers,
        principal: Principal,
        rows: Sequence[tuple[int, dict[str, str]]],
    ) -> _Context:
        context = cls(principal)
        tenant = principal.tenant
        for row in await tx.execute(
            select(areas.c.area_id, areas.c.name).where(
                areas.c.tenant_id == tenant, areas.c.retired.is_(False)
            )
        ):
            # An area is found by its id or its name as the areas' own rule compares
            # names (``name_key``: case and runs of spaces do not count).
            context.area_ids[name_key(row.area_id)] = row.area_id
            context.area_ids[name_key(row.name)] = row.area_id
        wanted = sorted(
            {r["external_id"] for _, r in rows if r.get("external_id")}
            | {r["parent_external_id"] for _, r in rows if r.get("parent_external_id")}
        )
        for row in await tx.execute(
            select(actors).where(
                actors.c.tenant_id == tenant,
                actors.c.external_id.in_(wanted),
                actors.c.status != "merged",
            )
        ):
            context.actors[row.external_id] = _actor_from_row(row)
            context.versions[row.actor_id] = row.version
        actor_ids = [a.actor_id for a in context.actors.values()]
        contact_rows = (
            await tx.execute(
                select(contacts).where(
                    contacts.c.tenant_id == tenant,
                    contacts.c.actor_id.in_(actor_ids),
                    contacts.c.status == "active",
                )
            )
        ).all()
        opened = await handlers.personal_data.reveal(
            tx, tenant=tenant, documents=[r.personal for r in contact_rows]
        )
        for row, personal in zip(contact_rows, opened, strict=True):
            context.remember(
                contact_rules.Contact(
                    contact_id=row.contact_id,
                    actor_id=row.actor_id,
                    legal_basis=row.legal_basis,
                    **personal,
                )
            )
            context.versions[row.contact_id] = row.version
        return context

    def plan_row(self, line: int, row: dict[str, str], plan: _Plan, report: ImportReport) -> None:
        external_id = row["external_id"]
        try:
            if not external_id:
                raise BadUserInput("external_id must not be empty", field="externalId")
            actor_id, actor_events = self._actor_events(row)
            contact_events = self._contact_events(actor_id, row)
        except TrygnetError as error:
            column = COLUMN_OF.get(error.field or "", error.field or "")
            report.errors.append(RowError(line=line, column=column, reason=error.detail))
            return
        for stream_id, stream_type, new in (*actor_events, *contact_events):
            version = self.versions.get(stream_id, 0)
            plan.appends.append((stream_id, stream_type, version, new))
            self.versions[stream_id] = version + len(new)
            report.count(new)
        if not actor_events and not contact_events:
            report.unchanged_rows += 1

    def _actor_events(
        self, row: dict[str, str]
    ) -> tuple[str, list[tuple[str, str, list[DomainEvent]]]]:
        external_id = row["external_id"]
        if (
            external_id in self.planned_external
        ):  # a further row of an actor in this file: contacts only
            return self.planned_external[external_id], []
        known = self._known(row)
        parent = self._parent(row)
        state = self.actors.get(external_id)
        if state is None:
            actor_id = new_id("actor")
            command = cmd.RegisterActor(
                actor_id=actor_id,
                name=row["name"],
                sector=enum_cell(Sector, row["sector"], "sector"),
                department=row.get("department"),
                parent_actor_id=parent,
                levels=self._list(Level, row.get("levels"), "levels"),
                areas=self._areas(row.get("areas")),
                themes=self._list(Theme, row.get("themes"), "themes"),
                description=row.get("description"),
                phone=row.get("phone"),
                email=row.get("email"),
                website=row.get("website"),
                external_id=external_id,
            )
            new = actor_rules.decide(command, None, known=known)
        else:
            actor_id = state.actor_id
            details = {
                name: row.get(name) or None
                for name in (
                    "name",
                    "sector",
                    "department",
                    "description",
                    "phone",
                    "email",
                    "website",
                )
            }
            details["sector"] = enum_cell(Sector, row["sector"], "sector")
            details["parent_actor_id"] = parent
            new = actor_rules.decide(cmd.ChangeActorDetails(actor_id, details), state, known=known)
            sets: list[actor_rules.ActorCommand] = [
                cmd.SetActorAreas(actor_id, self._areas(row.get("areas"))),
                cmd.SetActorLevels(actor_id, self._list(Level, row.get("levels"), "levels")),
                cmd.SetActorThemes(actor_id, self._list(Theme, row.get("themes"), "themes")),
            ]
            for change in sets:
                new += actor_rules.decide(change, state, known=known)
        self.planned_external[external_id] = actor_id
        return actor_id, [(actor_id, "Actor", new)] if new else []

    def _contact_events(
        self, actor_id: str, row: dict[str, str]
    ) -> list[tuple[str, str, list[DomainEvent]]]:
        name = row.get("contact_name", "")
        if not name and not any(
            row.get(c) for c in ("contact_title", "contact_phone", "contact_email")
        ):
            return []
        existing = self._contact_named(actor_id, name)
        contact_id = existing.contact_id if existing else new_id("contact")
        values: dict[str, Any] = {
            "name": name,
            "title": row.get("contact_title") or None,
            "phone": row.get("contact_phone") or None,
            "email": row.get("contact_email") or None,
            "legal_basis": row.get("contact_legal_basis") or "legitimate_interest",
        }
        state = existing
        try:
            if state is None:
                adding = cmd.AddContact(contact_id=contact_id, actor_id=actor_id, **values)
                new = contact_rules.decide(adding, None)
                added = contact_rules.fold(new)
                if added is not None:
                    self.remember(added)
            else:
                new = contact_rules.decide(cmd.ChangeContact(contact_id, values), state)
        except TrygnetError as error:  # name the file's contact column, not the domain field
            column = CONTACT_COLUMN_OF.get(error.field or "", error.field or "contact_name")
            raise BadUserInput(error.detail, field=column) from error
        return [(contact_id, "Contact", new)] if new else []

    def _contact_named(self, actor_id: str, name: str) -> contact_rules.Contact | None:
        """The actor's active contact of that name (case aside), if it has one."""
        return self.contacts.get((actor_id, name.strip().casefold()))

    def remember(self, contact: contact_rules.Contact) -> None:
        if isinstance(contact.name, str):
            self.contacts[(contact.actor_id, contact.name.strip().casefold())] = contact

    def _known(self, row: dict[str, str]) -> actor_rules.Known:
        return actor_rules.Known(
            areas=frozenset(self.area_ids.values()),
            actors=frozenset(
                [*(a.actor_id for a in self.actors.values()), *self.planned_external.values()]
            ),
        )

    def _parent(self, row: dict[str, str]) -> str | None:
        parent = row.get("parent_external_id")
        if not parent:
            return None
        if parent in self.planned_external:
            return self.planned_external[parent]
        if parent in self.actors:
            return self.actors[parent].actor_id
        raise BadUserInput(
            "no actor with that external id (it must come earlier in the file or exist)",
            field="parentActorId",
        )

    def _areas(self, value: str | None) -> tuple[str, ...]:
        found = []
        for name in split_list(value, self.separators):
            area_id = self.area_ids.get(name_key(name))
            if area_id is None:
                raise BadUserInput("no area with that name", field="areas")
            found.append(area_id)
        return tuple(found)

    def _list(self, kind: Any, value: str | None, column: str) -> tuple[Any, ...]:
        return tuple(enum_cell(kind, item, column) for item in split_list(value, self.separators))


def _actor_from_row(row: Any) -> actor_rules.Actor:
    return actor_rules.Actor(
        actor_id=row.actor_id,
        name=row.name,
        sector=Sector(row.sector),
        department=row.department,
        parent_actor_id=row.parent_actor_id,
        levels=tuple(Level(v) for v in row.levels),
        areas=tuple(row.areas),
        themes=tuple(Theme(v) for v in row.themes),
        description=row.description,
        phone=row.phone,
        email=row.email,
        website=row.website,
        external_id=row.external_id,
        status=ActorStatus(row.status),
        merged_into=row.merged_into,
        merged_from=tuple(row.merged_from),
    )
