"""The reporting service's settings, where its migrations are, and the projections'
consumer they make: what ``trygnet-reporting rebuild``'s processes need, without the app
(``bootstrap``)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.auth import AuthSettings
from trygnet_core.consumer import Consumer
from trygnet_core.consumer_partitions import Share
from trygnet_core.consumer_settings import ConsumerSettings
from trygnet_core.service_settings import migrations_of, settings_from_env
from trygnet_reporting import national
from trygnet_reporting.projections import Projector

SERVICE = "reporting"


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
