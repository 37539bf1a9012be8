"""What differs between SQLite and PostgreSQL in the event store, and nothing else.

The relay must publish every committed event and never skip one. A position
(the global sequence) is drawn when a row is inserted, not when its transaction
commits, so on PostgreSQL a transaction holding position 41 may commit *after*
one holding 42. A relay that had already published 42 and then read
``position > 42`` would skip 41 forever.

PostgreSQL: each event row stores the id of the transaction that wrote it
(``pg_current_xact_id()``, column ``transaction_id``). The relay reads only rows
whose transaction id is below the xmin of its snapshot
(``pg_snapshot_xmin(pg_current_snapshot())``): every transaction with a lower id
has finished, so no row with a lower id can still appear. It reads them in
``(transaction_id, position)`` order and keeps that pair as its checkpoint. A row
that commits late belonged to a transaction still running when the relay read,
whose id was therefore at or above that xmin, so it sorts after the checkpoint
and is read on a later pass: late commits are delayed, never skipped. The price:
a transaction left open anywhere in the cluster holds the relay back until it ends.

Stream order on the wire then follows transaction-id order, which must agree with
version order within each stream. It would not if a transaction got its id (by
writing something) *before* it read the stream, and then appended after a
younger transaction's append to the same stream had committed. So the append's
``UPDATE streams`` also demands ``streams.transaction_id <= pg_current_xact_id()``:
such an out-of-order writer finds no row to update and gets a conflict, and its
retry runs in a new transaction with a newer id. Appends that read and write in
one transaction never meet this.

SQLite: one writer at a time, holding the write lock from its first insert to its
commit, so positions commit in order; the relay reads ``position > checkpoint``
and the transaction id is always 0.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, Insert, and_, literal, literal_column, tuple_
from sqlalchemy.dialects import postgresql, sqlite

from trygnet_core.schema import events, streams


class Backend(Protocol):
    def current_transaction_id(self) -> ColumnElement[int]: ...

    def insert_new_stream(self) -> Insert: ...

    def append_guard(self) -> ColumnElement[bool]: ...

    def published_after(self, transaction_id: int, position: int) -> ColumnElement[bool]: ...


class SQLiteBackend:
    def current_transaction_id(self) -> ColumnElement[int]:
        return literal(0)

    def insert_new_stream(self) -> Insert:
        return sqlite.insert(streams).on_conflict_do_nothing()

    def append_guard(self) -> ColumnElement[bool]:
        return literal(True)

    def published_after(self, transaction_id: int, position: int) -> ColumnElement[bool]:
        return events.c.position > position


class PostgresBackend:
    _xid: ColumnElement[int] = literal_column("(pg_current_xact_id()::text::bigint)")
    _horizon: ColumnElement[int] = literal_column(
        "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint)"
    )

    def current_transaction_id(self) -> ColumnElement[int]:
        return self._xid

    def insert_new_stream(self) -> Insert:
        return postgresql.insert(streams).on_conflict_do_nothing()

    def append_guard(self) -> ColumnElement[bool]:
        return streams.c.transaction_id <= self._xid

    def published_after(self, transaction_id: int, position: int) -> ColumnElement[bool]:
        return and_(
            tuple_(events.c.transaction_id, events.c.position) > tuple_(transaction_id, position),
            events.c.transaction_id < self._horizon,
        )


def backend_for(dialect: str) -> Backend:
    if dialect == "sqlite":
        return SQLiteBackend()
    if dialect == "postgresql":
        return PostgresBackend()
    raise ValueError(f"Trygnet's event store runs on SQLite or PostgreSQL, not {dialect}")


__all__ = ["Backend", "PostgresBackend", "SQLiteBackend", "backend_for"]
