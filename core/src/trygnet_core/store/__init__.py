"""The event store: one interface, SQLite and PostgreSQL behind it."""

from trygnet_core.store.event_store import (
    ALL_TENANTS,
    AllTenants,
    Checkpoint,
    ConcurrencyConflict,
    EventStore,
    Page,
    StateUpdater,
    StreamAppend,
)
from trygnet_core.store.upcasting import Upcasters

__all__ = [
    "ALL_TENANTS",
    "AllTenants",
    "Checkpoint",
    "ConcurrencyConflict",
    "EventStore",
    "Page",
    "StateUpdater",
    "StreamAppend",
    "Upcasters",
]
