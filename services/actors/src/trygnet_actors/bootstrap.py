"""Wiring of the actors service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_actors.api.commands import router as command_router
from trygnet_actors.api.imports import router as import_router
from trygnet_actors.api.reads import router as read_router
from trygnet_actors.handlers import ActorsHandlers
from trygnet_actors.imports import ActorImport
from trygnet_actors.queries import ActorsQueries
from trygnet_actors.read_model import update_state
from trygnet_core.auth import AuthSettings
from trygnet_core.database import create_engine
from trygnet_core.path_ids import path_ids_well_formed
from trygnet_core.personal_data import PersonalData
from trygnet_core.relay_settings import RelaySettings
from trygnet_core.service import create_stored_app, migrations_of, publishing, settings_from_env
from trygnet_core.store import EventStore

SERVICE = "actors"
TOPIC = "trygnet.actors"


@dataclass(frozen=True)
class Settings:
    database_url: str
    bootstrap_servers: str | None
    auth: AuthSettings
    topic: str = TOPIC
    relay: RelaySettings = field(default_factory=RelaySettings)

    @classmethod
    def from_env(cls) -> Settings:
        return cls(**settings_from_env(SERVICE), relay=RelaySettings.from_env())


def migrations() -> str:
    return migrations_of("trygnet_actors")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    settings = settings or Settings.from_env()
    engine = engine or create_engine(settings.database_url)
    store = EventStore(engine, state_updaters=[update_state])
    personal_data = PersonalData.from_env()
    components = publishing(
        store,
        service=SERVICE,
        topic=settings.topic,
        bootstrap_servers=settings.bootstrap_servers,
        relay=settings.relay,
    )
    app = create_stored_app(
        service=SERVICE,
        engine=engine,
        auth=settings.auth,
        migrations=migrations(),
        components=components,
    )
    handlers = ActorsHandlers(store, personal_data)
    queries = ActorsQueries(engine, personal_data)
    app.state.handlers = handlers
    app.state.queries = queries
    app.state.importer = ActorImport(handlers, queries)
    app.include_router(command_router, dependencies=[Depends(path_ids_well_formed)])
    app.include_router(read_router, dependencies=[Depends(path_ids_well_formed)])
    app.include_router(import_router)
    return app
