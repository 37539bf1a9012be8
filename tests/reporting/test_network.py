"""The collaboration network of a partnership area, given / when / then.

The fixtures mirror Tingbjerg-Husum: a housing association, the youth club, the local
police, SSP, a school and a sports club, tied by shared activities and fora. Expected
figures are worked out by hand or from the definitions (brute force over shortest
paths), never copied from the module's output.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pytest

from trygnet_reporting import network
from trygnet_reporting.network import Actor, Group, SurveyTie, collaboration_network

TINGBJERG = "tingbjerg"
HUSUM = "husum"
VANLOSE = "vanlose"


def actor(
    actor_id: str,
    *,
    name: str | None = None,
    sector: str = "municipality",
    levels: Iterable[str] = ("frontline",),
    areas: Iterable[str] = (TINGBJERG,),
    active: bool = True,
) -> Actor:
    return Actor(
        actor_id=actor_id,
        name=name or actor_id.upper(),
        sector=sector,
        levels=frozenset(levels),
        areas=frozenset(areas),
        active=active,
    )


def group(
    group_id: str,
    *members: str,
    kind: str = "activity",
    areas: Iterable[str] = (TINGBJERG,),
    active: bool = True,
) -> Group:
    return Group(
        group_id=group_id,
        kind=kind,
        title=group_id.replace("-", " "),
        members=frozenset(members),
        areas=frozenset(areas),
        active=active,
    )


def by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["actorId"]: node for node in report["nodes"]}


def edge_pairs(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(edge["source"], edge["target"]) for edge in report["edges"]}


def betweenness_by_definition(graph: nx.Graph, node: str) -> float:
    """For each pair of other nodes, the share of their shortest paths through ``node``,
    summed, over the number of pairs of other nodes."""
    others = [other for other in graph if other != node]
    total = 0.0
    for s, t in itertools.combinations(others, 2):
        if not nx.has_path(graph, s, t):
            continue
        paths = list(nx.all_shortest_paths(graph, s, t))
        total += sum(node in path for path in paths) / len(paths)
    pairs = len(others) * (len(others) - 1) / 2
    return total / pairs if pairs else 0.0


def graph_of(actors: Sequence[Actor], edges: Iterable[tuple[str, str]]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(a.actor_id for a in actors if a.active)
    graph.add_edges_from(edges)
    return graph


# --- a path a-b-c ---------------------------------------------------------------------

FSB = actor("fsb", name="FSB Tingbjerg", sector="housing_association")
CLUB = actor("club", name="Tingbjerg Youth Club", sector="municipality")
POLICE = actor("police", name="Copenhagen Police, Station City", sector="police")
PATH = [FSB, CLUB, POLICE]
PATH_GROUPS = [group("homework-cafe", "fsb", "club"), group("night-walks", "club", "police")]


def test_path_middle_actor_is_broker_and_articulation_point() -> None:
    # given FSB and the police are only tied through the youth club
    # when the network is computed
    report = collaboration_network(PATH, PATH_GROUPS)

    # then the club is the one broker and the one articulation point
    nodes = by_id(report)
    assert edge_pairs(report) == {("club", "fsb"), ("club", "police")}
    assert [nodes[k]["degree"] for k in ("fsb", "club", "police")] == [1, 2, 1]
    assert report["brokers"] == ["club"]
    assert [k for k, n in nodes.items() if n["broker"]] == ["club"]
    assert report["articulationPoints"] == ["club"]
    assert nodes["club"]["articulationPoint"] and not nodes["fsb"]["articulationPoint"]
    assert report["isolates"] == [] and not any(n["isolate"] for n in nodes.values())


def test_path_betweenness_and_closeness_follow_the_definitions() -> None:
    # given the path fsb - club - police
    graph = graph_of(PATH, [("fsb", "club"), ("club", "police")])

    # when the network is computed
    nodes = by_id(collaboration_network(PATH, PATH_GROUPS))

    # then betweenness is the share of shortest paths between other pairs through a node
    for key in ("fsb", "club", "police"):
        assert nodes[key]["betweenness"] == round(betweenness_by_definition(graph, key), 4)
    assert nodes["club"]["betweenness"] > 0 and nodes["fsb"]["betweenness"] == 0
    # and closeness is (reachable others) / (sum of steps to them): fsb is 1 and 2 steps
    # away from the others, the club 1 and 1
    assert nodes["fsb"]["closeness"] == round(2 / (1 + 2), 4)
    assert nodes["police"]["closeness"] == round(2 / (1 + 2), 4)
    assert nodes["club"]["closeness"] == round(2 / (1 + 1), 4)


def test_path_whole_network_figures() -> None:
    report = collaboration_network(PATH, PATH_GROUPS)

    # 2 of the 3 possible ties exist; one component of 3
    assert report["density"] == round(2 / 3, 4)
    assert report["componentCount"] == 1
    assert report["componentSizes"] == [3]


# --- a triangle plus an isolate -------------------------------------------------------


def test_triangle_plus_isolate() -> None:
    # given three actors in the area forum and a school that takes part in nothing
    actors = [
        FSB,
        CLUB,
        POLICE,
        actor("school", name="Tingbjerg School", sector="school"),
    ]
    groups = [group("area-forum", "fsb", "club", "police", kind="forum")]

    # when the network is computed
    report = collaboration_network(actors, groups)

    # then the triangle has 3 of the 6 possible ties and the school is an isolate
    nodes = by_id(report)
    assert report["density"] == 0.5
    assert report["componentCount"] == 2
    assert report["componentSizes"] == [3, 1]
    assert report["isolates"] == ["school"]
    assert nodes["school"]["isolate"] and nodes["school"]["degree"] == 0
    assert nodes["school"]["closeness"] == 0.0 and nodes["school"]["betweenness"] == 0.0
    # nobody lies between anybody, so there are no brokers and no articulation points
    assert report["brokers"] == []
    assert report["articulationPoints"] == []
    assert all(nodes[k]["betweenness"] == 0.0 for k in ("fsb", "club", "police"))
    # each triangle actor reaches 2 others in 1 step each (closeness 1), scaled by the
    # share of the other 3 actors it can reach at all (2/3)
    assert nodes["fsb"]["closeness"] == round((2 / 2) * (2 / 3), 4)


# --- weights --------------------------------------------------------------------------


def test_two_shared_groups_make_a_tie_of_weight_two() -> None:
    # given FSB and the club run after-school jobs together and both sit in the forum,
    # and the police only sit in the forum
    groups = [
        group("after-school-jobs", "fsb", "club"),
        group("area-forum", "fsb", "club", "police", kind="forum"),
    ]

    # when the network is computed
    report = collaboration_network(PATH, groups)

    # then the FSB-club tie has weight 2 and lists both groups, sorted
    edges = {(e["source"], e["target"]): e for e in report["edges"]}
    assert edges["club", "fsb"]["weight"] == 2
    assert edges["club", "fsb"]["groups"] == ["after-school-jobs", "area-forum"]
    assert edges["club", "police"]["weight"] == 1
    assert edges["club", "police"]["groups"] == ["area-forum"]
    # and the weighted degree sums the weights, the degree counts the ties
    nodes = by_id(report)
    assert (nodes["fsb"]["degree"], nodes["fsb"]["weightedDegree"]) == (2, 3)
    assert (nodes["police"]["degree"], nodes["police"]["weightedDegree"]) == (2, 2)


def test_edges_run_from_the_smaller_id_and_are_sorted() -> None:
    actors = [actor(k) for k in ("d", "b", "c", "a")]
    groups = [group("g1", "d", "a"), group("g2", "c", "b"), group("g3", "b", "a")]

    edges = collaboration_network(actors, groups)["edges"]

    assert [(e["source"], e["target"]) for e in edges] == [("a", "b"), ("a", "d"), ("b", "c")]


# --- area filtering -------------------------------------------------------------------


def area_fixture() -> tuple[list[Actor], list[Group]]:
    actors = [
        FSB,
        CLUB,
        actor("police", name="Police", sector="police", areas=()),  # works city-wide
        actor("ssp", name="SSP Copenhagen", sector="ssp", areas=(HUSUM,)),
        actor("vclub", name="Vanlose Club", areas=(VANLOSE,)),
        actor("school", name="Tingbjerg School", sector="school"),
    ]
    groups = [
        group("homework-cafe", "fsb", "club"),
        group("safety-council", "fsb", "police", "ssp", kind="forum", areas=()),
        group("husum-walks", "club", "ssp", areas=(HUSUM,)),
        group("vanlose-football", "vclub", "police", areas=(VANLOSE,)),
    ]
    return actors, groups


def test_area_counts_area_groups_and_municipality_wide_groups_only() -> None:
    # given a Tingbjerg activity, a municipality-wide forum, a Husum walk and a Vanlose
    # football programme
    actors, groups = area_fixture()

    # when the Tingbjerg network is computed
    report = collaboration_network(actors, groups, area=TINGBJERG)

    # then the area-less forum ties its members in Tingbjerg; the Husum and Vanlose
    # groups tie nobody here
    assert report["area"] == TINGBJERG
    assert edge_pairs(report) == {
        ("club", "fsb"),
        ("fsb", "police"),
        ("fsb", "ssp"),
        ("police", "ssp"),
    }
    groups_used = {g for e in report["edges"] for g in e["groups"]}
    assert groups_used == {"homework-cafe", "safety-council"}


def test_area_nodes_are_local_actors_plus_members_of_counted_groups() -> None:
    actors, groups = area_fixture()

    report = collaboration_network(actors, groups, area=TINGBJERG)

    # the police (no areas) and SSP (Husum) join through the forum; the school works in
    # Tingbjerg and shows as an isolate; the Vanlose club is only in a Vanlose group
    assert set(by_id(report)) == {"fsb", "club", "police", "ssp", "school"}
    assert report["isolates"] == ["school"]


def test_other_area_sees_its_own_groups() -> None:
    actors, groups = area_fixture()

    report = collaboration_network(actors, groups, area=VANLOSE)

    # Vanlose: the football programme and the municipality-wide forum
    assert set(by_id(report)) == {"vclub", "police", "fsb", "ssp"}
    assert edge_pairs(report) == {
        ("police", "vclub"),
        ("fsb", "police"),
        ("fsb", "ssp"),
        ("police", "ssp"),
    }


def test_without_area_every_active_group_and_actor_counts() -> None:
    actors, groups = area_fixture()

    report = collaboration_network(actors, groups)

    assert report["area"] is None
    assert set(by_id(report)) == {a.actor_id for a in actors}
    assert ("club", "ssp") in edge_pairs(report)  # the Husum walk
    assert ("police", "vclub") in edge_pairs(report)  # the Vanlose football


# --- inactive actors and groups -------------------------------------------------------


def test_inactive_actor_is_no_node_and_ties_nobody() -> None:
    # given the club has closed down but is still listed in the forum
    actors = [FSB, actor("club", name="Old Club", active=False), POLICE]
    groups = [group("area-forum", "fsb", "club", "police", kind="forum")]

    # when the network is computed (for the area and for all)
    for area in (TINGBJERG, None):
        report = collaboration_network(actors, groups, area=area)

        # then the club is gone and FSB and the police still tie each other
        assert set(by_id(report)) == {"fsb", "police"}
        assert edge_pairs(report) == {("fsb", "police")}


def test_ended_group_ties_nobody() -> None:
    groups = [group("summer-camp", "fsb", "club", active=False), group("g", "club", "police")]

    report = collaboration_network(PATH, groups)

    assert edge_pairs(report) == {("club", "police")}
    assert report["isolates"] == ["fsb"]


def test_members_that_are_not_known_actors_are_ignored() -> None:
    groups = [group("area-forum", "fsb", "ghost", kind="forum")]

    report = collaboration_network([FSB], groups, area=TINGBJERG)

    assert set(by_id(report)) == {"fsb"}
    assert report["edges"] == []


# --- cross-level and cross-sector shares ----------------------------------------------


def test_cross_level_and_cross_sector_shares() -> None:
    # given four ties, classified by hand:
    #   mayor - chief        strategic/strategic, municipality/police  -> same level, cross-sector
    #   chief - officer      strategic/frontline, police/police        -> cross-level, same sector
    #   officer - raven      frontline/(none),    police/civil_society -> cross-level, cross-sector
    #   officer - worker     frontline+civil/frontline, police/municipality -> same level, cross-sector
    actors = [
        actor("mayor", sector="municipality", levels=("strategic",)),
        actor("chief", sector="police", levels=("strategic",)),
        actor("officer", sector="police", levels=("frontline", "civil_society")),
        actor("raven", sector="civil_society", levels=()),
        actor("worker", sector="municipality", levels=("frontline",)),
    ]
    groups = [
        group("board", "mayor", "chief", kind="forum"),
        group("briefing", "chief", "officer"),
        group("night-ravens", "officer", "raven"),
        group("street-team", "officer", "worker"),
    ]

    # when the network is computed
    report = collaboration_network(actors, groups)

    # then 2 of 4 ties cross levels and 3 of 4 cross sectors
    assert len(report["edges"]) == 4
    assert report["crossLevelShare"] == 0.5
    assert report["crossSectorShare"] == 0.75
    # and the pair counts say which
    sectors = {tuple(p["pair"]): p["ties"] for p in report["sectorPairs"]}
    assert sectors == {
        ("municipality", "police"): 2,
        ("police", "police"): 1,
        ("civil_society", "police"): 1,
    }
    levels = {tuple(p["pair"]): p["ties"] for p in report["levelPairs"]}
    assert levels[("strategic", "strategic")] == 1
    assert levels[("frontline", "strategic")] == 1
    assert levels[("civil_society", "strategic")] == 1
    assert levels[("frontline", "none")] == 1
    assert levels[("frontline", "frontline")] == 1


def test_ties_between_two_actors_without_levels_cross_levels() -> None:
    actors = [actor("a", levels=()), actor("b", levels=())]

    report = collaboration_network(actors, [group("g", "a", "b")])

    assert report["crossLevelShare"] == 1.0
    assert report["crossSectorShare"] == 0.0


def test_shares_are_rounded() -> None:
    actors = [
        actor("a", levels=("strategic",)),
        actor("b", levels=("frontline",)),
        actor("c", levels=("strategic",)),
    ]
    report = collaboration_network(actors, [group("g", "a", "b", "c")])

    # a-b and b-c cross levels, a-c does not
    assert report["crossLevelShare"] == round(2 / 3, 4) == 0.6667


# --- brokers --------------------------------------------------------------------------


def test_brokers_are_the_top_tenth_by_betweenness() -> None:
    # given a chain of 12 actors: every inner actor has betweenness above zero
    keys = [f"a{i:02d}" for i in range(12)]
    actors = [actor(k) for k in keys]
    groups = [group(f"g{i}", a, b) for i, (a, b) in enumerate(itertools.pairwise(keys))]

    # when the network is computed
    report = collaboration_network(actors, groups)

    # then 10 actors lie between others, but only the top tenth (12 / 10 rounded up = 2)
    # are brokers: the two in the middle of the chain
    nodes = by_id(report)
    assert sum(n["betweenness"] > 0 for n in nodes.values()) == 10
    assert report["brokers"] == ["a05", "a06"]
    assert nodes["a05"]["betweenness"] > nodes["a04"]["betweenness"] > 0


def test_brokers_include_actors_tied_with_the_last_place() -> None:
    # given a chain of 11: the middle actor is first, its two neighbours share second place
    keys = [f"a{i:02d}" for i in range(11)]
    groups = [group(f"g{i}", a, b) for i, (a, b) in enumerate(itertools.pairwise(keys))]

    report = collaboration_network([actor(k) for k in keys], groups)

    # top ceil(1.1) = 2 places; second place is shared, so three brokers
    assert report["brokers"] == ["a04", "a05", "a06"]


def test_at_least_one_broker_in_a_small_network() -> None:
    # 5 actors: a star around the club; a tenth of 5 rounds up to 1
    actors = [CLUB, *(actor(k) for k in ("p", "q", "r", "s"))]
    groups = [group(f"g-{k}", "club", k) for k in ("p", "q", "r", "s")]

    report = collaboration_network(actors, groups)

    assert report["brokers"] == ["club"]
    assert by_id(report)["club"]["betweenness"] == 1.0


def test_no_brokers_when_nobody_lies_between() -> None:
    actors = [actor(k) for k in "abcd"]

    report = collaboration_network(actors, [group("g", "a", "b", "c", "d")])

    assert report["brokers"] == []
    assert report["density"] == 1.0


# --- centralities against their definitions and networkx ------------------------------


def test_betweenness_matches_the_definition_on_a_graph_with_parallel_paths() -> None:
    # given a diamond a-{b,c}-d with a tail d-e, and a separate pair f-g: shortest paths
    # from a to d split between b and c
    actors = [actor(k) for k in "abcdefg"]
    pairs = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("f", "g")]
    groups = [group(f"g-{a}{b}", a, b) for a, b in pairs]
    graph = graph_of(actors, pairs)

    nodes = by_id(collaboration_network(actors, groups))

    for key in "abcdefg":
        assert nodes[key]["betweenness"] == round(betweenness_by_definition(graph, key), 4)
    assert nodes["b"]["betweenness"] == nodes["c"]["betweenness"] > 0
    assert nodes["d"]["articulationPoint"]
    assert not nodes["b"]["articulationPoint"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_centralities_match_networkx_on_random_networks(seed: int) -> None:
    # given a random network with several components and isolates
    rng = random.Random(seed)
    keys = [f"actor-{i:03d}" for i in range(40)]
    actors = [actor(k, name=f"Actor {rng.randint(1, 9)}") for k in keys]
    groups = [
        group(f"g{i}", *rng.sample(keys[: 30 + (i % 2) * 5], rng.randint(2, 4))) for i in range(25)
    ]

    # when the network is computed
    report = collaboration_network(actors, groups)

    # then betweenness, closeness and articulation points are networkx's
    graph = graph_of(actors, edge_pairs(report))
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    closeness = nx.closeness_centrality(graph)
    for node in report["nodes"]:
        assert node["betweenness"] == pytest.approx(betweenness[node["actorId"]], abs=1e-4)
        assert node["closeness"] == pytest.approx(closeness[node["actorId"]], abs=1e-4)
        assert node["degree"] == graph.degree[node["actorId"]]
    assert set(report["articulationPoints"]) == set(nx.articulation_points(graph))
    sizes = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    assert report["componentSizes"] == sizes
    assert report["density"] == round(nx.density(graph), 4)


# --- the relationship survey ----------------------------------------------------------


def test_survey_compared_with_observed_ties() -> None:
    # given observed ties fsb-club and club-police, and a survey in which
    #   fsb rates the club and the club rates fsb back (both),
    #   the police rate fsb (survey only: they share no group),
    #   nobody rates across club-police (observed only)
    survey = [
        SurveyTie(respondent="fsb", actor="club", trust=4.0, value=3.0),
        SurveyTie(respondent="club", actor="fsb", trust=2.0, value=2.0),
        SurveyTie(respondent="police", actor="fsb", trust=3.5, value=1.0),
    ]

    # when the network is computed with the survey
    result = collaboration_network(PATH, PATH_GROUPS, survey=survey)["survey"]

    # then the pairs are compared without regard to direction
    assert result["both"] == [["club", "fsb"]]
    assert result["surveyOnly"] == [["fsb", "police"]]
    assert result["observedOnly"] == [["club", "police"]]
    # and the club-FSB trust is the mean of both directions
    ties = {(t["source"], t["target"]): t for t in result["ties"]}
    assert ties["club", "fsb"]["trust"] == (4.0 + 2.0) / 2
    assert ties["club", "fsb"]["value"] == (3.0 + 2.0) / 2
    assert ties["club", "fsb"]["ratings"] == 2
    assert ties["fsb", "police"] == {
        "source": "fsb",
        "target": "police",
        "trust": 3.5,
        "value": 1.0,
        "ratings": 1,
    }


def test_survey_mean_over_repeated_ratings_is_rounded() -> None:
    survey = [
        SurveyTie("fsb", "club", trust=4.0, value=1.0),
        SurveyTie("fsb", "club", trust=3.0, value=1.0),
        SurveyTie("club", "fsb", trust=3.0, value=2.0),
    ]

    result = collaboration_network(PATH, PATH_GROUPS, survey=survey)["survey"]

    (tie,) = result["ties"]
    assert tie["trust"] == round(10 / 3, 4) == 3.3333
    assert tie["value"] == round(4 / 3, 4)
    assert tie["ratings"] == 3


def test_survey_keeps_only_pairs_of_this_network() -> None:
    # given ratings involving an actor of another area and a self-rating
    actors, groups = area_fixture()
    survey = [
        SurveyTie("fsb", "vclub", trust=5.0, value=5.0),  # vclub is not in Tingbjerg
        SurveyTie("club", "club", trust=5.0, value=5.0),  # rates itself
        SurveyTie("school", "club", trust=2.0, value=2.0),
    ]

    result = collaboration_network(actors, groups, area=TINGBJERG, survey=survey)["survey"]

    assert [(t["source"], t["target"]) for t in result["ties"]] == [("club", "school")]
    assert result["surveyOnly"] == [["club", "school"]]
    assert result["both"] == []
    assert len(result["observedOnly"]) == 4


def test_without_survey_the_survey_is_null_and_an_empty_survey_is_compared() -> None:
    assert collaboration_network(PATH, PATH_GROUPS)["survey"] is None

    result = collaboration_network(PATH, PATH_GROUPS, survey=[])["survey"]

    assert result == {
        "ties": [],
        "surveyOnly": [],
        "observedOnly": [["club", "fsb"], ["club", "police"]],
        "both": [],
    }


# --- empty input, ordering, output shape ----------------------------------------------


@pytest.mark.parametrize(
    ("actors", "groups", "area"),
    [
        ([], [], None),
        ([], [], TINGBJERG),
        ([actor("gone", active=False)], [group("g", "gone")], None),
        ([FSB, CLUB], [group("g", "fsb", "club")], VANLOSE),  # nobody works there
    ],
)
def test_empty_network_gives_zeros(
    actors: list[Actor], groups: list[Group], area: str | None
) -> None:
    report = collaboration_network(actors, groups, area=area, survey=[])

    assert report["nodes"] == [] and report["edges"] == []
    assert report["density"] == 0.0
    assert report["crossLevelShare"] == 0.0 and report["crossSectorShare"] == 0.0
    assert report["componentCount"] == 0 and report["componentSizes"] == []
    assert report["brokers"] == [] and report["isolates"] == []
    assert report["articulationPoints"] == []
    assert report["survey"] == {"ties": [], "surveyOnly": [], "observedOnly": [], "both": []}


def test_single_actor_is_an_isolate() -> None:
    report = collaboration_network([FSB], [])

    assert report["isolates"] == ["fsb"]
    assert report["density"] == 0.0
    assert report["componentSizes"] == [1]
    assert by_id(report)["fsb"]["closeness"] == 0.0


def test_nodes_are_ordered_by_name_then_id_and_output_does_not_depend_on_input_order() -> None:
    actors = [
        actor("z1", name="Alpha"),
        actor("a9", name="Beta"),
        actor("a1", name="Alpha"),
        actor("m", name="alpha club"),
    ]
    groups = [group("g2", "z1", "a9"), group("g1", "a1", "a9", "m")]

    report = collaboration_network(actors, groups)
    shuffled = collaboration_network(actors[::-1], groups[::-1])

    assert [n["actorId"] for n in report["nodes"]] == ["a1", "z1", "a9", "m"]
    assert report == shuffled


def test_output_is_json_ready_with_camel_case_keys() -> None:
    actors, groups = area_fixture()
    survey = [SurveyTie("fsb", "club", trust=3.0, value=3.0)]

    report = collaboration_network(actors, groups, area=TINGBJERG, survey=survey)

    assert json.loads(json.dumps(report)) == report
    assert set(report["nodes"][0]) == {
        "actorId",
        "name",
        "sector",
        "levels",
        "degree",
        "weightedDegree",
        "betweenness",
        "closeness",
        "broker",
        "isolate",
        "articulationPoint",
    }
    assert set(report["edges"][0]) == {"source", "target", "weight", "groups"}
    assert {
        "area",
        "nodes",
        "edges",
        "density",
        "componentCount",
        "componentSizes",
        "crossLevelShare",
        "crossSectorShare",
        "brokers",
        "isolates",
        "articulationPoints",
        "survey",
    } <= set(report)
    assert by_id(report)["police"]["levels"] == ["frontline"]


def test_levels_are_listed_sorted() -> None:
    officer = actor("officer", levels=("strategic", "civil_society", "frontline"))

    (node,) = collaboration_network([officer], [])["nodes"]

    assert node["levels"] == ["civil_society", "frontline", "strategic"]


# --- speed ----------------------------------------------------------------------------


def test_a_second_shared_group_changes_the_weights_and_keeps_the_structure() -> None:
    # given the path fsb - club - police, computed once
    before = collaboration_network(PATH, PATH_GROUPS)

    computed = network._structure.cache_info().misses

    # when fsb and club share a second group (a weight changes, no tie is new)
    again = collaboration_network(PATH, [*PATH_GROUPS, group("summer-camp", "fsb", "club")])
    assert network._structure.cache_info().misses == computed, "no shortest chain again"

    # then the weights follow, and the figures of the ties' structure are the path's
    assert {e["source"] + "-" + e["target"]: e["weight"] for e in again["edges"]} == {
        "club-fsb": 2,
        "club-police": 1,
    }
    assert by_id(again)["fsb"]["weightedDegree"] == 2
    for figure in ("betweenness", "closeness", "broker", "articulationPoint", "degree"):
        assert [n[figure] for n in again["nodes"]] == [n[figure] for n in before["nodes"]]
    assert again["density"] == before["density"]


def test_a_new_tie_changes_the_structure_figures_of_a_network_computed_before() -> None:
    # given the path fsb - club - police, computed once
    collaboration_network(PATH, PATH_GROUPS)

    # when fsb and police share a group too (a triangle: nobody lies between)
    triangle = collaboration_network(PATH, [*PATH_GROUPS, group("safety-walk", "fsb", "police")])

    # then the figures are the triangle's, not the path's
    nodes = by_id(triangle)
    assert [nodes[k]["betweenness"] for k in ("fsb", "club", "police")] == [0.0, 0.0, 0.0]
    assert [nodes[k]["closeness"] for k in ("fsb", "club", "police")] == [1.0, 1.0, 1.0]
    assert triangle["articulationPoints"] == [] and triangle["brokers"] == []
    assert triangle["density"] == 1.0 and triangle["componentSizes"] == [3]


def test_a_large_municipality_is_computed_whole() -> None:
    # given 1,000 actors in 2,000 activities and fora (mostly small, some large fora)
    rng = random.Random(7)
    keys = [f"actor-{i:04d}" for i in range(1000)]
    actors = [actor(k, areas=(rng.choice([TINGBJERG, HUSUM, VANLOSE]),)) for k in keys]
    groups = [
        group(
            f"g{i}",
            *rng.sample(keys, rng.randint(2, 6) if i % 100 else rng.randint(10, 25)),
            areas=(rng.choice([TINGBJERG, HUSUM, VANLOSE]),),
        )
        for i in range(2000)
    ]

    # when the whole network is computed
    report = collaboration_network(actors, groups)

    # then it is done within a few seconds (generous, for slow CI machines)
    assert len(report["nodes"]) == 1000
