"""Wiring of the actors service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_actors.api.commands import router as command_router
from trygnet_actors.api.imports import router as import_router
from trygnet_actors.api.reads import router as read_router
from trygnet_actors.handlers import ActorsHandlers
from trygnet_actors.imports import ActorImport
from trygnet_actors.queries import ActorsQueries
from trygnet_actors.read_model import update_state
from trygnet_core.database import create_engine
from trygnet_core.path_ids import path_ids_well_formed
from trygnet_core.personal_data import PersonalData
from trygnet_core.service import WritingSettings, create_writing_app, migrations_of
from trygnet_core.store import EventStore

SERVICE = "actors"
TOPIC = "trygnet.actors"


@dataclass(frozen=True)
class Settings(WritingSettings):
    service: ClassVar[str] = SERVICE
    topic: str = TOPIC


def migrations() -> str:
    return migrations_of("trygnet_actors")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    settings = settings or Settings.from_env()
    engine = engine or create_engine(settings.database_url)
    store = EventStore(engine, state_updaters=[update_state])
    personal_data = PersonalData.from_env()
    app = create_writing_app(settings, engine=engine, store=store, migrations=migrations())
    handlers = ActorsHandlers(store, personal_data)
    queries = ActorsQueries(engine, personal_data)
    app.state.handlers = handlers
    app.state.queries = queries
    app.state.importer = ActorImport(handlers, queries)
    app.include_router(command_router, dependencies=[Depends(path_ids_well_formed)])
    app.include_router(read_router, dependencies=[Depends(path_ids_well_formed)])
    app.include_router(import_router)
    return app
