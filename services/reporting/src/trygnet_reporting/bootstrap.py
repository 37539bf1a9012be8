"""Wiring of the reporting service: settings in, a FastAPI app out. No I/O until startup."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.auth import AuthSettings
from trygnet_core.components import Component
from trygnet_core.consumer import Consumer
from trygnet_core.consumer_partitions import Share
from trygnet_core.consumer_settings import ConsumerSettings
from trygnet_core.database import create_engine
from trygnet_core.service import create_stored_app, migrations_of, settings_from_env
from trygnet_reporting import national, network_report
from trygnet_reporting.api.exchange import router as exchange_router
from trygnet_reporting.api.routes import router
from trygnet_reporting.api.situation import router as situation_router
from trygnet_reporting.national import NationalFigures
from trygnet_reporting.projections import Projector
from trygnet_reporting.rebuild import Rebuilds

SERVICE = "reporting"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    database_url: str
    bootstrap_servers: str | None
    auth: AuthSettings
    actors_topic: str = "trygnet.actors"
    activities_topic: str = "trygnet.activities"
    incidents_topic: str = "trygnet.incidents"
    network_interval: float = 2.0
    """Seconds between two recomputations of one network under a stream of events."""
    consumer_options: tuple[tuple[str, float | bool], ...] = ()
    """``Consumer`` settings: ``ConsumerSettings`` from the environment (tests shorten the
    timeouts further)."""

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            **settings_from_env(SERVICE),
            network_interval=float(os.environ.get("TRYGNET_NETWORK_INTERVAL", "2.0")),
            consumer_options=tuple(ConsumerSettings.from_env().options().items()),
        )

    @property
    def topics(self) -> list[str]:
        return [self.actors_topic, self.activities_topic, self.incidents_topic]


def migrations() -> str:
    """The folder of this service's Alembic revisions."""
    return migrations_of("trygnet_reporting")


def consumer(settings: Settings, engine: AsyncEngine, *, share: Share | None = None) -> Consumer:
    """The projections' consumer: a member of the group ``reporting``, or, for the
    rebuild command that runs alone, reading a ``share`` of every partition (all of
    them: ``Share()``) with no group to join."""
    assert settings.bootstrap_servers, "a consumer needs a broker"
    options = dict(settings.consumer_options)
    if share is not None:
        options["every_partition"] = True
    return Consumer(
        engine,
        name=national.CONSUMER,
        topics=settings.topics,
        bootstrap_servers=settings.bootstrap_servers,
        handler=Projector(),
        share=share,
        **options,  # type: ignore[arg-type]
    )


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
