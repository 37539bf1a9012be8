"""The collaboration network report's types: its actors (nodes) with their place in the
network, their ties (edges), the ties per pair of sectors and levels, and the latest
relationship survey beside the observed ties."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.activities.types.fora import Forum
from trygnet_gateway.actors import Actor, actor_of
from trygnet_gateway.answers import FromAnswer, answered_as, of_answer
from trygnet_gateway.reporting import column_words, objects
from trygnet_gateway.reporting.types.beside import AreaAsked
from trygnet_gateway.vocabulary import Level, Sector


@strawberry.type(description="An actor in the collaboration network, with its place in it.")
class NetworkNode(FromAnswer):
    actor_id: strawberry.Private[str]
    levels: list[Level] = strawberry.field(description="The levels the actor works on.")
    degree: int = strawberry.field(description="How many other actors it is tied to.")
    weighted_degree: int = strawberry.field(description="The sum of its ties' weights.")
    betweenness: float = strawberry.field(description="Normalised betweenness centrality.")
    closeness: float = strawberry.field(description="Normalised closeness (Wasserman-Faust).")
    is_broker: bool = strawberry.field(
        description="Among the top tenth by betweenness (> 0).", metadata=answered_as("broker")
    )
    is_isolate: bool = strawberry.field(
        description="It has no tie.", metadata=answered_as("isolate")
    )
    is_articulation_point: bool = strawberry.field(
        description="Its departure would split its part of the network.",
        metadata=answered_as("articulationPoint"),
    )

    actor = strawberry.field(
        resolver=actor_of("actor_id"),
        description="The actor (null only if the actors service lost it).",
    )


@strawberry.type(description="Two actors tied by the activities and fora they share.")
class NetworkEdge:
    source: strawberry.ID = strawberry.field(description="One actor's id (the smaller of the two).")
    target: strawberry.ID = strawberry.field(description="The other actor's id.")
    weight: int = strawberry.field(description="How many activities and fora they share.")
    groups: list[strawberry.ID] = strawberry.field(description="Those activities and fora.")
    source_actor: Actor | None = strawberry.field(
        resolver=objects.source_actor, description="The actor of `source`."
    )
    target_actor: Actor | None = strawberry.field(
        resolver=objects.target_actor, description="The actor of `target`."
    )
    activities: list[Activity] = strawberry.field(
        resolver=objects.shared_activities, description="The activities of `groups`."
    )
    fora: list[Forum] = strawberry.field(
        resolver=objects.shared_fora, description="The fora of `groups`."
    )


@strawberry.type(description="How many ties join one pair of sectors (or of levels).")
class TieCount:
    pair: list[str] = strawberry.field(
        description="The two sectors (or levels), as their enum values in lower case; the"
        " same one twice for ties within one.",
        deprecation_reason=column_words.DEPRECATED_PAIR,
    )
    sectors: list[Sector] | None = strawberry.field(
        description="The two sectors (the same one twice for ties within one); null in levelPairs."
    )
    levels: list[Level | None] | None = strawberry.field(
        description="The two levels (the same one twice for ties within one), null for an "
        "actor with no level (reporting's word for it: none); null in sectorPairs."
    )
    ties: int = strawberry.field(description="How many ties join them.")


@strawberry.type(description="Two actors.")
class ActorPair:
    source: strawberry.ID = strawberry.field(description="One actor's id.")
    target: strawberry.ID = strawberry.field(description="The other actor's id.")
    source_actor: Actor | None = strawberry.field(
        resolver=objects.source_actor, description="The actor of `source`."
    )
    target_actor: Actor | None = strawberry.field(
        resolver=objects.target_actor, description="The actor of `target`."
    )


@strawberry.type(description="Two actors who rated each other in the relationship survey.")
class SurveyTie(ActorPair):
    trust: float = strawberry.field(description="Mean trust over their ratings (1-4).")
    value: float = strawberry.field(description="Mean value over their ratings (1-4).")
    ratings: int = strawberry.field(
        description="How many ratings the means are over (1 or 2: one of them, or both, "
        "rated the other)."
    )


@strawberry.type(description="The latest survey wave's ties beside the observed ones.")
class SurveyComparison(FromAnswer):
    ties: list[SurveyTie] = strawberry.field(
        description="Every pair who rated each other (or one the other)."
    )
    survey_only: list[ActorPair] = strawberry.field(
        description="Pairs who rate each other but share no activity or forum."
    )
    observed_only: list[ActorPair] = strawberry.field(
        description="Pairs who share an activity or forum but did not rate each other."
    )
    both: list[ActorPair] = strawberry.field(
        description="Pairs the survey and the shared activities and fora both show."
    )


def _nodes(root: CollaborationNetwork) -> list[NetworkNode]:
    return [NetworkNode.of(node) for node in root.answer["nodes"]]


def _edges(root: CollaborationNetwork) -> list[NetworkEdge]:
    return [of_answer(NetworkEdge, edge) for edge in root.answer["edges"]]


def _tie_counts(found: list[dict[str, Any]], words: type[Sector | Level]) -> list[TieCount]:
    return [
        TieCount(
            pair=list(c["pair"]),
            sectors=[Sector(p) for p in c["pair"]] if words is Sector else None,
            levels=[None if p == "none" else Level(p) for p in c["pair"]]
            if words is Level
            else None,
            ties=int(c["ties"]),
        )
        for c in found
    ]


def _sector_pairs(root: CollaborationNetwork) -> list[TieCount]:
    return _tie_counts(root.answer["sectorPairs"], Sector)


def _level_pairs(root: CollaborationNetwork) -> list[TieCount]:
    return _tie_counts(root.answer["levelPairs"], Level)


def _survey(root: CollaborationNetwork) -> SurveyComparison | None:
    survey = root.answer.get("survey")
    return SurveyComparison.of(survey) if survey else None


@strawberry.type(description="Who works with whom, and who holds the partnership together.")
class CollaborationNetwork(AreaAsked):
    """Its lists are read from the answer (``answer``) only when a query asks for them:
    a network of a few hundred ties, read for its density, builds no tie."""

    answer: strawberry.Private[dict[str, Any]]
    nodes: list[NetworkNode] = strawberry.field(
        resolver=_nodes, description="Every actor of the network, isolates too."
    )
    edges: list[NetworkEdge] = strawberry.field(resolver=_edges, description="Every tie, once.")
    density: float = strawberry.field(
        description="The ties that exist as a share of all that could (0 to 1; higher is "
        "more closely knit)."
    )
    components: int = strawberry.field(
        description="Separate clusters (an isolate is one).", metadata=answered_as("componentCount")
    )
    component_sizes: list[int] = strawberry.field(description="Largest first.")
    cross_level_share: float = strawberry.field(description="Share of ties across levels.")
    cross_sector_share: float = strawberry.field(description="Share of ties across sectors.")
    sector_pairs: list[TieCount] = strawberry.field(
        resolver=_sector_pairs, description="Ties per pair of sectors."
    )
    level_pairs: list[TieCount] = strawberry.field(
        resolver=_level_pairs, description="Ties per pair of levels."
    )
    survey: SurveyComparison | None = strawberry.field(
        resolver=_survey, description="Null when no relationship-survey wave has answers."
    )
    computed_at: datetime = strawberry.field(description="When it was computed (ISO 8601, UTC).")
    stale: bool = strawberry.field(description="Events arrived since it was computed.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> CollaborationNetwork:
        return of_answer(cls, item, answer=item, area_id=item.get("area"))
