"""Wiring of the reporting service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.components import Component
from trygnet_core.consumer import Consumer
from trygnet_core.database import create_engine
from trygnet_core.service import create_stored_app
from trygnet_reporting import network_report
from trygnet_reporting.api.exchange import router as exchange_router
from trygnet_reporting.api.routes import router
from trygnet_reporting.api.situation import router as situation_router
from trygnet_reporting.national import NationalFigures
from trygnet_reporting.rebuild import Rebuilds
from trygnet_reporting.settings import SERVICE, Settings, consumer, migrations

__all__ = ["SERVICE", "Settings", "consumer", "create_app", "migrations"]
log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> FastAPI:
    """The service's app; ``engine`` overrides ``settings.database_url`` (tests pass one)."""
    settings = settings or Settings.from_env()
    engine = engine or create_engine(settings.database_url)
    components: list[Component] = []
    projections: Consumer | None = None
    if settings.bootstrap_servers:
        projections = consumer(settings, engine)
        components.append(projections)
    else:
        log.warning("KAFKA_BOOTSTRAP_SERVERS is not set: the reports stay as they are")

    app = create_stored_app(
        service=SERVICE,
        engine=engine,
        auth=settings.auth,
        migrations=migrations(),
        components=components,
    )
    app.state.engine = engine
    app.state.consumer = projections
    app.state.rebuilds = Rebuilds(projections) if projections is not None else None
    app.state.network_interval = settings.network_interval
    app.state.network_recomputations = network_report.Recomputations()
    app.state.national_figures = NationalFigures()
    app.include_router(router)
    app.include_router(exchange_router)
    app.include_router(situation_router)
    return app
