"""A log taken for reset only when its last message carries another relay epoch, or when
it stays empty: a node of a Kafka cluster restarted and made leader again answers, until
its followers have fetched, an end from its last checkpoint (0 for a young topic), and
the embedded broker answers the start of its last batch plus one. Seen short, neither is
a lost log; read again from the start for it, the consumer would raise a false alarm and
read the partition again.

The broker's answers (the partition's end, the epoch of the message before it) are given
here by stand-ins for the two calls the check makes; the same check against real brokers
runs in tests/integration/test_consumer.py (a log that was reset, a log that ends short of
its batch) and tests/kafka/test_relay_on_kafka.py (nodes killed and restarted)."""

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


async def _reset_after(
    answers: list[int], tmp_path: Path, *, last_epoch: int | None = None
) -> tuple[set[TopicPartition], int]:
    reset, asked, _ = await _probed_after(answers, tmp_path, last_epoch=last_epoch)
    return reset, asked


async def _probed_after(
    answers: list[int], tmp_path: Path, *, last_epoch: int | None = None
) -> tuple[set[TopicPartition], int, list[dict[TopicPartition, int]]]:
    """What ``reset_logs`` decides, how often it asked for the end, and which offsets it
    read the epoch at (the probe of the broker's messages is given ``last_epoch``)."""
    engine = await sqlite_engine(tmp_path / "projection.db")
    try:
        tracking = Tracking(engine, consumer="c")
        tracking.positions[(TOPIC, 0)] = StoredPosition(next_offset=40, epoch=0)
        ends = Ends(answers)
        probed: list[dict[TopicPartition, int]] = []

        async def epochs_at(
            bootstrap_servers: str, offsets: dict[TopicPartition, int]
        ) -> dict[TopicPartition, int | None]:
            probed.append(offsets)
            return dict.fromkeys(offsets, last_epoch)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(consumer_assignment, "_epochs_at", epochs_at)
            reset = await reset_logs(
                ends,  # type: ignore[arg-type]
                [TP],
                tracking=tracking,
                bootstrap_servers="127.0.0.1:1",
            )
        return reset, ends.asked, probed
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


async def test_a_short_log_whose_last_message_has_the_stored_epoch_is_not_reset_nor_waited_for(
    tmp_path: Path,
) -> None:
    """The embedded broker answers the start of its last batch plus one: short, not lost."""
    reset, asked, probed = await _probed_after([36], tmp_path, last_epoch=0)
    assert (reset, asked) == (set(), 1)
    assert probed == [{TP: 35}]


async def test_a_short_log_whose_last_message_has_another_epoch_is_reset_at_once(
    tmp_path: Path,
) -> None:
    reset, asked = await _reset_after([3], tmp_path, last_epoch=1)
    assert (reset, asked) == ({TP}, 1)


async def test_an_empty_log_that_fills_under_another_epoch_is_reset(tmp_path: Path) -> None:
    """Emptied, then written again by the relay under its new epoch while the consumer looks."""
    reset, asked = await _reset_after([0, 2], tmp_path, last_epoch=1)
    assert (reset, asked) == ({TP}, 2)
