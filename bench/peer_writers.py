"""The peer's side of an append line: eventsourcing 9.x, threads writing through its recorder.

The comparable piece of eventsourcing is its ``ApplicationRecorder``: the
recorder behind an ``Application`` that also keeps the notification log
followers read (as our outbox relay reads ours). Its ``insert_events`` is one
transaction per call, with optimistic concurrency from the primary key
``(originator_id, originator_version)``. The benchmark calls it directly with
``StoredEvent`` rows whose ``state`` is the same timeline entry as JSON (with
the originator id, version and timestamp the library's transcoder would add),
so the peer does no aggregate or mapper work that Trygnet's store does not do
either. A sync library's natural concurrency is threads: one thread per writer.

Settings, read from the installed package (``eventsourcing/sqlite.py``,
``postgres.py``):

- SQLite: WAL, a deferred ``BEGIN``, and a process-wide writer lock in its
  connection pool (one writing connection at a time). Its default
  ``synchronous`` is SQLite's ``FULL``; the benchmark sets ``NORMAL`` on each of
  its connections, as Trygnet does, so both make the same durability promise.
- PostgreSQL (psycopg 3): each insert is one pipelined transaction that takes
  ``LOCK TABLE ... IN EXCLUSIVE MODE`` (so notification ids commit in order)
  and sends ``NOTIFY``; the pool has a connection per writer.
"""

from __future__ import annotations

import gc
import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteDatastore,
)

from bench.databases import PostgresParams
from bench.workload import COMMANDS_PER_STREAM, Shape, Timing, expected_version, timeline_entry

_TOPIC: Final = "trygnet_incidents.domain:Incident.TimelineEntryAdded"


class _NormalSynchronousPool(SQLiteConnectionPool):
    """eventsourcing's pool, with ``synchronous=NORMAL`` like Trygnet's connections."""

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
        return connection


@dataclass(slots=True)
class PeerStore:
    recorder: ApplicationRecorder
    datastore: SQLiteDatastore | PostgresDatastore

    def close(self) -> None:
        self.datastore.close()

    def settings(self) -> dict[str, str]:
        """What the peer's connections actually use, read back from the database."""
        if isinstance(self.datastore, SQLiteDatastore):
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute("PRAGMA journal_mode")
                journal = str(cursor.fetchone()[0])
                cursor.execute("PRAGMA synchronous")
                synchronous = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cursor.fetchone()[0]]
            return {"journal_mode": journal, "synchronous": synchronous}
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute("SHOW synchronous_commit")
            row = cursor.fetchone()
        return {"synchronous_commit": str(row["synchronous_commit"]) if row else "?"}


def sqlite_peer(path: Path, *, writers: int) -> PeerStore:
    size = writers + 2
    datastore = SQLiteDatastore(str(path), lock_timeout=30, pool_size=size, max_overflow=4)
    datastore.pool.close()
    datastore.pool = _NormalSynchronousPool(
        db_name=str(path), lock_timeout=30, pool_size=size, max_overflow=4
    )
    recorder = SQLiteApplicationRecorder(datastore)
    recorder.create_table()
    return PeerStore(recorder=recorder, datastore=datastore)


def postgres_peer(params: PostgresParams, schema: str, *, writers: int) -> PeerStore:
    datastore = PostgresDatastore(
        params.dbname,
        params.host,
        params.port,
        params.user,
        params.password,
        pool_size=writers,
        max_overflow=2,
        schema=schema,
    )
    recorder = PostgresApplicationRecorder(datastore)
    recorder.create_table()
    return PeerStore(recorder=recorder, datastore=datastore)


def run_peer_writers(peer: PeerStore, shape: Shape, *, commands_per_writer: int) -> Timing:
    """``shape.writers`` threads, each inserting ``commands_per_writer`` commands."""
    size = shape.events_per_command
    start_line = threading.Barrier(shape.writers + 1)
    failures: list[BaseException] = []

    def writer() -> None:
        start_line.wait()
        originator = uuid.uuid4()
        try:
            for command in range(commands_per_writer):
                stream_number = command // COMMANDS_PER_STREAM
                if command % COMMANDS_PER_STREAM == 0:
                    originator = uuid.uuid4()
                expected = expected_version(command, size)
                peer.recorder.insert_events(
                    [_stored(originator, expected + i, stream_number) for i in range(1, size + 1)]
                )
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(shape.writers)]
    for thread in threads:
        thread.start()
    gc.collect()
    cpu = time.process_time()
    start_line.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    if failures:
        raise failures[0]
    commands = commands_per_writer * shape.writers
    return Timing(
        commands=commands, events=commands * size, seconds=seconds, cpu_seconds=cpu_seconds
    )


def _stored(originator: uuid.UUID, version: int, stream_number: int) -> StoredEvent:
    state = {
        "originator_id": str(originator),
        "originator_version": version,
        "timestamp": datetime.now(UTC).isoformat(),
        **timeline_entry(stream_number, version),
    }
    return StoredEvent(
        originator_id=originator,
        originator_version=version,
        topic=_TOPIC,
        state=json.dumps(state, separators=(",", ":")).encode(),
    )
