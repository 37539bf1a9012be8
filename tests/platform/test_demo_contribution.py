"""Tingbjerg-Husum's contributions in the demo plan: hours, budgets and participants on
its activities, Copenhagen's hourly rate, and a relationship-survey wave whose ratings
name only actors of the world, with ties beside the observed ones and beyond them."""

from __future__ import annotations

from trygnet_platform.demo import copenhagen
from trygnet_platform.demo.contribution import costed


def test_every_listed_activity_declares_hours_a_budget_and_its_participants() -> None:
    world = copenhagen.world()
    assert world.hourly_rate == 425.0
    assert all(a.hours and a.budget is not None for a in world.activities)
    assert all((a.participants is None) == (a.status == "PLANNED") for a in world.activities)
    assert copenhagen.world().activities == world.activities  # the same every run


def test_a_planned_activity_has_reached_nobody_yet() -> None:
    [first, *_] = copenhagen.world().activities
    planned = costed(first.__class__(**{**first.__dict__, "status": "PLANNED"}))
    assert planned.participants is None and planned.hours


def test_the_survey_rates_actors_of_the_world_with_observed_and_survey_only_ties() -> None:
    world = copenhagen.world()
    [wave] = world.surveys
    keys = {a.key for a in world.actors}
    ties = {(who, r.actor) for who, ratings in wave.responses for r in ratings}
    assert len(wave.responses) >= 10 and len(ties) >= 40
    assert {who for who, _ in ties} | {actor for _, actor in ties} <= keys
    assert all(who != actor for who, actor in ties)
    together = {
        frozenset((x, y))
        for members in (
            *({a.owner, *a.partners} for a in world.activities),
            *({f.owner, *f.members} for f in world.fora),
        )
        for x in members
        for y in members
        if x != y
    }
    observed = [t for t in ties if frozenset(t) in together]
    assert observed and len(observed) < len(ties), "some ties only the survey shows"
    scores = [s for _, ratings in wave.responses for r in ratings for s in (*r.trust, *r.value)]
    assert set(scores) <= {1, 2, 3, 4}
