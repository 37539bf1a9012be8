"""The demo plans on their own, no platform: deterministic, seeded, shaped like the
study, and every key a plan refers to is one it defines."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from trygnet_platform.demo import municipalities, plan, tingbjerg
from trygnet_platform.demo.__main__ import main
from trygnet_platform.demo.world import FollowUpActivityStep, World
from trygnet_platform.demo.worlds import MOST


def test_the_same_seed_plans_the_same_worlds_and_another_seed_other_synthetic_ones() -> None:
    first, again, other = plan(8, seed=2026), plan(8, seed=2026), plan(8, seed=7)
    assert first == again
    assert first[:3] == other[:3], "the named municipalities do not depend on the seed"
    assert all(a != b for a, b in zip(first[3:], other[3:], strict=True))
    assert [w.code for w in first] == [w.code for w in other]


def test_a_municipalitys_world_is_the_same_however_many_are_loaded_with_it() -> None:
    assert plan(98)[:8] == plan(8)
    assert plan(0) == () and [w.code for w in plan(2)] == ["0101", "0851"]


def test_the_municipalities_are_the_three_named_then_real_danish_codes_in_order() -> None:
    codes = [w.code for w in plan(MOST)]
    assert codes[:6] == ["0101", "0851", "0126", "0147", "0151", "0153"]
    assert len(set(codes)) == len(codes) == MOST == 99
    danish = dict(municipalities.DANISH)
    assert len(danish) == 98
    assert all(danish[w.code] == w.municipality for w in plan(MOST)[3:])
    with pytest.raises(ValueError, match="tenants"):
        plan(MOST + 1)


def test_copenhagen_is_the_study_60_actors_37_activities_7_fora_and_13_apart() -> None:
    copenhagen = plan(1)[0]
    assert (copenhagen.code, copenhagen.label) == ("0101", "Tingbjerg-Husum")
    assert len(copenhagen.actors) == 60
    assert len(copenhagen.all_activities()) == 37
    assert len(copenhagen.fora) == 7 and all(f.meetings for f in copenhagen.fora)
    assert {a.sector for a in copenhagen.actors} >= {
        "MUNICIPALITY", "POLICE", "HOUSING_ASSOCIATION", "SSP", "SCHOOL", "CIVIL_SOCIETY",
        "BUSINESS", "HOME_GUARD",
    }  # fmt: skip
    assert {level for a in copenhagen.actors for level in a.levels} == {
        "STRATEGIC", "FRONTLINE", "CIVIL_SOCIETY",
    }  # fmt: skip
    after_school = [a for a in copenhagen.activities if a.title.startswith("Fritidsjob")]
    assert len({a.owner for a in after_school}) == 13
    groups = [(f.name, {f.owner, *f.members}) for f in copenhagen.fora] + [
        (a.title, {a.owner, *a.partners}) for a in copenhagen.all_activities()
    ]
    for one, other in combinations(tingbjerg.AFTER_SCHOOL_OWNERS, 2):
        shared = [name for name, members in groups if {one, other} <= members]
        assert not shared, f"{one} and {other} work together in {shared}"
    [partnership] = copenhagen.partnerships
    sectors = {copenhagen.actor(k).sector for k, _ in partnership.members}
    assert {"POLICE", "HOUSING_ASSOCIATION"} <= sectors and partnership.mandate
    kinds = {i.kind for i in copenhagen.incidents}
    assert kinds == {"SHOOTING", "EXTORTION"}
    started = [s for i in copenhagen.incidents for s in i.response]
    assert sum(isinstance(s, FollowUpActivityStep) for s in started) == 2


def test_aalborg_has_seven_focus_areas_and_89_per_cent_feeling_safe_in_every_district() -> None:
    aalborg = plan(2)[1]
    assert len(aalborg.strategy.focus_areas) == 7
    assert all(f.indicators for f in aalborg.strategy.focus_areas)
    latest = [r for r in aalborg.safety_index if r.period == "2025"]
    assert {r.area for r in latest} == {a.key for a in aalborg.areas}
    assert {r.feeling_safe for r in latest} == {89.0}
    assert len({r.period for r in aalborg.safety_index}) == 3


def test_huddinges_partnership_is_formed_over_projects_already_running() -> None:
    huddinge = plan(3)[2]
    [partnership] = huddinge.partnerships
    assert partnership.name == "Partnerskap mot brott i Vårby gård"
    assert all(a.start < partnership.authorised_on for a in huddinge.activities)
    [forum] = huddinge.fora
    assert forum.partnership == partnership.key
    assert {a.owner for a in huddinge.activities} <= {forum.owner, *forum.members}


def test_synthetic_worlds_are_small_and_complete() -> None:
    for world in plan(40)[3:]:
        assert 8 <= len(world.actors) <= 15, world.code
        assert 1 <= len(world.areas) <= 2 and 1 <= len(world.incidents) <= 2
        assert world.activities and world.fora and world.safety_index
        assert len({r.period for r in world.safety_index}) >= 2


def _references(world: World) -> Counter[str]:
    """Every actor key the plan names, counted."""
    named: Counter[str] = Counter()
    for activity in world.all_activities():
        named.update((activity.owner, *activity.partners))
    for forum in world.fora:
        named.update((forum.owner, *forum.members))
        for meeting in forum.meetings:
            named.update((*meeting.attendees, *(f.actor for f in meeting.follow_ups)))
    for partnership in world.partnerships:
        named.update((partnership.coordinator, *(k for k, _ in partnership.members)))
    for rule in world.escalation:
        named.update(rule.actors)
    for incident in world.incidents:
        named[incident.reporter] += 1
        for step in incident.response:
            for field in ("actor", "assignee", "author"):
                if hasattr(step, field):
                    named[getattr(step, field)] += 1
    for walk in world.walks:
        named.update(walk.participants)
        named.update(f.action.owner for f in walk.findings if f.action)
    if world.partner:
        named[world.partner] += 1
    return named


def test_every_key_a_plan_names_is_one_it_defines() -> None:
    for world in plan(20):
        actors = {a.key for a in world.actors}
        assert len(actors) == len(world.actors), world.code
        unknown = set(_references(world)) - actors
        assert not unknown, (world.code, unknown)
        areas = {a.key for a in world.areas}
        named_areas = {i.area for i in world.incidents} | {w.area for w in world.walks}
        named_areas |= {r.area for r in world.safety_index}
        named_areas |= {k for a in world.all_activities() for k in a.areas or ()}
        assert named_areas <= areas, world.code
        focus = {f.key for f in world.strategy.focus_areas}
        assert {k for a in world.all_activities() for k in a.focus_areas} <= focus
        walks = [w.key for w in world.walks]
        assert all(w.follows in walks[: walks.index(w.key)] for w in world.walks if w.follows)


def test_the_command_needs_the_runs_secret_and_at_most_99_municipalities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["--folder", str(tmp_path), "--tenants", "3"])
    assert refused.value.code == 2 and "no dev-secret" in capsys.readouterr().err
    (tmp_path / "dev-secret").write_text("a-secret-of-the-run-at-least-32-bytes-long")
    with pytest.raises(SystemExit):
        main(["--folder", str(tmp_path), "--tenants", str(MOST + 1)])
    assert "--tenants is from 0 to 99" in capsys.readouterr().err
    main(["--folder", str(tmp_path), "--tenants", "0", "--gateway", "http://127.0.0.1:9"])
    assert capsys.readouterr().out.startswith("0 municipalities in ")
