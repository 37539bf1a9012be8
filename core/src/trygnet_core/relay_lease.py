"""The relay lease: one relay publishes a topic, however many replicas its service has.

Every replica of a writing service serves HTTP and runs an ``OutboxRelay``; only the
holder of the topic's lease publishes, the others stand by and try to take it once a
second. The lease lives in the topic's row of ``outbox_checkpoints`` (the row that
holds the checkpoint it guards), as three columns:

- ``lease_holder``: who holds it (``TRYGNET_RELAY_HOLDER``, by default host and pid);
- ``lease_expires``: when it lapses, in seconds by the **database's** clock, so that
  replicas on different hosts compare against one clock, never their own;
- ``lease_token``: the fencing token, raised by one at every acquisition.

Why a lease row and not a PostgreSQL advisory lock: an advisory lock is released only
when the server notices its session is gone. That is at once when the holder's process
dies, but after TCP keep-alive (hours by default) when its host freezes or the network
parts, and never through a pooler in transaction mode; and the holder itself learns it
lost the lock only when it next asks. The row states its expiry, works alike on SQLite
and PostgreSQL, and carries a token that fences a former holder:

- a relay *acquires* only a lease that has lapsed (or was released, or is its own
  holder name's: a process restarted under the same name takes it back at once) with
  one conditional ``UPDATE``, which concurrent replicas cannot both win (PostgreSQL
  re-checks the condition on the row a concurrent winner wrote; SQLite has one writer);
- before **every batch** the relay reads the row: a token that is no longer its own
  means another relay holds the lease (``LeaseLost``: it sends nothing more and stands
  by); less than the batch's send time left means it renews first;
- every write of its progress (checkpoint, partition offsets, a new epoch) is
  conditional on its token in the same statement, so a former holder cannot move the
  checkpoint the new holder publishes from;
- a relay that stops releases the lease (a rolling restart hands over at once); one
  that crashes keeps it until it lapses (``lease_seconds``, 15 s by default).

What a lease cannot fence is a batch already handed to the broker when its holder froze
(a pause longer than the lease in the middle of a send): its messages may land after
the next holder's. They are copies of events the next holder publishes too, from the
last saved checkpoint, and the consumers apply each event once and each stream in
version order, so a copy changes nothing.
"""

from __future__ import annotations

import functools
import logging
from datetime import UTC, datetime
from typing import Any, NoReturn

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    and_,
    bindparam,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.database import read_only, writing
from trygnet_core.schema import outbox_checkpoints

log = logging.getLogger(__name__)
_row = outbox_checkpoints.c


class LeaseLost(Exception):
    """Another relay holds the topic's lease: this one must not publish."""


@functools.cache
def _time_left(dialect: str) -> Select[Any]:
    """``remaining``'s statement, built once for each database: the relay asks before
    each batch it publishes."""
    left = (_row.lease_expires - _database_seconds(dialect)).label("left")
    return select(_row.lease_token, left).where(_row.topic == bindparam("topic"))


def _database_seconds(dialect: str) -> ColumnElement[float]:
    """Now, in seconds since 1970, by the database server's clock."""
    if dialect == "postgresql":
        return literal_column("extract(epoch from clock_timestamp())", Float)
    return literal_column("((julianday('now') - 2440587.5) * 86400.0)", Float)


class RelayLease:
    """The lease on one topic's relay, held by ``holder`` for ``seconds`` at a time."""

    def __init__(self, engine: AsyncEngine, *, topic: str, holder: str, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("a relay lease lasts a positive number of seconds")
        self.engine = engine
        self.topic = topic
        self.holder = holder
        self.seconds = seconds
        self.token: int | None = None
        """The fencing token while this relay holds the lease; None while it stands by."""

    @property
    def held(self) -> bool:
        return self.token is not None

    def _now(self) -> ColumnElement[float]:
        return _database_seconds(self.engine.dialect.name)

    async def acquire(self) -> bool:
        """Take the lease if it lapsed, was released or is this holder name's; True when
        this relay holds it now."""
        if self.token is not None:
            return True
        now = self._now()
        async with writing(self.engine) as conn:
            await self._ensure_row(conn)
            taken = await conn.execute(
                update(outbox_checkpoints)
                .where(
                    _row.topic == self.topic,
                    or_(_row.lease_expires <= now, _row.lease_holder == self.holder),
                )
                .values(
                    lease_holder=self.holder,
                    lease_token=_row.lease_token + 1,
                    lease_expires=now + self.seconds,
                )
                .returning(_row.lease_token)
            )
            token = taken.scalar_one_or_none()
        if token is not None:
            self.token = int(token)
            log.info(
                "relay lease taken",
                extra={"topic": self.topic, "holder": self.holder, "token": self.token},
            )
        return self.token is not None

    async def remaining(self, *, needed: float) -> float:
        """Seconds the lease has left, renewed first when fewer than ``needed`` are left.
        Raises ``LeaseLost`` when another relay holds it (this one was fenced)."""
        token = self._token()
        query = _time_left(self.engine.dialect.name)
        async with read_only(self.engine) as conn:
            row = (await conn.execute(query, {"topic": self.topic})).first()
        if row is None or row.lease_token != token:
            self.lost("another relay took the lease")
        left = float(row.left)
        if left >= needed:
            return left
        async with writing(self.engine) as conn:
            await self.update_fenced(
                conn,
                "another relay took the lease before it was renewed",
                lease_expires=self._now() + self.seconds,
            )
        return self.seconds

    def fence(self) -> ColumnElement[bool]:
        """The condition a write of the relay's progress carries: the topic's row, while
        its token is still this relay's (a former holder's write then changes nothing)."""
        return and_(_row.topic == self.topic, _row.lease_token == self._token())

    async def update_fenced(self, conn: AsyncConnection, why: str, **values: Any) -> None:
        """Set ``values`` on the topic's row while its token is still this relay's;
        ``LeaseLost`` (for ``why``) when another relay holds the lease."""
        updated = await conn.execute(
            update(outbox_checkpoints).where(self.fence()).values(**values)
        )
        if updated.rowcount != 1:
            self.lost(why)

    def _token(self) -> int:
        if self.token is None:
            raise LeaseLost(f"{self.topic}: this relay does not hold the lease")
        return self.token

    def lost(self, why: str) -> NoReturn:
        log.warning(
            "relay lease lost; standing by",
            extra={"topic": self.topic, "holder": self.holder, "reason": why},
        )
        self.token = None
        raise LeaseLost(f"{self.topic}: {why}")

    async def release(self) -> None:
        """Give the lease up at once (a relay that stops), so a standby takes it now."""
        token, self.token = self.token, None
        if token is None:
            return
        async with writing(self.engine) as conn:
            await conn.execute(
                update(outbox_checkpoints)
                .where(_row.topic == self.topic, _row.lease_token == token)
                .values(lease_expires=0.0)
            )

    async def _ensure_row(self, conn: AsyncConnection) -> None:
        """The topic's row, made once (by whichever replica comes first)."""
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        await conn.execute(
            dialect.insert(outbox_checkpoints)
            .values(
                topic=self.topic,
                transaction_id=0,
                position=0,
                epoch=0,
                published=0,
                updated_at=datetime.now(UTC),
                lease_token=0,
                lease_expires=0.0,
            )
            .on_conflict_do_nothing(index_elements=["topic"])
        )
