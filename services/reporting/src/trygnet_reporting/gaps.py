"""Coordination gaps: activities that work with the same young people but not together.

In Tingbjerg-Husum, 13 actors ran after-school jobs for young people. On paper they
had split the target groups between them; in practice the groups overlapped and the
actors did not coordinate. This module finds such cases in the registered activities
so a coordinator can put the right people in touch.

This module is pure: it reads and writes nothing.

What counts as a coordination gap
---------------------------------
Two activities form a gap in an area when all of these hold:

1. **Both are active** (not planned, paused or ended).
2. **Both work in that area** (it is in both activities' areas).
3. **They share at least one theme** (youth, employment, education, ...).
4. **Their target ages overlap.** Age ranges include both ends (13-17 and 17-20
   overlap at 17). A missing bound is open: "up to 17" overlaps "15 and over". An
   activity with no ages at all overlaps every age range.
5. **Their actors are not connected**: no active activity or forum, in any area, has an
   actor of the one and an actor of the other among its members. In particular the two
   activities have no actor in common. (Actors who already meet in a forum or run
   something together know whom to call; the gap is between actors who do not.)

Two activities that share several areas give one gap per shared area. With an area
given, only that area is looked at. Each pair of activities is reported once, in
activity-id order, and the gaps are ordered by area id, then by the two activity ids.

Each gap says which area, which two activities (with their actors), the shared themes,
the overlapping ages (``None`` for an open end), and a plain sentence a coordinator can
act on. The sentence names the area and the actors by their names (never their ids,
which mean nothing to a reader); a name not known yet falls back to the id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from trygnet_reporting import network

ACTIVE = "active"


@dataclass(frozen=True)
class ActivityFacts:
    activity_id: str
    title: str
    status: str
    """planned, active, paused or ended."""
    areas: frozenset[str]
    themes: frozenset[str]
    """youth, employment, education, ..."""
    age_from: int | None
    age_to: int | None
    actors: frozenset[str]
    """The owner and the partners."""


def coordination_gaps(
    activities: Sequence[ActivityFacts],
    groups: Sequence[network.Group],
    *,
    area: str | None = None,
    names: Mapping[str, str] | None = None,
    area_names: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The coordination gaps between active activities, in one area or in all.

    ``groups`` are the activities and fora whose members tie actors together (the
    activities themselves included); only active groups count. ``names`` maps actor ids
    and ``area_names`` area ids to names for the sentences; one without a name is shown
    by its id.
    """
    names = names or {}
    area_names = area_names or {}
    live: dict[str, ActivityFacts] = {}
    for activity in activities:
        if activity.status == ACTIVE:
            live.setdefault(activity.activity_id, activity)

    # The groups each actor belongs to (by position, so equal ids of an activity and a
    # forum can never be mistaken for one another), then the groups each activity's
    # actors reach: two activities are connected when these meet.
    groups_of: defaultdict[str, set[int]] = defaultdict(set)
    for position, group in enumerate(groups):
        if group.active:
            for member in group.members:
                groups_of[member].add(position)
    reach = {
        key: frozenset().union(*(groups_of.get(actor, ()) for actor in activity.actors))
        for key, activity in live.items()
    }

    in_area: defaultdict[str, list[str]] = defaultdict(list)
    for key in sorted(live):
        for area_id in live[key].areas:
            if area is None or area_id == area:
                in_area[area_id].append(key)

    gaps: list[dict[str, Any]] = []
    for area_id in sorted(in_area):
        for one_id, other_id in combinations(in_area[area_id], 2):
            one, other = live[one_id], live[other_id]
            themes = one.themes & other.themes
            ages = _overlap(one, other)
            if (
                not themes
                or ages is None
                or one.actors & other.actors
                or reach[one_id] & reach[other_id]
            ):
                continue
            gaps.append(
                {
                    "areaId": area_id,
                    "activities": [_describe(one), _describe(other)],
                    "themes": sorted(themes),
                    "ages": {"from": ages[0], "to": ages[1]},
                    "reason": _reason(
                        one,
                        other,
                        area_names.get(area_id) or f"area {area_id}",
                        sorted(themes),
                        ages,
                        names,
                    ),
                }
            )
    return gaps


def _overlap(one: ActivityFacts, other: ActivityFacts) -> tuple[int | None, int | None] | None:
    """The ages both activities target (None for an open end), or None if they do not meet."""
    lows = [age for age in (one.age_from, other.age_from) if age is not None]
    highs = [age for age in (one.age_to, other.age_to) if age is not None]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    if low is not None and high is not None and low > high:
        return None
    return low, high


def _describe(activity: ActivityFacts) -> dict[str, Any]:
    return {
        "activityId": activity.activity_id,
        "title": activity.title,
        "actors": sorted(activity.actors),
    }


def _reason(
    one: ActivityFacts,
    other: ActivityFacts,
    area: str,
    themes: list[str],
    ages: tuple[int | None, int | None],
    names: Mapping[str, str],
) -> str:
    def run_by(activity: ActivityFacts) -> str:
        who = sorted(names.get(actor, actor) for actor in activity.actors)
        return f'"{activity.title}" (run by {_listing(who)})' if who else f'"{activity.title}"'

    themes_text = _listing(theme.replace("_", " ") for theme in themes)
    return (
        f"{run_by(one)} and {run_by(other)} both work in {area} on {themes_text} "
        f"{_ages_text(ages)}, but their actors share no activity or forum. "
        "Consider putting them in touch, for example through a shared forum, "
        "so they can agree who does what."
    )


def _ages_text(ages: tuple[int | None, int | None]) -> str:
    low, high = ages
    if low is None and high is None:
        return "for all ages"
    if low is None:
        return f"for ages up to {high}"
    if high is None:
        return f"for ages {low} and over"
    if low == high:
        return f"for age {low}"
    return f"for ages {low} to {high}"


def _listing(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
