"""The collaboration network: who works with whom, and who holds the network together.

This module is pure: it takes actors, groups and (optionally) relationship-survey
ratings and returns the figures as a JSON-ready dictionary. It reads and writes nothing.

What counts as a tie
--------------------
Two actors (organisations) are *tied* when they are both current members of the same
**group**: a collaborative activity that has not ended, or a coordinating forum that is
still running. The *weight* of a tie is the number of such groups they share, and the
tie lists those groups.

- Inactive actors are left out entirely: they are not in the network and tie nobody.
- An ended activity or a closed forum ties nobody.
- **For one area**, the groups counted are the active groups that work in that area,
  plus the municipality-wide groups (a group with no areas counts in every area).
  The actors shown are the active actors that work in the area, plus any active actor
  taking part in one of those groups (for example a police unit that covers the whole
  city but sits in the area's forum). Without an area, every active group and every
  active actor counts.

Figures per actor
-----------------
- **degree**: how many other actors it is tied to.
- **weighted degree**: the sum of the weights of its ties (how many shared groups, in
  total, it has with others).
- **betweenness**: how often the actor lies on the shortest chain of ties between two
  other actors. 1.0 means every shortest chain between every other pair passes through
  it; 0.0 means none does. Each pair of other actors counts once, and when a pair has
  several equally short chains each chain counts for its share. Ties are not weighted
  here: a tie is a tie. (The standard normalised betweenness centrality, the same as
  ``networkx.betweenness_centrality(G, normalized=True)``; computed here in one pass
  together with closeness, which is about twice as fast and checked against networkx
  in the tests.)
- **closeness**: how near the actor is to everyone it can reach, in steps along ties:
  (number it can reach) / (sum of the steps to them), scaled down by the share of the
  network it can reach at all, so an actor in a small separate cluster does not look
  central. 0.0 for an actor with no ties. (The same as
  ``networkx.closeness_centrality``, with its default Wasserman-Faust scaling.)
- **broker**: an actor that links others who would otherwise be further apart. It has
  betweenness above zero, and its betweenness is among the highest tenth of the
  network's actors: the top ceil(10 %) of actors, at least one, with actors tied with
  the last place included. If fewer actors than that have betweenness above zero, all
  of them are brokers.
- **isolate**: an actor with no ties at all in this network.
- **articulation point**: an actor whose departure would split its part of the network
  into pieces that no longer reach each other: a single point of failure.

Figures for the whole network
-----------------------------
- **density**: the ties that exist as a share of all the ties that could exist between
  the actors (0.0 with fewer than two actors).
- **components**: the separate clusters of actors that reach each other through ties;
  an isolate is a cluster of one. Their number and their sizes, largest first.
- **cross-level share**: the share of ties (each tie once, whatever its weight) that
  join two actors working on different levels: the two actors have no level
  (strategic, frontline, civil society) in common. An actor with no level recorded
  shares no level with anyone, so its ties count as cross-level.
- **cross-sector share**: the share of ties that join two actors of different sectors
  (e.g. a housing association and the police).
- **sector pairs** and **level pairs**: how many ties join each pair of sectors, and
  each pair of levels. For levels, a tie counts once for every different pair of
  levels it joins (a tie between a strategic+frontline actor and a frontline actor
  counts for strategic-frontline and for frontline-frontline); ``none`` stands for an
  actor without a level.

The relationship survey
-----------------------
When survey ratings are given, each pair of actors in this network that rated each
other (in either direction, or both) becomes a *survey tie*, with the mean trust and
the mean value over every rating between the two (both directions together) and the
number of ratings. Ratings of oneself and ratings involving actors outside this
network are left out. The survey ties are then compared with the observed ties (the
shared groups above): pairs that only the survey shows (they know and rate each other
but share no activity or forum), pairs that only the observed network shows (they share
a group but did not rate each other), and pairs both show.

Output conventions
------------------
Keys are camelCase; every list has a fixed order (actors by name then id; ties by
(source, target) with source < target; id lists sorted); floats are rounded to four
decimals. An empty network gives zeros and empty lists.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from types import MappingProxyType
from typing import Any

import networkx as nx

NO_LEVEL = "none"
"""Stands for "no level recorded" in the level pairs."""

BROKER_SHARE = 0.10
"""Brokers are the actors in this top share by betweenness (rounded up, at least one)."""

STRUCTURES_KEPT = 256
"""Structures (actors and ties) whose figures are kept: a few per municipality's areas."""

_DECIMALS = 4
_TIE_DECIMALS = 9
"""Betweenness values equal to this many decimals count as tied when ranking brokers."""

Pair = tuple[str, str]
"""Two actor ids, the smaller first."""


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    sector: str
    """municipality, police, housing_association, school, ssp, health, civil_society,
    business, home_guard, other"""
    levels: frozenset[str]
    """A subset of strategic, frontline, civil_society."""
    areas: frozenset[str]
    """The ids of the areas the actor works in."""
    active: bool


@dataclass(frozen=True)
class Group:
    """A shared activity or forum: its current members tie each other."""

    group_id: str
    kind: str
    """"activity" or "forum"."""
    title: str
    members: frozenset[str]
    """Actor ids."""
    areas: frozenset[str]
    """Empty means municipality-wide: the group counts in every area."""
    active: bool
    """Ended activities and closed fora no longer tie anyone."""


@dataclass(frozen=True)
class SurveyTie:
    """One respondent's rating of another actor in a relationship-survey wave."""

    respondent: str
    actor: str
    trust: float
    """The mean of the trust scores."""
    value: float
    """The mean of the value scores."""


def collaboration_network(
    actors: Sequence[Actor],
    groups: Sequence[Group],
    *,
    area: str | None = None,
    survey: Sequence[SurveyTie] | None = None,
) -> dict[str, Any]:
    """The collaboration network of the active actors, for one area or for all.

    See the module's documentation for the definitions. Actor ids are expected to be
    unique (if one repeats, the last one given wins); group members that are not
    active actors are ignored.
    """
    active = {actor.actor_id: actor for actor in actors if actor.active}
    counted = [group for group in groups if group.active and _counts_in(group, area)]

    shared: defaultdict[Pair, set[str]] = defaultdict(set)
    in_groups: set[str] = set()
    for group in counted:
        members = sorted(member for member in group.members if member in active)
        in_groups.update(members)
        for pair in combinations(members, 2):
            shared[pair].add(group.group_id)

    if area is None:
        node_ids = set(active)
    else:
        node_ids = {key for key, actor in active.items() if area in actor.areas} | in_groups
    ids = sorted(node_ids)
    edges = sorted(shared)
    structure = _structure(tuple(ids), tuple(edges))
    betweenness, closeness = structure.betweenness, structure.closeness
    brokers, articulation = structure.brokers, structure.articulation
    degree: defaultdict[str, int] = defaultdict(int)
    weighted: defaultdict[str, int] = defaultdict(int)
    for (a, b), group_ids in shared.items():
        for node in (a, b):
            degree[node] += 1
            weighted[node] += len(group_ids)

    nodes = [
        {
            "actorId": key,
            "name": active[key].name,
            "sector": active[key].sector,
            "levels": sorted(active[key].levels),
            "degree": degree[key],
            "weightedDegree": weighted[key],
            "betweenness": _round(betweenness[key]),
            "closeness": _round(closeness[key]),
            "broker": key in brokers,
            "isolate": degree[key] == 0,
            "articulationPoint": key in articulation,
        }
        for key in sorted(ids, key=lambda key: (active[key].name, key))
    ]
    sizes = list(structure.sizes)
    cross_level = sum(1 for a, b in edges if not active[a].levels & active[b].levels)
    cross_sector = sum(1 for a, b in edges if active[a].sector != active[b].sector)

    return {
        "area": area,
        "nodes": nodes,
        "edges": [
            {"source": a, "target": b, "weight": len(shared[a, b]), "groups": sorted(shared[a, b])}
            for a, b in edges
        ],
        "density": structure.density,
        "componentCount": len(sizes),
        "componentSizes": sizes,
        "crossLevelShare": _share(cross_level, len(edges)),
        "crossSectorShare": _share(cross_sector, len(edges)),
        "sectorPairs": _pair_counts([(active[a].sector,), (active[b].sector,)] for a, b in edges),
        "levelPairs": _pair_counts(
            [_levels_or_none(active[a]), _levels_or_none(active[b])] for a, b in edges
        ),
        "brokers": sorted(brokers),
        "isolates": [key for key in ids if degree[key] == 0],
        "articulationPoints": sorted(articulation),
        "survey": None if survey is None else _survey(survey, node_ids, set(edges)),
    }


def _counts_in(group: Group, area: str | None) -> bool:
    return area is None or not group.areas or area in group.areas


@dataclass(frozen=True)
class _Structure:
    """The figures that depend on who is tied to whom alone, not on a tie's weight."""

    betweenness: Mapping[str, float]
    closeness: Mapping[str, float]
    brokers: frozenset[str]
    articulation: frozenset[str]
    sizes: tuple[int, ...]
    """The components' sizes, largest first."""
    density: float


@functools.lru_cache(maxsize=STRUCTURES_KEPT)
def _structure(ids: tuple[str, ...], edges: tuple[Pair, ...]) -> _Structure:
    """The structure's figures, computed once for each set of actors and ties: most
    events change a tie's weight or nothing of the network (a partner joining a
    second activity with the same actors, a meeting recorded), and then the
    shortest chains, the articulation points and the components are the same."""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(edges)
    betweenness, closeness = _betweenness_and_closeness(ids, edges)
    return _Structure(
        betweenness=MappingProxyType(betweenness),
        closeness=MappingProxyType(closeness),
        brokers=frozenset(_brokers(betweenness)),
        articulation=frozenset(str(node) for node in nx.articulation_points(graph)),
        sizes=tuple(sorted((len(part) for part in nx.connected_components(graph)), reverse=True)),
        density=_round(nx.density(graph)),
    )


def _betweenness_and_closeness(
    ids: Sequence[str], edges: Sequence[Pair]
) -> tuple[dict[str, float], dict[str, float]]:
    """Normalised betweenness and closeness of every node, in one pass (Brandes).

    Unweighted breadth-first search from every node: the distances give closeness, and
    the counts of shortest paths, summed back from the farthest nodes, give betweenness.
    Same definitions and values as networkx's ``betweenness_centrality(normalized=True)``
    and ``closeness_centrality()`` on an undirected graph.
    """
    n = len(ids)
    index = {key: i for i, key in enumerate(ids)}
    neighbours: list[list[int]] = [[] for _ in ids]
    for a, b in edges:
        neighbours[index[a]].append(index[b])
        neighbours[index[b]].append(index[a])

    between = [0.0] * n
    close = [0.0] * n
    for source in range(n):
        paths = [0] * n
        paths[source] = 1
        distance = [-1] * n
        distance[source] = 0
        before: list[list[int]] = [[] for _ in range(n)]
        reached = [source]
        for v in reached:  # grows while it is read: a breadth-first queue
            step, through = distance[v] + 1, paths[v]
            for w in neighbours[v]:
                if distance[w] < 0:
                    distance[w] = step
                    reached.append(w)
                if distance[w] == step:
                    paths[w] += through
                    before[w].append(v)
        steps = sum(distance[v] for v in reached)
        if steps > 0:
            others = len(reached) - 1
            close[source] = (others / steps) * (others / (n - 1))
        credit = [0.0] * n
        for w in reversed(reached):
            share = (1.0 + credit[w]) / paths[w]
            for v in before[w]:
                credit[v] += paths[v] * share
            if w != source:
                between[w] += credit[w]
    # Every pair was counted from both ends; over (n-1)(n-2) ordered pairs that gives
    # the share of the (n-1)(n-2)/2 pairs of other actors.
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return (
        {key: between[i] * scale for key, i in index.items()},
        {key: close[i] for key, i in index.items()},
    )


def _brokers(betweenness: dict[str, float]) -> set[str]:
    values = {key: round(value, _TIE_DECIMALS) for key, value in betweenness.items()}
    if not values:
        return set()
    top = max(1, math.ceil(len(values) * BROKER_SHARE))
    threshold = sorted(values.values(), reverse=True)[top - 1]
    return {key for key, value in values.items() if value > 0 and value >= threshold}


def _levels_or_none(actor: Actor) -> tuple[str, ...]:
    return tuple(sorted(actor.levels)) or (NO_LEVEL,)


def _pair_counts(ties: Iterable[list[tuple[str, ...]]]) -> list[dict[str, Any]]:
    """How many ties join each unordered pair of labels (each pair once per tie)."""
    counts: defaultdict[Pair, int] = defaultdict(int)
    for one, other in ties:
        for pair in {(min(x, y), max(x, y)) for x in one for y in other}:
            counts[pair] += 1
    return [{"pair": list(pair), "ties": counts[pair]} for pair in sorted(counts)]


def _survey(survey: Sequence[SurveyTie], nodes: set[str], observed: set[Pair]) -> dict[str, Any]:
    ratings: defaultdict[Pair, list[SurveyTie]] = defaultdict(list)
    for rating in survey:
        a, b = rating.respondent, rating.actor
        if a != b and a in nodes and b in nodes:
            ratings[(a, b) if a < b else (b, a)].append(rating)
    rated = set(ratings)
    return {
        "ties": [
            {
                "source": a,
                "target": b,
                "trust": _round(sum(r.trust for r in ratings[a, b]) / len(ratings[a, b])),
                "value": _round(sum(r.value for r in ratings[a, b]) / len(ratings[a, b])),
                "ratings": len(ratings[a, b]),
            }
            for a, b in sorted(rated)
        ],
        "surveyOnly": [list(pair) for pair in sorted(rated - observed)],
        "observedOnly": [list(pair) for pair in sorted(observed - rated)],
        "both": [list(pair) for pair in sorted(rated & observed)],
    }


def _share(part: int, whole: int) -> float:
    return _round(part / whole) if whole else 0.0


def _round(value: float) -> float:
    return round(float(value), _DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
