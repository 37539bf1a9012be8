"""What every Trygnet service's ``bootstrap`` does the same way, written once.

    @dataclass(frozen=True)
    class Settings(WritingSettings):
        service: ClassVar[str] = "incidents"
        topic: str = "trygnet.incidents"
        actors_topic: str | None = "trygnet.actors"

    def create_app(settings=None, *, engine=None):
        service = writing_service(settings or Settings.from_env(), engine=engine,
                                  state=incidents_of, migrations=migrations())
        service.app.state.handlers = IncidentsHandlers(service.store, service.personal_data)

A service reads its database, its broker and its token settings from the same
variables; keeps its Alembic revisions in ``<package>/migrations/versions``; migrates
its database on startup; publishes its events with an outbox relay; and, where it
checks references to actors and areas, keeps a replica of ``trygnet.actors``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, ClassVar, Final, Self

from fastapi import Depends, FastAPI, Query, Request
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.app import create_service_app
from trygnet_core.auth import AuthSettings
from trygnet_core.components import Component
from trygnet_core.consumer import Consumer
from trygnet_core.consumer_settings import ConsumerSettings
from trygnet_core.database import create_engine, migrate
from trygnet_core.idempotent_writes import IdempotentWrites
from trygnet_core.nul_characters import RefuseNulCharacters
from trygnet_core.paging import MAX_PAGE, Cursors, cursor_key
from trygnet_core.path_ids import SegmentsStayWhole
from trygnet_core.personal_data import PersonalData
from trygnet_core.relay import OutboxRelay
from trygnet_core.relay_settings import RelaySettings
from trygnet_core.remembered_tokens import RememberedTokens
from trygnet_core.replica import ActorReplica, wake_on_unknown
from trygnet_core.request_limits import RequestLimits
from trygnet_core.service_settings import settings_from_env
from trygnet_core.store import EventStore, StateUpdater

log = logging.getLogger(__name__)

REMEMBERED_TOKENS: Final = 10_000
"""Verified tokens a service remembers (``trygnet_core.remembered_tokens``): the gateway
passes each caller's token on, and a caller sends the same token for a whole session."""


@dataclass(frozen=True)
class WritingSettings:
    """What a writing service reads: its database, broker and tokens
    (``settings_from_env``), the topic it publishes, the actors topic it keeps a replica
    of (``None``: it refers to no actor), how its relay runs and how its consumers meet
    the broker (``None``: as the environment says, when the app is made)."""

    service: ClassVar[str] = ""
    database_url: str
    bootstrap_servers: str | None
    auth: AuthSettings
    topic: str = ""
    actors_topic: str | None = None
    relay: RelaySettings | None = None
    consumer: ConsumerSettings | None = None

    @classmethod
    def from_env(cls) -> Self:
        return cls(
            **settings_from_env(cls.service),
            relay=RelaySettings.from_env(),
            consumer=ConsumerSettings.from_env(),
        )


def create_writing_app(
    settings: WritingSettings, *, engine: AsyncEngine, store: EventStore, migrations: str
) -> FastAPI:
    """A writing service's app (``create_stored_app``) with its outbox relay and, where it
    names an actors topic, its replica of the actors and areas (``publishing``)."""
    components = publishing(
        store,
        service=settings.service,
        topic=settings.topic,
        bootstrap_servers=settings.bootstrap_servers,
        actors_topic=settings.actors_topic,
        relay=settings.relay,
        consumer=settings.consumer,
    )
    return create_stored_app(
        service=settings.service,
        engine=engine,
        auth=settings.auth,
        migrations=migrations,
        components=components,
    )


@dataclass(frozen=True)
class WritingService:
    """What a writing service's bootstrap wires its handlers, reads and routes to."""

    app: FastAPI
    engine: AsyncEngine
    store: EventStore
    personal_data: PersonalData


def writing_service(
    settings: WritingSettings,
    *,
    engine: AsyncEngine | None,
    state: Callable[[EventStore], StateUpdater],
    migrations: str,
) -> WritingService:
    """The parts every writing service builds alike: its engine (``engine`` overrides
    ``settings.database_url``; tests pass one), its store keeping the service's current
    state (``state``) in each append's transaction, the app (``create_writing_app``) and
    its personal data keys."""
    engine = engine or create_engine(settings.database_url)
    store = EventStore(engine)
    store.add_state_updater(state(store))
    app = create_writing_app(settings, engine=engine, store=store, migrations=migrations)
    return WritingService(app, engine, store, PersonalData.from_env())


def publishing(
    store: EventStore,
    *,
    service: str,
    topic: str,
    bootstrap_servers: str | None,
    actors_topic: str | None = None,
    relay: RelaySettings | None = None,
    consumer: ConsumerSettings | None = None,
) -> list[Component]:
    """The outbox relay of the service's events and, given ``actors_topic``, the
    consumer keeping its replica of the actors and areas; none without a broker.

    Every replica runs a relay and the one holding the topic's lease publishes
    (``trygnet_core.relay_lease``); ``relay.mode == "separate"`` leaves it out, for
    ``trygnet-relay`` to publish the topic from a process of its own."""
    if not bootstrap_servers:
        log.warning("KAFKA_BOOTSTRAP_SERVERS is not set: events are stored but not published")
        return []
    relay = relay or RelaySettings.from_env()
    consumer = consumer or ConsumerSettings.from_env()
    components: list[Component] = []
    if relay.mode == "in-process":
        components.append(
            OutboxRelay(
                store,
                service=service,
                topic=topic,
                bootstrap_servers=bootstrap_servers,
                **relay.options(),
            )
        )
    if actors_topic is not None:
        replica = Consumer(
            store.engine,
            name=f"{service}-actor-replica",
            topics=[actors_topic],
            bootstrap_servers=bootstrap_servers,
            handler=ActorReplica(),
            **consumer.options(),  # type: ignore[arg-type]
        )
        wake_on_unknown(store.engine, replica.rest.wake)
        components.append(replica)
    return components


def create_stored_app(
    *,
    service: str,
    engine: AsyncEngine,
    auth: AuthSettings,
    migrations: str,
    components: Sequence[Component] = (),
) -> FastAPI:
    """The service's app over its own database, migrated to its revisions on startup
    (before any component starts); it refuses the NUL character, which PostgreSQL's
    text cannot hold (``trygnet_core.nul_characters``), and routes on whole path segments
    (an encoded ``/`` in an id stays in its segment: ``trygnet_core.path_ids``); every
    write honours ``Idempotency-Key`` (``trygnet_core.idempotent_writes``); every
    request meets the limits the environment sets (``trygnet_core.request_limits``)."""

    async def migrate_database() -> None:
        await migrate(engine, version_locations=[migrations])

    cursors = Cursors(cursor_key(auth.dev_secret, dev_mode=auth.dev_mode))
    app = create_service_app(
        service=service,
        components=components,
        engine=engine,
        token_verifier=RememberedTokens(auth, kept=REMEMBERED_TOKENS),
        on_startup=[migrate_database],
        middleware=[
            RefuseNulCharacters,
            SegmentsStayWhole,
            functools.partial(IdempotentWrites, engine=engine),
        ],
        limits=RequestLimits.from_env(),
    )
    app.state.cursors = cursors
    return app


def _cursors(request: Request) -> Cursors:
    cursors: Cursors = request.app.state.cursors
    return cursors


PageCursors = Annotated[Cursors, Depends(_cursors)]
"""The service's ``Cursors`` (made by ``create_stored_app``), for a route that pages."""

PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE)]
"""A list route's ``first``: how many rows its page holds, 1 to ``MAX_PAGE``."""
