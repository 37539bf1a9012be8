"""The event store's values: what a caller passes and gets back, and its conflict.

``ConcurrencyConflict`` (the stream moved since it was read), ``ALL_TENANTS`` (the
explicit marker of the few readers spanning tenants), a ``Page`` of events, the relay's
``Checkpoint``, one ``StreamAppend`` of a batch, and the ``StateUpdater`` that a
service registers to keep its current state in the append's transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.envelope import NewEvent, RecordedEvent
from trygnet_core.errors import Conflict
from trygnet_core.tenancy import TenantId

StateUpdater = Callable[[AsyncConnection, Sequence[RecordedEvent]], Awaitable[None]]


class ConcurrencyConflict(Conflict):
    """Another command changed the stream since the caller read it."""

    def __init__(
        self, *, stream_id: str, expected_version: int, actual_version: int | None
    ) -> None:
        actual = "unknown" if actual_version is None else str(actual_version)
        super().__init__(
            f"stream {stream_id} is at version {actual}, not {expected_version}: "
            "read it again and retry",
            field="expectedVersion",
        )
        self.stream_id = stream_id
        self.expected_version = expected_version
        self.actual_version = actual_version


class AllTenants:
    """Explicit marker for the few readers that span tenants (relay, rebuild, national)."""

    def __repr__(self) -> str:
        return "ALL_TENANTS"


ALL_TENANTS: Final = AllTenants()


@dataclass(frozen=True, slots=True)
class Page:
    events: Sequence[RecordedEvent]
    next_after: int
    """Pass as ``after`` to read the next page; equal to the input when the page is empty."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far the relay has published: ``(transaction_id, position)`` (see backends.py)."""

    transaction_id: int = 0
    position: int = 0


@dataclass(frozen=True, slots=True)
class StreamAppend:
    """One append of a batch for ``EventStore.append_many``."""

    tenant: TenantId
    stream_id: str
    stream_type: str
    expected_version: int
    events: Sequence[NewEvent]
    metadata: Mapping[str, Any] | None = None
