"""Tingbjerg-Husum's weekly situation picture in the demo plan: eight weeks of
observations by actors of the world, a hot spot that grows, and a week with decisions."""

from __future__ import annotations

from collections import Counter

from trygnet_core.weeks import week_of
from trygnet_platform.demo import copenhagen
from trygnet_platform.demo.situation import DECIDED_WEEK, HOT_SPOT


def test_eight_weeks_of_observations_with_a_hot_spot_that_grows() -> None:
    situation = copenhagen.world().situation
    assert situation is not None and situation == copenhagen.world().situation  # every run
    weeks = Counter(week_of(o.observed_at) for o in situation.observations)
    assert len(weeks) == 8 and all(n >= 3 for n in weeks.values())
    tunnel = Counter(week_of(o.observed_at) for o in situation.observations if o.place == HOT_SPOT)
    assert tunnel[DECIDED_WEEK] >= 4 > tunnel["2026-W44"]
    keys = {a.key for a in copenhagen.world().actors}
    assert {o.reporter for o in situation.observations} <= keys
    described = [o for o in situation.observations if o.description]
    assert len(described) == 2  # filed one by one; the rest come as one CSV import


def test_a_week_with_decisions_done_open_and_one_from_before_still_open() -> None:
    situation = copenhagen.world().situation
    assert situation is not None
    keys = {a.key for a in copenhagen.world().actors}
    assert {d.owner for d in situation.decisions} <= keys
    this_week = [d for d in situation.decisions if d.week == DECIDED_WEEK]
    assert len(this_week) == 3 and sum(d.done for d in this_week) == 1
    assert [d.week < DECIDED_WEEK and not d.done for d in situation.decisions].count(True) == 1
