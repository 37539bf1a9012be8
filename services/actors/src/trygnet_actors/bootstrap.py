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
from trygnet_core.path_ids import path_ids_well_formed
from trygnet_core.service import WritingSettings, writing_service
from trygnet_core.service_settings import migrations_of

SERVICE = "actors"
TOPIC = "trygnet.actors"


@dataclass(frozen=True)
class Settings(WritingSettings):
    service: ClassVar[str] = SERVICE
    topic: str = TOPIC


def migrations() -> str:
    """The folder of this service's Alembic revisions."""
    return migrations_of("trygnet_actors")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    service = writing_service(
        settings or Settings.from_env(),
        engine=engine,
        state=lambda _store: update_state,
        migrations=migrations(),
    )
    app = service.app
    handlers = ActorsHandlers(service.store, service.personal_data)
    queries = ActorsQueries(service.engine, service.personal_data)
    app.state.handlers = handlers
    app.state.queries = queries
    app.state.importer = ActorImport(handlers, queries)
    app.include_router(command_router, dependencies=[Depends(path_ids_well_formed)])
    app.include_router(read_router, dependencies=[Depends(path_ids_well_formed)])
    app.include_router(import_router)
    return app
