"""Wiring of the incidents service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from importlib import resources

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.app import create_service_app
from trygnet_core.auth import AuthSettings, TokenVerifier
from trygnet_core.components import Component
from trygnet_core.consumer import Consumer
from trygnet_core.database import create_engine, migrate
from trygnet_core.personal_data import PersonalData
from trygnet_core.relay import OutboxRelay
from trygnet_core.replica import ActorReplica
from trygnet_core.store import EventStore
from trygnet_incidents.api.commands import router as commands_router
from trygnet_incidents.api.reads import router as reads_router
from trygnet_incidents.handlers import IncidentsHandlers
from trygnet_incidents.view import update_incidents

SERVICE = "incidents"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    database_url: str
    bootstrap_servers: str | None
    auth: AuthSettings
    topic: str = "trygnet.incidents"
    actors_topic: str = "trygnet.actors"

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("DATABASE_URL", "sqlite:///.trygnet/incidents.db"),
            bootstrap_servers=os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
            auth=AuthSettings.from_env(),
        )


def migrations() -> str:
    """The folder of this service's Alembic revisions."""
    return str(resources.files("trygnet_incidents") / "migrations" / "versions")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    settings = settings or Settings.from_env()
    engine = engine or create_engine(settings.database_url)
    store = EventStore(engine, state_updaters=[update_incidents])
    components: list[Component] = []
    if settings.bootstrap_servers:
        components.append(
            OutboxRelay(
                store,
                service=SERVICE,
                topic=settings.topic,
                bootstrap_servers=settings.bootstrap_servers,
            )
        )
        components.append(
            Consumer(
                engine,
                name="incidents-actor-replica",
                topics=[settings.actors_topic],
                bootstrap_servers=settings.bootstrap_servers,
                handler=ActorReplica(),
            )
        )
    else:
        log.warning("KAFKA_BOOTSTRAP_SERVERS is not set: no events published, no actors replicated")

    async def migrate_database() -> None:
        await migrate(engine, version_locations=[migrations()])

    app = create_service_app(
        service=SERVICE,
        components=components,
        engine=engine,
        token_verifier=TokenVerifier(settings.auth),
        on_startup=[migrate_database],
    )
    app.state.handlers = IncidentsHandlers(store, PersonalData.from_env())
    app.include_router(commands_router)
    app.include_router(reads_router)
    return app
