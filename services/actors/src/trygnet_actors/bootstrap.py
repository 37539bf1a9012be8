"""Wiring of the actors service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from importlib import resources

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_actors.api.imports import router as import_router
from trygnet_actors.api.routes import router
from trygnet_actors.handlers import ActorsHandlers
from trygnet_actors.imports import ActorImport
from trygnet_actors.queries import ActorsQueries
from trygnet_actors.state import update_state
from trygnet_core.app import create_service_app
from trygnet_core.auth import AuthSettings, TokenVerifier
from trygnet_core.components import Component
from trygnet_core.database import create_engine, migrate
from trygnet_core.personal_data import PersonalData
from trygnet_core.relay import OutboxRelay
from trygnet_core.store import EventStore

SERVICE = "actors"
TOPIC = "trygnet.actors"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    database_url: str
    bootstrap_servers: str | None
    auth: AuthSettings
    topic: str = TOPIC

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("DATABASE_URL", "sqlite:///.trygnet/actors.db"),
            bootstrap_servers=os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
            auth=AuthSettings.from_env(),
        )


def migrations() -> str:
    return str(resources.files("trygnet_actors") / "migrations" / "versions")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    settings = settings or Settings.from_env()
    engine = engine or create_engine(settings.database_url)
    store = EventStore(engine, state_updaters=[update_state])
    personal_data = PersonalData.from_env()
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
    else:
        log.warning("KAFKA_BOOTSTRAP_SERVERS is not set: events are stored but not published")

    async def migrate_database() -> None:
        await migrate(engine, version_locations=[migrations()])

    app = create_service_app(
        service=SERVICE,
        components=components,
        engine=engine,
        token_verifier=TokenVerifier(settings.auth),
        on_startup=[migrate_database],
    )
    handlers = ActorsHandlers(store, personal_data)
    queries = ActorsQueries(engine, personal_data)
    app.state.handlers = handlers
    app.state.queries = queries
    app.state.importer = ActorImport(handlers, queries)
    app.include_router(router)
    app.include_router(import_router)
    return app
