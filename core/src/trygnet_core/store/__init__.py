"""The event store: one interface, SQLite and PostgreSQL behind it."""

from trygnet_core.store.event_store import EventStore
from trygnet_core.store.relay_rows import RelayRow, checkpoint_of
from trygnet_core.store.types import (
    ALL_TENANTS,
    AllTenants,
    Checkpoint,
    ConcurrencyConflict,
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
    "RelayRow",
    "StateUpdater",
    "StreamAppend",
    "Upcasters",
    "checkpoint_of",
]
