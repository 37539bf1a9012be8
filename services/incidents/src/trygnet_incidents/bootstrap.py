"""Wiring of the incidents service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.auth import AuthSettings
from trygnet_core.database import create_engine
from trygnet_core.personal_data import PersonalData
from trygnet_core.relay_settings import RelaySettings
from trygnet_core.service import create_stored_app, migrations_of, publishing, settings_from_env
from trygnet_core.store import EventStore
from trygnet_incidents.api.commands import router as commands_router
from trygnet_incidents.api.observations import router as observations_router
from trygnet_incidents.api.reads import router as reads_router
from trygnet_incidents.handlers import IncidentsHandlers
from trygnet_incidents.read_model import update_incidents

SERVICE = "incidents"


@dataclass(frozen=True)
class Settings:
    database_url: str
    bootstrap_servers: str | None
    auth: AuthSettings
    topic: str = "trygnet.incidents"
    actors_topic: str = "trygnet.actors"
    relay: RelaySettings = field(default_factory=RelaySettings)

    @classmethod
    def from_env(cls) -> Settings:
        return cls(**settings_from_env(SERVICE), relay=RelaySettings.from_env())


def migrations() -> str:
    """The folder of this service's Alembic revisions."""
    return migrations_of("trygnet_incidents")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    settings = settings or Settings.from_env()
    engine = engine or create_engine(settings.database_url)
    store = EventStore(engine, state_updaters=[update_incidents])
    components = publishing(
        store,
        service=SERVICE,
        topic=settings.topic,
        bootstrap_servers=settings.bootstrap_servers,
        actors_topic=settings.actors_topic,
        relay=settings.relay,
    )
    app = create_stored_app(
        service=SERVICE,
        engine=engine,
        auth=settings.auth,
        migrations=migrations(),
        components=components,
    )
    app.state.handlers = IncidentsHandlers(store, PersonalData.from_env())
    app.include_router(commands_router)
    app.include_router(reads_router)
    app.include_router(observations_router)
    return app
