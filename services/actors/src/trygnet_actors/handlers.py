"""Command handlers: load the stream, decide, seal personal data, append. One unit of work each.

Who may do what (DOMAIN.md's users): a ``coordinator`` changes everything in its
tenant; a ``partner`` changes only its own actor and that actor's contacts, and
never its external id (the municipality's systems' key: a partner that took another
actor's would have the next import write that actor's row, contacts included, onto
its own); an ``integration`` client with the scope ``actors:write`` acts as a
coordinator; ``police`` and ``national`` change nothing here.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar, get_args

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_actors.domain import actor, area, contact
from trygnet_actors.domain import commands as cmd
from trygnet_actors.domain.events import ContactMoved, catalogue
from trygnet_actors.tables import actors, areas, contacts
from trygnet_core.auth import Principal
from trygnet_core.errors import Forbidden, NotFound
from trygnet_core.events import DomainEvent
from trygnet_core.tenancy import TenantId
from trygnet_core.unit_of_work import Outcome, ServiceHandlers, StreamRoute, still_at

S = TypeVar("S")


def new_id(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex}"


def can_write(principal: Principal, *, actor_id: str | None = None) -> bool:
    if principal.manages("actors:write"):
        return True
    return actor_id is not None and principal.has_role("partner") and principal.actor_id == actor_id


def require_write(principal: Principal, *, actor_id: str | None = None) -> None:
    if not can_write(principal, actor_id=actor_id):
        raise Forbidden("your role may not change this")


def _require_area_write(principal: Principal, _command: Any, _state: Any) -> None:
    require_write(principal)


def _require_actor_write(principal: Principal, command: Any, state: actor.Actor | None) -> None:
    require_write(principal, actor_id=state.actor_id if state else None)
    sets_external_id = (isinstance(command, cmd.RegisterActor) and command.external_id) or (
        isinstance(command, cmd.ChangeActorDetails) and "external_id" in command.changes
    )
    if sets_external_id and not can_write(principal):
        raise Forbidden("only a coordinator or integration sets external ids", field="externalId")


AREA_COMMANDS = (cmd.DefineArea, cmd.RenameArea, cmd.RetireArea)
AREA = StreamRoute(area, "Area", "area_id", cmd.DefineArea, AREA_COMMANDS)
ACTOR = StreamRoute(actor, "Actor", "actor_id", cmd.RegisterActor, get_args(actor.ActorCommand))
CONTACT_COMMANDS = (cmd.AddContact, cmd.ChangeContact, cmd.RemoveContact, cmd.EraseContact)


# What ``_known`` asks at every actor command, built once.
_AREAS_IN_USE = select(areas.c.area_id).where(
    areas.c.tenant_id == bindparam("tenant"),
    areas.c.area_id.in_(bindparam("ids", expanding=True)),
    areas.c.retired.is_(False),
)
_ACTORS_IN_USE = select(actors.c.actor_id).where(
    actors.c.tenant_id == bindparam("tenant"),
    actors.c.actor_id.in_(bindparam("ids", expanding=True)),
    actors.c.status != "merged",
)


class ActorsHandlers(ServiceHandlers):
    catalogue = catalogue

    async def handle(
        self, principal: Principal, command: Any, *, expected_version: int | None = None
    ) -> Outcome:
        """The command route's entry: ``expected_version`` (``If-Match``) is the version of
        the stream the command changes (the survivor's, for a merge)."""
        if isinstance(command, AREA_COMMANDS):
            return await self.area_command(principal, command, expected_version)
        if isinstance(command, CONTACT_COMMANDS):
            return await self.contact_command(principal, command, expected_version)
        if isinstance(command, cmd.MergeActors):
            return await self.merge_actors(principal, command, expected_version)
        return await self.actor_command(principal, command, expected_version)

    # -- areas -----------------------------------------------------------------------

    async def area_command(
        self,
        principal: Principal,
        command: area.AreaCommand,
        expected_version: int | None = None,
    ) -> Outcome:
        async def decide(state: area.Area | None, tx: AsyncConnection) -> list[DomainEvent]:
            names = await self._area_names_in_use(tx, principal.tenant, command)
            return area.decide(command, state, names_in_use=names)

        return await self.writer.run_routed(
            principal, AREA, command, decide, _require_area_write, expected_version=expected_version
        )

    # -- actors ----------------------------------------------------------------------

    async def actor_command(
        self,
        principal: Principal,
        command: actor.ActorCommand,
        expected_version: int | None = None,
    ) -> Outcome:
        async def decide(state: actor.Actor | None, tx: AsyncConnection) -> list[DomainEvent]:
            known = await self._known(tx, principal.tenant, command)
            return actor.decide(command, state, known=known)

        return await self.writer.run_routed(
            principal,
            ACTOR,
            command,
            decide,
            _require_actor_write,
            expected_version=expected_version,
        )

    async def merge_actors(
        self,
        principal: Principal,
        command: cmd.MergeActors,
        expected_version: int | None = None,
    ) -> Outcome:
        tenant = principal.tenant
        async with self.store.transaction() as tx:
            survivor_history = await self.writer.history(tx, tenant, command.survivor_id)
            merged_history = await self.writer.history(tx, tenant, command.merged_id)
            if not survivor_history:
                raise NotFound("no actor with that id", field="actorId")
            require_write(principal)
            still_at(command.survivor_id, expected_version, len(survivor_history))
            moved = await self._contact_ids(tx, tenant, command.merged_id)
            for_survivor, for_merged = actor.decide_merge(
                command,
                actor.fold(survivor_history),
                actor.fold(merged_history),
                merged_contacts=moved,
            )
            await self.writer.append_decided(
                tx, principal, command.merged_id, "Actor", len(merged_history), for_merged
            )
            for contact_id in moved:
                history = await self.writer.history(tx, tenant, contact_id)
                moved_event = ContactMoved(
                    contact_id=contact_id,
                    from_actor_id=command.merged_id,
                    actor_id=command.survivor_id,
                )
                await self.writer.append_decided(
                    tx, principal, contact_id, "Contact", len(history), [moved_event]
                )
            return await self.writer.append_decided(
                tx, principal, command.survivor_id, "Actor", len(survivor_history), for_survivor
            )

    # -- contacts --------------------------------------------------------------------

    async def contact_command(
        self,
        principal: Principal,
        command: contact.ContactCommand,
        expected_version: int | None = None,
    ) -> Outcome:
        tenant = principal.tenant
        async with self.store.transaction() as tx:
            history = await self.writer.history(tx, tenant, command.contact_id)
            state = contact.fold(history)
            if isinstance(command, cmd.AddContact):
                owner = command.actor_id
            elif state is None:
                raise NotFound("no contact with that id", field="contactId")
            else:
                owner = state.actor_id
            require_write(principal, actor_id=owner)
            still_at(command.contact_id, expected_version, len(history))
            in_use = await self._actor_in_use(tx, tenant, owner)
            new = contact.decide(command, state, actor_in_use=in_use)
            outcome = await self.writer.append_decided(
                tx, principal, command.contact_id, "Contact", len(history), new
            )
            if isinstance(command, cmd.EraseContact):
                await self.personal_data.erase(tx, tenant=tenant, subject_id=command.contact_id)
            return outcome

    # -- the unit of work ------------------------------------------------------------

    async def _known(self, tx: AsyncConnection, tenant: TenantId, command: Any) -> actor.Known:
        """The areas and actors a command refers to, if they exist and are in use."""
        wanted_areas = set(getattr(command, "areas", ()) or ())
        wanted_actors = {getattr(command, "parent_actor_id", None)}
        if isinstance(command, cmd.ChangeActorDetails):
            wanted_actors.add(command.changes.get("parent_actor_id"))
        wanted_actors.discard(None)
        found_areas: set[str] = set()
        found_actors: set[str] = set()
        if wanted_areas:
            rows = await tx.execute(_AREAS_IN_USE, {"tenant": tenant, "ids": sorted(wanted_areas)})
            found_areas = {r.area_id for r in rows}
        if wanted_actors:
            rows = await tx.execute(
                _ACTORS_IN_USE, {"tenant": tenant, "ids": sorted(a for a in wanted_actors if a)}
            )
            found_actors = {r.actor_id for r in rows}
        return actor.Known(
            areas=frozenset(found_areas),
            actors=frozenset(found_actors),
            external_ids=await self._external_ids_taken(tx, tenant, command),
        )

    async def _external_ids_taken(
        self, tx: AsyncConnection, tenant: TenantId, command: Any
    ) -> frozenset[str]:
        """The command's external id, if another actor that is not merged holds it."""
        changes = getattr(command, "changes", None) or {}
        wanted = getattr(command, "external_id", None) or changes.get("external_id")
        if not isinstance(wanted, str) or not wanted.strip():
            return frozenset()
        rows = await tx.execute(
            select(actors.c.external_id).where(
                actors.c.tenant_id == tenant,
                actors.c.external_id == wanted.strip(),
                actors.c.actor_id != command.actor_id,
                actors.c.status != "merged",
            )
        )
        return frozenset(r.external_id for r in rows)

    async def _area_names_in_use(
        self, tx: AsyncConnection, tenant: TenantId, command: area.AreaCommand
    ) -> frozenset[str]:
        """The command's area name, as a key, if another area in use holds it."""
        name = getattr(command, "name", None)
        if not isinstance(name, str):
            return frozenset()
        rows = await tx.execute(
            select(areas.c.name_key).where(
                areas.c.tenant_id == tenant,
                areas.c.name_key == area.name_key(name),
                areas.c.area_id != command.area_id,
                areas.c.retired.is_(False),
            )
        )
        return frozenset(r.name_key for r in rows)

    async def _actor_in_use(self, tx: AsyncConnection, tenant: TenantId, actor_id: str) -> bool:
        found = (
            await tx.execute(
                select(actors.c.status).where(
                    actors.c.tenant_id == tenant, actors.c.actor_id == actor_id
                )
            )
        ).scalar_one_or_none()
        return found is not None and found != "merged"

    async def _contact_ids(
        self, tx: AsyncConnection, tenant: TenantId, actor_id: str
    ) -> tuple[str, ...]:
        rows = await tx.execute(
            select(contacts.c.contact_id)
            .where(
                contacts.c.tenant_id == tenant,
                contacts.c.actor_id == actor_id,
                contacts.c.status == "active",
            )
            .order_by(contacts.c.contact_id)
        )
        return tuple(r.contact_id for r in rows)
