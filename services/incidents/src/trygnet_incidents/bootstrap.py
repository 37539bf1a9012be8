"""Wiring of the incidents service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.database import create_engine
from trygnet_core.personal_data import PersonalData
from trygnet_core.service import WritingSettings, create_writing_app, migrations_of
from trygnet_core.store import EventStore
from trygnet_incidents.api.commands import router as commands_router
from trygnet_incidents.api.observations import router as observations_router
from trygnet_incidents.api.reads import router as reads_router
from trygnet_incidents.handlers import IncidentsHandlers
from trygnet_incidents.read_model import incidents_of

SERVICE = "incidents"


@dataclass(frozen=True)
class Settings(WritingSettings):
    service: ClassVar[str] = SERVICE
    topic: str = "trygnet.incidents"
    actors_topic: str | None = "trygnet.actors"


def migrations() -> str:
    """The folder of this service's Alembic revisions."""
    return migrations_of("trygnet_incidents")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    settings = settings or Settings.from_env()
    engine = engine or create_engine(settings.database_url)
    store = EventStore(engine)
    store.add_state_updater(incidents_of(store))
    app = create_writing_app(settings, engine=engine, store=store, migrations=migrations())
    app.state.handlers = IncidentsHandlers(store, PersonalData.from_env())
    app.include_router(commands_router)
    app.include_router(reads_router)
    app.include_router(observations_router)
    return app
