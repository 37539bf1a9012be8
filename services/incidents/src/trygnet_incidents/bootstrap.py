"""Wiring of the incidents service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.service import WritingSettings, writing_service
from trygnet_core.service_settings import migrations_of
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
    service = writing_service(
        settings or Settings.from_env(), engine=engine, state=incidents_of, migrations=migrations()
    )
    app = service.app
    app.state.handlers = IncidentsHandlers(service.store, service.personal_data)
    app.include_router(commands_router)
    app.include_router(reads_router)
    app.include_router(observations_router)
    return app
