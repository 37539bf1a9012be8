"""What the consumer keeps in memory of the versions it applied: only committed
batches, the most recent streams, and read before the database is asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiokafka import ConsumerRecord
from sqlalchemy import event

from tests.conftest import sqlite_engine
from tests.integration.test_consumer import recorded
from trygnet_core import consumer_tracking
from trygnet_core.consumer_tracking import Tracking
from trygnet_core.consumer_waits import StreamWaits
from trygnet_core.database import writing
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.keys_in import KEYS_AT_ONCE


def received(stream: str, version: int) -> tuple[ConsumerRecord[bytes, bytes], ReceivedEvent]:
    event = recorded(stream, version)
    record = ConsumerRecord("trygnet.actors", 0, version, 0, 0, None, b"", 0, 0, [], 0)
    return record, ReceivedEvent(service="actors", event=event, epoch=0)


async def test_only_a_committed_batch_is_kept_and_the_oldest_streams_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(consumer_tracking, "RECENT_STREAMS", 5)
    engine = await sqlite_engine(tmp_path / "tracking.db")
    tracking = Tracking(engine, consumer="reporting")
    first = [received("actor-1", 1), received("actor-2", 1)]

    async with writing(engine) as conn:
        await tracking.load_streams(conn, [e for _, e in first])
        assert [tracking.admit(e) for _, e in first] == ["apply", "apply"]
        await tracking.save(conn, first)
    assert tracking.recent_version(("0101", "actors", "actor-1")) == 0, "not before the commit"
    tracking.confirm()
    assert tracking.recent_version(("0101", "actors", "actor-1")) == 1

    rolled_back = [received("actor-1", 2)]
    async with writing(engine) as conn:
        await tracking.load_streams(conn, [e for _, e in rolled_back])
        assert tracking.admit(rolled_back[0][1]) == "apply"
    tracking.forget_pending()
    assert tracking.recent_version(("0101", "actors", "actor-1")) == 1

    kept = 5
    for n in range(kept):
        assert tracking.admit(received(f"other-{n}", 1)[1]) == "apply"
        tracking.confirm()
        if n == kept - 2:
            assert tracking.recent_version(("0101", "actors", "actor-2")) == 1
    assert tracking.recent_version(("0101", "actors", "actor-1")) == 0, "the oldest went first"
    assert tracking.recent_version(("0101", "actors", f"other-{kept - 1}")) == 1
    # the database still answers for the ones no longer kept
    key = ("0101", "actors", "actor-1")
    assert await tracking.stream_versions([key]) == {key: 1}
    await engine.dispose()


async def test_a_new_epoch_starts_the_partition_at_its_first_offset(tmp_path: Path) -> None:
    """The offset read in the old log is no place in the new one: a seek to it (a
    rebalance before the new log is re-read) would skip the events at its start."""
    engine = await sqlite_engine(tmp_path / "tracking.db")
    tracking = Tracking(engine, consumer="reporting")
    old_log = [received("actor-1", v) for v in (1, 2, 3)]
    async with writing(engine) as conn:
        await tracking.load_streams(conn, [e for _, e in old_log])
        for _, event in old_log:
            tracking.admit(event)
        await tracking.save(conn, old_log)
    tracking.confirm()
    assert tracking.positions[("trygnet.actors", 0)].next_offset == 4
    tracking.start_epoch("trygnet.actors", 0, 1)
    assert tracking.positions[("trygnet.actors", 0)] == consumer_tracking.StoredPosition(0, 1)
    await engine.dispose()


async def test_a_reader_naming_many_streams_is_answered_in_a_read_a_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``POST /admin/applied`` names thousands of streams: the versions no longer kept in
    memory are read in one query a chunk of ``KEYS_AT_ONCE``, never one query a stream, and
    the first stream not applied is the one answered."""
    monkeypatch.setattr(consumer_tracking, "RECENT_STREAMS", 5)
    engine = await sqlite_engine(tmp_path / "tracking.db")
    tracking = Tracking(engine, consumer="reporting")
    batch = [received(f"actor-{n}", 1) for n in range(1000)]
    async with writing(engine) as conn:
        await tracking.load_streams(conn, [e for _, e in batch])
        assert {tracking.admit(e) for _, e in batch} == {"apply"}
        await tracking.save(conn, batch)
    tracking.confirm()
    reads: list[str] = []

    def count(_conn, _cursor, statement: str, *_: object) -> None:
        if "FROM consumer_streams" in statement:
            reads.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    waits = StreamWaits(lambda: tracking)
    wanted = [("actors", f"actor-{n}", 1) for n in range(1000)]
    assert await waits.wait_for_streams(tenant="0101", wanted=wanted, timeout=5) is None
    assert len(reads) == -(-(1000 - 5) // KEYS_AT_ONCE), reads
    unapplied = [("actors", "actor-3", 2), ("actors", "actor-999", 1), ("actors", "none", 1)]
    first = await waits.wait_for_streams(tenant="0101", wanted=unapplied, timeout=0.2)
    assert first == ("actors", "actor-3", 2)
    assert await waits.wait_for_streams(tenant="0851", wanted=wanted[:1], timeout=0.1) == (
        "actors",
        "actor-0",
        1,
    ), "another municipality's stream of that id is not this one's"
    await engine.dispose()
