"""Wiring of the activities service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_activities.api.commands import router as commands_router
from trygnet_activities.api.exchange import router as exchange_router
from trygnet_activities.api.imports import router as imports_router
from trygnet_activities.api.reads import router as reads_router
from trygnet_activities.exchange import ExchangeHandlers
from trygnet_activities.handlers import ActivitiesHandlers
from trygnet_activities.read_model import documents_of
from trygnet_core.path_ids import path_ids_well_formed
from trygnet_core.service import WritingSettings, writing_service
from trygnet_core.service_settings import migrations_of

SERVICE = "activities"


@dataclass(frozen=True)
class Settings(WritingSettings):
    service: ClassVar[str] = SERVICE
    topic: str = "trygnet.activities"
    actors_topic: str | None = "trygnet.actors"


def migrations() -> str:
    """The folder of this service's Alembic revisions."""
    return migrations_of("trygnet_activities")


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    service = writing_service(
        settings or Settings.from_env(), engine=engine, state=documents_of, migrations=migrations()
    )
    app, store, personal_data = service.app, service.store, service.personal_data
    app.state.store = store  # the reads read through the store (api/reads.py)
    app.state.personal_data = personal_data
    app.state.handlers = ActivitiesHandlers(store, personal_data)
    app.state.exchange = ExchangeHandlers(store, personal_data)
    well_formed = [Depends(path_ids_well_formed)]
    app.include_router(commands_router, dependencies=well_formed)
    app.include_router(exchange_router, dependencies=well_formed)
    app.include_router(imports_router)
    app.include_router(reads_router, dependencies=well_formed)
    return app
