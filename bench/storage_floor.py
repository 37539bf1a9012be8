"""SQLite's own price for what each library stores, with no Python framework on top.

Plain ``sqlite3`` on one thread, statements cached by the driver, the same
``journal_mode=WAL`` and ``synchronous=NORMAL``, one transaction per command:

- ``trygnet``: what the kernel writes (the stream row moved or inserted, then one
  multi-row ``INSERT ... RETURNING`` of the events, their ids time-ordered as
  ``trygnet_core.event_ids`` makes them) into the kernel's migrated
  tables: a unique (tenant, stream, version) and a unique event id on the events,
  streams a ``WITHOUT ROWID`` table (``kernel_0004``).
- ``trygnet_random_ids``: the same with random (version 4) event ids, as the
  kernel made them before its ids were time-ordered.
- ``trygnet_without_event_id_index``: the same without the unique event id: what
  that uniqueness (the guard against an event stored twice) costs.
- ``trygnet_before_0004``: the same, random ids, into the tables as they were before
  ``kernel_0004``: also an index on (tenant, position) and one on
  (transaction_id, position), which SQLite never used, and streams a rowid table
  with an index on its key.
- ``peer``: what eventsourcing's ``SQLiteApplicationRecorder`` writes: one
  ``INSERT`` per event into its table keyed by (originator_id, version).

The rate of each is a ceiling for any library on top; their ratio is the part
of the gap that comes from what Trygnet stores rather than from how it calls
the database.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Final

from bench.databases import SQLiteSite
from bench.peer_writers import sqlite_peer
from bench.workload import ACTOR, COMMANDS_PER_STREAM, expected_version, timeline_entry
from trygnet_core.event_ids import new_event_id

SIZES: Final = (1, 10)
_COLUMNS: Final = (
    "tenant_id, stream_id, stream_type, version, event_id, type, schema_version, "
    "data, metadata, recorded_at"
)


_LAYOUTS: Final = {
    # name: (the kernel's tables changed by, event ids made by)
    "trygnet": (None, lambda: new_event_id().hex),
    "trygnet_random_ids": (None, lambda: uuid.uuid4().hex),
    "trygnet_without_event_id_index": ("without_event_id_index", lambda: new_event_id().hex),
    "trygnet_before_0004": ("before_0004", lambda: uuid.uuid4().hex),
}


async def storage_floor(site: SQLiteSite, *, commands: int) -> dict[str, dict[str, float]]:
    """Commands per second of plain sqlite3 writes, per table layout and size."""
    found: dict[str, dict[str, float]] = {name: {} for name in [*_LAYOUTS, "peer"]}
    for size in SIZES:
        for layout, (change, new_id) in _LAYOUTS.items():
            name = f"floor_{layout}_{size}"
            engine = await site.trygnet_engine(name, writers=1)
            await engine.dispose()
            db = _connect(site.file(name))
            if change == "before_0004":
                _as_before_0004(db)
            elif change == "without_event_id_index":
                _without_event_id_index(db)
            command = partial(_trygnet_command, new_id=new_id)
            found[layout][str(size)] = _timed(db, command, size, commands)
            db.close()
        path = site.file(f"floor_peer_{size}")
        sqlite_peer(path, writers=1).close()
        db = _connect(path)
        found["peer"][str(size)] = _timed(db, _peer_command, size, commands)
        db.close()
    return found


def _without_event_id_index(db: sqlite3.Connection) -> None:
    """The events table without its unique event id (what that uniqueness costs)."""
    (created,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()
    without = re.sub(r",\s*CONSTRAINT uq_events_event_id UNIQUE \(event_id\)", "", created)
    assert without != created, created
    db.execute("DROP TABLE events")
    db.execute(without)


def _as_before_0004(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX ix_events_tenant_position ON events (tenant_id, position)")
    db.execute("CREATE INDEX ix_events_transaction_position ON events (transaction_id, position)")
    db.execute("DROP TABLE streams")
    db.execute(
        "CREATE TABLE streams (tenant_id VARCHAR(64) NOT NULL, stream_id VARCHAR(200) NOT NULL, "
        "stream_type VARCHAR(100) NOT NULL, version INTEGER NOT NULL, "
        "transaction_id BIGINT DEFAULT 0 NOT NULL, PRIMARY KEY (tenant_id, stream_id))"
    )


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


Command = Callable[[sqlite3.Connection, str, int, int], None]


def _timed(db: sqlite3.Connection, command: Command, size: int, commands: int) -> float:
    for number in range(COMMANDS_PER_STREAM):
        command(db, "warm", number, size)
    start = time.perf_counter()
    for number in range(commands):
        command(db, "run", number, size)
    return commands / (time.perf_counter() - start)


def _trygnet_command(
    db: sqlite3.Connection, prefix: str, number: int, size: int, *, new_id: Callable[[], str]
) -> None:
    stream_number = number // COMMANDS_PER_STREAM
    stream = f"incident-{prefix}-{stream_number}"
    expected = expected_version(number, size)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    meta = json.dumps({"actor": ACTOR, "causation_id": str(uuid.uuid4())}, separators=(",", ":"))
    db.execute("BEGIN IMMEDIATE")
    if expected == 0:
        db.execute(
            "INSERT INTO streams (tenant_id, stream_id, stream_type, version, transaction_id) "
            "VALUES ('0101', ?, 'Incident', ?, 0) ON CONFLICT DO NOTHING",
            (stream, expected + size),
        )
    else:
        db.execute(
            "UPDATE streams SET version = ?, transaction_id = 0 "
            "WHERE tenant_id = '0101' AND stream_id = ? AND version = ?",
            (expected + size, stream, expected),
        )
    values = []
    for version in range(expected + 1, expected + size + 1):
        data = json.dumps(timeline_entry(stream_number, version), separators=(",", ":"))
        values += ["0101", stream, "Incident", version, new_id(), "TimelineEntryAdded"]
        values += [1, data, meta, now]
    rows = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * size)
    db.execute(
        f"INSERT INTO events ({_COLUMNS}) VALUES {rows} RETURNING position, event_id", values
    ).fetchall()
    db.execute("COMMIT")


def _peer_command(db: sqlite3.Connection, prefix: str, number: int, size: int) -> None:
    stream_number = number // COMMANDS_PER_STREAM
    originator = uuid.uuid5(uuid.NAMESPACE_URL, f"{prefix}-{stream_number}").hex
    expected = expected_version(number, size)
    db.execute("BEGIN")
    for version in range(expected + 1, expected + size + 1):
        state = {"originator_id": originator, "originator_version": version}
        state |= {"timestamp": datetime.now(UTC).isoformat()}
        state |= timeline_entry(stream_number, version)
        db.execute(
            "INSERT INTO stored_events VALUES (?, ?, ?, ?)",
            (originator, version, "incidents:TimelineEntryAdded", json.dumps(state).encode()),
        )
    db.execute("COMMIT")
