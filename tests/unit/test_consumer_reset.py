"""A log taken for reset only when it stays short: a node of a Kafka cluster restarted and
made leader again answers, until its followers have fetched, an end from its last
checkpoint (0 for a young topic). Seen once, that is not a lost log; read again from the
start for it, the consumer would raise a false alarm and read the partition again.

The broker's answers are given here by a stand-in for the one call the check makes; the
same check against real brokers runs in tests/integration/test_consumer.py (a log that
was reset) and tests/kafka/test_relay_on_kafka.py (nodes killed and restarted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import TopicPartition

from tests.conftest import sqlite_engine
from trygnet_core import consumer_assignment
from trygnet_core.consumer_assignment import reset_logs
from trygnet_core.consumer_tracking import StoredPosition, Tracking

TOPIC = "trygnet.incidents"
TP = TopicPartition(TOPIC, 0)


class Ends:
    """What a broker answers, in turn, for the end of the partition."""

    def __init__(self, answers: list[int]) -> None:
        self._answers: Iterator[int] = iter(answers)
        self.asked = 0

    async def end_offsets(self, parts: list[TopicPartition]) -> dict[TopicPartition, int]:
        self.asked += 1
        end = next(self._answers)
        return dict.fromkeys(parts, end)


async def _reset_after(answers: list[int], tmp_path: Path) -> tuple[set[TopicPartition], int]:
    engine = await sqlite_engine(tmp_path / "projection.db")
    try:
        tracking = Tracking(engine, consumer="c")
        tracking.positions[(TOPIC, 0)] = StoredPosition(next_offset=40, epoch=0)
        ends = Ends(answers)
        reset = await reset_logs(
            ends,  # type: ignore[arg-type]
            [TP],
            tracking=tracking,
            bootstrap_servers="127.0.0.1:1",
        )
        return reset, ends.asked
    finally:
        await engine.dispose()


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consumer_assignment, "RESET_SIGHTING_PAUSE", 0.0)


async def test_an_end_seen_short_once_is_a_leader_catching_up_not_a_reset(tmp_path: Path) -> None:
    reset, asked = await _reset_after([0, 40], tmp_path)
    assert reset == set()
    assert asked == 2


async def test_a_log_short_on_every_sighting_is_taken_for_reset(tmp_path: Path) -> None:
    reset, asked = await _reset_after([0, 0, 0], tmp_path)
    assert reset == {TP}
    assert asked == consumer_assignment.RESET_SIGHTINGS


async def test_a_log_at_or_past_the_stored_position_is_asked_once(tmp_path: Path) -> None:
    reset, asked = await _reset_after([40], tmp_path)
    assert (reset, asked) == (set(), 1)
