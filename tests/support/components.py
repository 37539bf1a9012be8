"""Relays and consumers with the short timeouts tests want (DESIGN.md: 2-3 s sessions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.consumer import Consumer, Handler
from trygnet_core.relay import OutboxRelay
from trygnet_core.store import EventStore


def quick_relay(
    store: EventStore, *, topic: str, bootstrap_servers: str, **options: Any
) -> OutboxRelay:
    settings: dict[str, Any] = {
        "idle_interval": 0.05,
        "loss_check_interval": 0.5,
        "max_backoff": 0.5,
        "request_timeout": 1.5,
    }
    settings.update(options)
    return OutboxRelay(
        store, service="incidents", topic=topic, bootstrap_servers=bootstrap_servers, **settings
    )


def quick_consumer(
    engine: AsyncEngine,
    *,
    topics: Sequence[str],
    bootstrap_servers: str,
    handler: Handler,
    name: str,
    **options: Any,
) -> Consumer:
    settings: dict[str, Any] = {
        "session_timeout_ms": 2000,
        "heartbeat_interval_ms": 500,
        "reset_check_interval": 1.0,
    }
    settings.update(options)
    return Consumer(
        engine,
        name=name,
        topics=topics,
        bootstrap_servers=bootstrap_servers,
        handler=handler,
        **settings,
    )
