"""Coordination gaps (the after-school-jobs finding), given / when / then.

In Tingbjerg-Husum the housing association and the municipality's youth club both ran
after-school jobs for the same teenagers without talking to each other. These tests
build that situation by hand and check when it is, and is not, reported as a gap.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import pytest

from trygnet_reporting.gaps import ActivityFacts, coordination_gaps
from trygnet_reporting.network import Group

TINGBJERG = "tingbjerg"
HUSUM = "husum"

NAMES = {
    "fsb": "FSB Tingbjerg",
    "club": "Tingbjerg Youth Club",
    "jobcenter": "Jobcenter Copenhagen",
    "police": "Copenhagen Police",
}


def activity(
    activity_id: str,
    *actors: str,
    title: str | None = None,
    status: str = "active",
    areas: Iterable[str] = (TINGBJERG,),
    themes: Iterable[str] = ("youth", "employment"),
    ages: tuple[int | None, int | None] = (None, None),
) -> ActivityFacts:
    return ActivityFacts(
        activity_id=activity_id,
        title=title or activity_id.replace("-", " ").capitalize(),
        status=status,
        areas=frozenset(areas),
        themes=frozenset(themes),
        age_from=ages[0],
        age_to=ages[1],
        actors=frozenset(actors),
    )


def as_group(facts: ActivityFacts) -> Group:
    """An activity as the network sees it: its actors tie each other while it runs."""
    return Group(
        group_id=facts.activity_id,
        kind="activity",
        title=facts.title,
        members=facts.actors,
        areas=facts.areas,
        active=facts.status == "active",
    )


def forum(
    forum_id: str, *members: str, areas: Iterable[str] = (TINGBJERG,), active: bool = True
) -> Group:
    return Group(
        group_id=forum_id,
        kind="forum",
        title=forum_id.replace("-", " "),
        members=frozenset(members),
        areas=frozenset(areas),
        active=active,
    )


def gaps_of(activities: list[ActivityFacts], *fora: Group, **options: Any) -> list[dict[str, Any]]:
    """The gaps, with the activities themselves passed as groups, as the service does."""
    groups = [as_group(a) for a in activities] + list(fora)
    return coordination_gaps(activities, groups, **options)


def pairs(gaps: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [
        (g["areaId"], g["activities"][0]["activityId"], g["activities"][1]["activityId"])
        for g in gaps
    ]


AFTER_SCHOOL_JOBS = activity("after-school-jobs", "fsb", title="After-school jobs", ages=(13, 17))
JOB_PROGRAMME = activity(
    "job-programme", "club", "jobcenter", title="Youth job programme", ages=(15, 18)
)


# --- the finding ----------------------------------------------------------------------


def test_after_school_jobs_without_a_shared_forum_is_a_gap() -> None:
    # given FSB's after-school jobs (13-17) and the youth club's job programme with the
    # jobcenter (15-18), both in Tingbjerg, on youth and employment, with no forum
    # when the gaps are found
    gaps = gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], names=NAMES)

    # then there is one gap, for the ages both target
    assert len(gaps) == 1
    (gap,) = gaps
    assert gap["areaId"] == TINGBJERG
    assert gap["activities"] == [
        {"activityId": "after-school-jobs", "title": "After-school jobs", "actors": ["fsb"]},
        {
            "activityId": "job-programme",
            "title": "Youth job programme",
            "actors": ["club", "jobcenter"],
        },
    ]
    assert gap["themes"] == ["employment", "youth"]
    assert gap["ages"] == {"from": 15, "to": 17}


def test_reason_names_activities_actors_area_themes_and_ages() -> None:
    (gap,) = gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], names=NAMES)

    reason = gap["reason"]
    for words in (
        '"After-school jobs"',
        '"Youth job programme"',
        "FSB Tingbjerg",
        "Jobcenter Copenhagen and Tingbjerg Youth Club",
        TINGBJERG,
        "employment and youth",
        "ages 15 to 17",
        "share no activity or forum",
    ):
        assert words in reason, (words, reason)
    assert "fsb" not in reason.split('"')[2]  # the name, not the id, is used


def test_reason_falls_back_to_actor_ids_without_names() -> None:
    (gap,) = gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME])

    assert "(run by fsb)" in gap["reason"]
    assert "(run by club and jobcenter)" in gap["reason"]
    assert f"both work in area {TINGBJERG} on" in gap["reason"]


def test_reason_names_the_area_by_its_name_not_its_id() -> None:
    # given the area's name is known (reporting keeps it from the actors service)
    area_names = {TINGBJERG: "Tingbjerg-Husum", HUSUM: "Husum"}

    # when the gaps are found
    (gap,) = gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], names=NAMES, area_names=area_names)

    # then the sentence says where in words a coordinator knows; the id stays a field
    assert "both work in Tingbjerg-Husum on employment and youth" in gap["reason"]
    assert f"area {TINGBJERG}" not in gap["reason"]
    assert gap["areaId"] == TINGBJERG


def test_shared_forum_with_one_actor_of_each_closes_the_gap() -> None:
    # given FSB and the jobcenter (a partner of the job programme) meet in a forum
    area_forum = forum("youth-employment-forum", "fsb", "jobcenter", "police")

    # when the gaps are found
    gaps = gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], area_forum)

    # then there is none: the actors know whom to call
    assert gaps == []


def test_forum_in_another_area_also_connects_the_actors() -> None:
    husum_forum = forum("husum-forum", "fsb", "club", areas=(HUSUM,))

    assert gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], husum_forum) == []


def test_closed_forum_no_longer_connects_the_actors() -> None:
    old_forum = forum("old-forum", "fsb", "club", active=False)

    assert len(gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], old_forum)) == 1


def test_forum_with_actors_of_only_one_side_does_not_connect() -> None:
    one_side = forum("club-forum", "club", "jobcenter", "police")

    assert len(gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], one_side)) == 1


def test_a_third_activity_shared_by_the_actors_connects_them() -> None:
    # given FSB and the club also run a (different themed) football night together
    football = activity("football-night", "fsb", "club", themes=("sport",), ages=(10, 14))

    gaps = gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME, football])

    assert gaps == []


def test_an_ended_shared_activity_does_not_connect_them() -> None:
    football = activity("football-night", "fsb", "club", themes=("sport",), status="ended")

    gaps = gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME, football])

    assert pairs(gaps) == [(TINGBJERG, "after-school-jobs", "job-programme")]


def test_an_actor_in_common_is_no_gap_even_without_groups() -> None:
    # given the jobcenter is a partner of both (and no groups are passed at all)
    with_jobcenter = activity("after-school-jobs", "fsb", "jobcenter", ages=(13, 17))

    assert coordination_gaps([with_jobcenter, JOB_PROGRAMME], []) == []


def test_without_any_groups_unconnected_activities_are_gaps() -> None:
    assert len(coordination_gaps([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], [])) == 1


# --- themes, ages, status -------------------------------------------------------------


def test_different_themes_are_no_gap() -> None:
    homework = activity("homework-cafe", "fsb", themes=("education",), ages=(13, 17))
    jobs = activity("job-programme", "club", themes=("employment", "youth"), ages=(15, 18))

    assert gaps_of([homework, jobs]) == []


def test_only_the_shared_themes_are_reported() -> None:
    a = activity("a", "fsb", themes=("youth", "employment", "education"))
    b = activity("b", "club", themes=("employment", "sport", "youth"))

    (gap,) = gaps_of([a, b])

    assert gap["themes"] == ["employment", "youth"]


def test_separate_age_ranges_are_no_gap() -> None:
    # given a programme for children 6-10 and one for teenagers 13-17
    children = activity("reading-club", "fsb", themes=("youth",), ages=(6, 10))
    teenagers = activity("job-programme", "club", themes=("youth",), ages=(13, 17))

    assert gaps_of([children, teenagers]) == []


def test_age_ranges_that_touch_overlap_at_the_shared_year() -> None:
    a = activity("a", "fsb", ages=(13, 17))
    b = activity("b", "club", ages=(17, 20))
    c = activity("c", "police", ages=(18, 25))

    gaps = gaps_of([a, b, c])

    assert pairs(gaps) == [(TINGBJERG, "a", "b"), (TINGBJERG, "b", "c")]
    assert gaps[0]["ages"] == {"from": 17, "to": 17}
    assert "for age 17" in gaps[0]["reason"]
    assert gaps[1]["ages"] == {"from": 18, "to": 20}


@pytest.mark.parametrize(
    ("one", "other", "expected", "words"),
    [
        ((None, 17), (15, None), {"from": 15, "to": 17}, "ages 15 to 17"),
        ((None, 17), (None, 15), {"from": None, "to": 15}, "ages up to 15"),
        ((12, None), (15, None), {"from": 15, "to": None}, "ages 15 and over"),
        ((None, None), (None, None), {"from": None, "to": None}, "all ages"),
        ((None, None), (13, 17), {"from": 13, "to": 17}, "ages 13 to 17"),
    ],
)
def test_missing_age_bounds_are_open(
    one: tuple[int | None, int | None],
    other: tuple[int | None, int | None],
    expected: dict[str, int | None],
    words: str,
) -> None:
    (gap,) = gaps_of([activity("a", "fsb", ages=one), activity("b", "club", ages=other)])

    assert gap["ages"] == expected
    assert words in gap["reason"]


def test_open_bounds_that_do_not_meet_are_no_gap() -> None:
    young = activity("a", "fsb", ages=(None, 12))
    older = activity("b", "club", ages=(15, None))

    assert gaps_of([young, older]) == []


@pytest.mark.parametrize("status", ["ended", "paused", "planned"])
def test_an_activity_that_is_not_active_is_no_gap(status: str) -> None:
    ended = activity("after-school-jobs", "fsb", ages=(13, 17), status=status)

    assert gaps_of([ended, JOB_PROGRAMME]) == []


# --- areas ----------------------------------------------------------------------------


def test_activities_in_different_areas_are_no_gap() -> None:
    husum_jobs = activity("husum-jobs", "club", areas=(HUSUM,), ages=(15, 18))

    assert gaps_of([AFTER_SCHOOL_JOBS, husum_jobs]) == []


def test_one_gap_per_shared_area_and_the_area_filter() -> None:
    # given two activities that both work in Tingbjerg and Husum, and a third only in Husum
    a = activity("a", "fsb", areas=(TINGBJERG, HUSUM))
    b = activity("b", "club", areas=(HUSUM, TINGBJERG))
    c = activity("c", "police", areas=(HUSUM,))

    # when the gaps are found for all areas, then for each area
    everywhere = gaps_of([a, b, c])
    tingbjerg = gaps_of([a, b, c], area=TINGBJERG)
    husum = gaps_of([a, b, c], area=HUSUM)

    # then each pair appears once for every area the two share, ordered by area
    assert pairs(everywhere) == [
        (HUSUM, "a", "b"),
        (HUSUM, "a", "c"),
        (HUSUM, "b", "c"),
        (TINGBJERG, "a", "b"),
    ]
    assert pairs(tingbjerg) == [(TINGBJERG, "a", "b")]
    assert pairs(husum) == pairs(everywhere)[:3]
    assert gaps_of([a, b, c], area="vanlose") == []


def test_each_pair_once_and_the_order_does_not_depend_on_the_input() -> None:
    # given four unconnected activities on the same theme in one area
    activities = [activity(key, f"actor-{key}") for key in ("d", "b", "a", "c")]

    # when the gaps are found for the input in two different orders
    gaps = gaps_of(activities)
    reversed_gaps = gaps_of(activities[::-1])

    # then there is one gap per unordered pair (4 choose 2), in activity-id order
    assert pairs(gaps) == [(TINGBJERG, x, y) for x, y in itertools.combinations("abcd", 2)]
    assert gaps == reversed_gaps


def test_activity_ids_in_a_forum_id_do_not_confuse_the_groups() -> None:
    # given a forum that happens to have the same id as an activity, holding only FSB
    same_id = forum("job-programme", "fsb")

    # then it does not make FSB a member of the job programme
    assert len(gaps_of([AFTER_SCHOOL_JOBS, JOB_PROGRAMME], same_id)) == 1
