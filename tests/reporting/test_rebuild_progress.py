"""When a rebuild counts as caught up, for the service's ``GET /admin/rebuild`` and for each
process of ``trygnet-reporting rebuild``: one rule for both."""

from __future__ import annotations

from trygnet_reporting.rebuild import EMPTY_SECONDS, SETTLE_SECONDS, caught_up, percent


def reached(*, applied: int, end: int, idle: float) -> dict[str, float]:
    return {"applied": applied, "end": end, "lag": end - applied, "idle_seconds": idle}


def test_caught_up_is_no_lag_and_nothing_applied_for_a_while() -> None:
    assert caught_up(reached(applied=10, end=10, idle=SETTLE_SECONDS))
    assert not caught_up(reached(applied=10, end=10, idle=SETTLE_SECONDS / 2)), "still settling"
    assert not caught_up(reached(applied=7, end=10, idle=60)), "behind, however idle"


def test_partitions_all_empty_are_caught_up_after_a_longer_wait() -> None:
    # A topic no service has written yet (incidents in a new municipality): nothing will
    # come, but a broker may report an end of 0 early, so the wait is longer.
    assert not caught_up(reached(applied=0, end=0, idle=SETTLE_SECONDS))
    assert caught_up(reached(applied=0, end=0, idle=EMPTY_SECONDS))


def test_percent_of_the_messages_applied() -> None:
    assert percent(reached(applied=1, end=3, idle=0)) == 33.3
    assert percent(reached(applied=0, end=0, idle=0)) is None
