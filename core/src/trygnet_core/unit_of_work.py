"""The command handler's unit of work, the same in every service.

    outcome = await writer.run(principal, stream_id, "Incident", incident.fold, decide,
                               creating=False, authorize=lambda state: ...)

loads the stream (personal fields opened), folds it, checks that it exists
(another tenant's id is simply not found) and only then asks ``authorize``,
decides, seals the new events' personal data and appends them at the version it
read, all in one transaction. Nothing is published here: the outbox relay does that.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core import idempotency
from trygnet_core.auth import Principal
from trygnet_core.errors import NotFound
from trygnet_core.events import DomainEvent, EventCatalogue
from trygnet_core.personal_data import PersonalData
from trygnet_core.store import ConcurrencyConflict, EventStore, StreamAppend
from trygnet_core.tenancy import TenantId

S = TypeVar("S")


@dataclass(frozen=True)
class Outcome:
    """What a command wrote: the stream, its version now, and the last event's position
    (``None`` when nothing changed), the consistency token a reader may wait for."""

    id: str
    version: int
    position: int | None

    def written(self) -> dict[str, Any]:
        """The answer of a command route: ``{"id", "version", "position"}``."""
        return {"id": self.id, "version": self.version, "position": self.position}


@dataclass(frozen=True)
class PlanWritten:
    """What an import's plan wrote: the last position (``None`` for an empty plan) and
    the version each stream it wrote reached, which with the service's name are the
    consistency tokens (``service/streamId/version``) a report's ``atLeast`` waits for."""

    position: int | None
    versions: dict[str, int]


def metadata_of(principal: Principal) -> dict[str, str | None]:
    """Who did it, stored with every event (ids only, never names)."""
    return {"actor": principal.actor_id, "user": principal.subject}


def still_at(stream_id: str, expected_version: int | None, version: int) -> None:
    """``ConcurrencyConflict`` unless the stream is at the version the caller's decision
    was based on (HTTP ``If-Match``); nothing to check when none was named."""
    if expected_version is not None and expected_version != version:
        raise ConcurrencyConflict(
            stream_id=stream_id, expected_version=expected_version, actual_version=version
        )


@dataclass(frozen=True)
class StreamRoute:
    """Where an aggregate's commands go: its rules (a domain module with ``fold`` and
    ``decide``), its stream type, the command field that names the stream, the command
    that creates it, and every command it takes (``commands``, the creating one too)."""

    rules: ModuleType
    stream_type: str
    id_field: str
    creates: type
    commands: tuple[type, ...]


Policy = Callable[[Principal, Any, Any], None]
"""Who may give a command: a service's ``authorize(principal, command, state)``, which
raises ``Forbidden`` (``state``: the stream's, ``None`` before it is created)."""


def routes_by_command(*routes: StreamRoute) -> dict[type, StreamRoute]:
    """A service's command table: each command's route."""
    return {command: route for route in routes for command in route.commands}


class StreamWriter:
    def __init__(
        self, store: EventStore, personal_data: PersonalData, catalogue: EventCatalogue
    ) -> None:
        self.store = store
        self.personal_data = personal_data
        self.catalogue = catalogue

    async def run(
        self,
        principal: Principal,
        stream_id: str,
        stream_type: str,
        fold: Callable[[Sequence[DomainEvent]], S | None],
        decide: Callable[[S | None, AsyncConnection], Awaitable[list[DomainEvent]]],
        *,
        creating: bool,
        authorize: Callable[[S | None], None],
        expected_version: int | None = None,
    ) -> Outcome:
        """One command on one stream: existence first, then permission, then the decision.

        ``expected_version`` is the version the caller's decision was based on (HTTP
        ``If-Match``): if the stream has moved on since, ``ConcurrencyConflict``.
        """
        async with self.store.transaction() as tx:
            history = await self.history(tx, principal.tenant, stream_id)
            state = fold(history)
            if state is None and not creating:
                raise _not_found(stream_type, stream_id)
            authorize(state)
            still_at(stream_id, expected_version, len(history))
            new = await decide(state, tx)
            return await self.append_decided(
                tx, principal, stream_id, stream_type, len(history), new
            )

    async def run_routed(
        self,
        principal: Principal,
        route: StreamRoute,
        command: Any,
        decide: Callable[[Any, AsyncConnection], Awaitable[list[DomainEvent]]],
        authorize: Policy,
        *,
        expected_version: int | None = None,
    ) -> Outcome:
        """``run`` on the stream the command names, by its route; ``authorize`` is the
        service's policy, asked of the principal, the command and the stream's state."""
        return await self.run(
            principal,
            getattr(command, route.id_field),
            route.stream_type,
            route.rules.fold,
            decide,
            creating=isinstance(command, route.creates),
            authorize=lambda state: authorize(principal, command, state),
            expected_version=expected_version,
        )

    async def history(
        self, tx: AsyncConnection, tenant: TenantId, stream_id: str
    ) -> list[DomainEvent]:
        recorded = await self.store.read_stream(tx, tenant=tenant, stream_id=stream_id)
        return await self.catalogue.reveal(tx, self.personal_data, tenant=tenant, recorded=recorded)

    async def append_decided(
        self,
        tx: AsyncConnection,
        principal: Principal,
        stream_id: str,
        stream_type: str,
        version: int,
        new: Sequence[DomainEvent],
    ) -> Outcome:
        """Seal and append what was decided at ``version``; nothing decided, nothing written."""
        if not new:
            return noted(Outcome(id=stream_id, version=version, position=None))
        sealed = await self.catalogue.seal(
            tx, self.personal_data, tenant=principal.tenant, events=new
        )
        recorded = await self.store.append(
            tx,
            tenant=principal.tenant,
            stream_id=stream_id,
            stream_type=stream_type,
            expected_version=version,
            events=sealed,
            metadata=metadata_of(principal),
        )
        return noted(
            Outcome(id=stream_id, version=recorded[-1].version, position=recorded[-1].position)
        )

    async def append_planned(
        self,
        tx: AsyncConnection,
        principal: Principal,
        appends: Sequence[tuple[str, str, int, Sequence[DomainEvent]]],
    ) -> PlanWritten:
        """A whole import's plan, each ``(stream id, stream type, expected version,
        events)``, in a few statements: one seal for every person, one batch append."""
        sealed = await self.catalogue.seal(
            tx,
            self.personal_data,
            tenant=principal.tenant,
            events=[event for *_, new in appends for event in new],
        )
        batches: list[StreamAppend] = []
        each = iter(sealed)  # taken in turn: slicing off the rest was quadratic in the rows
        for stream_id, stream_type, version, new in appends:
            chunk = list(itertools.islice(each, len(new)))
            batches.append(
                StreamAppend(
                    tenant=principal.tenant,
                    stream_id=stream_id,
                    stream_type=stream_type,
                    expected_version=version,
                    events=chunk,
                    metadata=metadata_of(principal),
                )
            )
        if not batches:
            return PlanWritten(position=None, versions={})
        recorded = await self.store.append_many(tx, batches)
        return PlanWritten(
            position=max((event.position for batch in recorded for event in batch), default=None),
            versions={batch[-1].stream_id: batch[-1].version for batch in recorded if batch},
        )


class ServiceHandlers:
    """The base of a writing service's command handlers: its store, its personal data
    and one ``StreamWriter`` over its event catalogue. ``handle`` is the command route's
    entry; ``expected_version`` (``If-Match``) is the version of the stream the command
    changes."""

    catalogue: EventCatalogue

    def __init__(self, store: EventStore, personal_data: PersonalData) -> None:
        self.store = store
        self.personal_data = personal_data
        self.writer = StreamWriter(store, personal_data, self.catalogue)

    async def handle(
        self, principal: Principal, command: Any, *, expected_version: int | None = None
    ) -> Outcome:
        raise NotImplementedError


def noted(outcome: Outcome) -> Outcome:
    """The outcome, noted for the request's ``Idempotency-Key`` (the last stream a
    command writes is the one it answers)."""
    idempotency.note_outcome(outcome.written())
    return outcome


def _not_found(stream_type: str, stream_id: str) -> NotFound:
    """``no safety walk with that id``, naming ``safetyWalkId``: never the id itself, the
    caller's value. A stream that is one per municipality (``strategy``) is ``yet``."""
    kind = stream_type[0].lower() + stream_type[1:]
    words = re.sub(r"(?<!^)([A-Z])", r" \1", stream_type).lower()
    whose = "yet" if stream_id == kind else "with that id"
    return NotFound(f"no {words} {whose}", field=f"{kind}Id")
