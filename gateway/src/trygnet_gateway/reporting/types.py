"""The reporting domain's GraphQL types, their loaders and payloads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from trygnet_core.errors import BadUserInput, Timeout
from trygnet_gateway.activities.types import Activity, FocusArea, Forum
from trygnet_gateway.actors import Actor, Area, actor_by_id, area_by_id, found
from trygnet_gateway.context import Info
from trygnet_gateway.incidents.types import Incident
from trygnet_gateway.reporting import column_words, objects
from trygnet_gateway.shared_reads import read_once
from trygnet_gateway.vocabulary import (
    Direction,
    FindingKind,
    GroupKind,
    IncidentKind,
    IncidentStatus,
    Level,
    Sector,
    Theme,
)

if TYPE_CHECKING:
    from trygnet_gateway.reporting.cost import OutcomeCosts

WAIT = 5.0

"""Seconds a report waits for its ``atLeast`` positions before ``TIMEOUT``."""

MAX_POSITIONS = 50

AtLeast = Annotated[
    list[str] | None,
    strawberry.argument(
        description="Positions of writes (a mutation's `position`) the report must already "
        "show; TIMEOUT if the reports have not reached them in a few seconds. Only "
        "positions of the caller's municipality count (a topic offset is refused)."
    ),
]

AreaId = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="One area of the municipality; without it, all of them."),
]

From = Annotated[
    str | None, strawberry.argument(name="from", description="First month counted: 2026-01.")
]

To = Annotated[str | None, strawberry.argument(description="Last month counted: 2026-06.")]


async def report(
    info: Info,
    path: str,
    *,
    area_id: str | None = None,
    at_least: list[str] | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One report of the caller's municipality, once it shows the writes ``at_least``."""
    if area_id is not None:
        found(await area_by_id(info, area_id), "area", field="areaId")
    positions = list(at_least or ())
    if len(positions) > MAX_POSITIONS:
        raise BadUserInput(f"atLeast takes at most {MAX_POSITIONS} positions", field="atLeast")
    query: list[tuple[str, Any]] = [(k, v) for k, v in (params or {}).items() if v is not None]
    if area_id is not None:
        query.append(("areaId", area_id))
    query += [("consistentWith", position) for position in positions]
    if positions:
        query.append(("wait", WAIT))
    try:
        answer: dict[str, Any] = await read_once(info, "reporting", path, query)
    except (Timeout, BadUserInput) as error:
        # The service names its own parameter; the caller knows it as ``atLeast``.
        if error.field != "consistentWith":
            raise
        detail = error.detail.replace("consistentWith", "atLeast")
        raise type(error)(detail, field="atLeast") from None
    return answer


async def actors_of(info: Info, ids: Iterable[str]) -> list[Actor]:
    """The actors of those ids that exist, in the order given, as one batch."""
    return await objects.each(info, ids, actor_by_id)


# -- directory -----------------------------------------------------------------------


@strawberry.type(description="An activity or forum an actor takes part in.")
class WorkingOn:
    id: strawberry.ID = strawberry.field(description="The activity's or forum's id.")
    kind: GroupKind = strawberry.field(description="Whether it is an activity or a forum.")
    title: str = strawberry.field(description="Its title or name.")
    activity: Activity | None = strawberry.field(
        resolver=objects.activity, description="The activity (null when it is a forum)."
    )
    forum: Forum | None = strawberry.field(
        resolver=objects.forum, description="The forum (null when it is an activity)."
    )


@strawberry.type(description="An active actor in the directory: what it does, how to reach it.")
class DirectoryEntry:
    actor_id: strawberry.ID = strawberry.field(description="The actor's id.")
    name: str = strawberry.field(description="The organisation's name.")
    sector: Sector = strawberry.field(description="What kind of organisation it is.")
    department: str | None = strawberry.field(description="Its department or unit; null if none.")
    levels: list[Level] = strawberry.field(description="The levels it works on.")
    themes: list[Theme] = strawberry.field(description="The themes it works with.")
    area_ids: strawberry.Private[list[str]]
    description: str | None = strawberry.field(
        description="What it does, in its own words; null if not given."
    )
    phone: str | None = strawberry.field(description="The organisation's public phone.")
    email: str | None = strawberry.field(description="The organisation's public email.")
    website: str | None = strawberry.field(description="The organisation's public website.")
    contact_persons: int = strawberry.field(
        description="How many contact persons it has (their details are on `actor`)."
    )
    working_on: list[WorkingOn] = strawberry.field(
        description="The activities and fora it takes part in (active ones)."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> DirectoryEntry:
        return cls(
            actor_id=strawberry.ID(item["actorId"]),
            name=item["name"],
            sector=Sector(item["sector"]),
            department=item.get("department"),
            levels=[Level(v) for v in item["levels"]],
            themes=[Theme(v) for v in item["themes"]],
            area_ids=[a["areaId"] for a in item["areas"]],
            description=item.get("description"),
            phone=item.get("phone"),
            email=item.get("email"),
            website=item.get("website"),
            contact_persons=int(item["contactPersons"]),
            working_on=[
                WorkingOn(id=strawberry.ID(g["id"]), kind=GroupKind(g["kind"]), title=g["title"])
                for g in item["workingOn"]
            ],
        )

    @strawberry.field(description="The actor as the actors service has it now.")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)

    @strawberry.field(description="The areas it works in.")
    async def areas(self, info: Info) -> list[Area]:
        return await objects.each(info, self.area_ids, area_by_id)


@strawberry.type(description="How many actors of the directory work on one level.")
class LevelCount:
    level: Level = strawberry.field(description="The level.")
    actors: int = strawberry.field(
        description="How many actors work on it (an actor on two levels counts under both)."
    )


@strawberry.type(description="How many actors of the directory work with one theme.")
class ThemeCount:
    theme: Theme = strawberry.field(description="The theme.")
    actors: int = strawberry.field(
        description="How many actors work with it (an actor with two themes counts under both)."
    )


@strawberry.type(description="Who is active (in an area), on which levels and themes.")
class Directory:
    area_id: strawberry.ID | None = strawberry.field(
        description="The area asked for; null for the whole municipality."
    )
    area: Area | None = strawberry.field(
        resolver=objects.area, description="The area asked for (null: all of them)."
    )
    actors: list[DirectoryEntry] = strawberry.field(description="The active actors, by name.")
    count: int = strawberry.field(description="How many actors are listed.")
    by_level: list[LevelCount] = strawberry.field(description="Actors per level.")
    by_theme: list[ThemeCount] = strawberry.field(description="Actors per theme.")
    without_level: int = strawberry.field(
        description="Actors who work on no level, which `byLevel` cannot show: with them "
        "every actor of `count` is counted (the two add up to `count` when each actor has at "
        "most one level; one on two levels counts under both)."
    )
    without_theme: int = strawberry.field(
        description="Actors who work with no theme, beside `byTheme`, as `withoutLevel`."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> Directory:
        return cls(
            area_id=item.get("areaId"),
            actors=[DirectoryEntry.of(a) for a in item["actors"]],
            count=int(item["count"]),
            by_level=[LevelCount(level=Level(k), actors=n) for k, n in item["byLevel"].items()],
            by_theme=[ThemeCount(theme=Theme(k), actors=n) for k, n in item["byTheme"].items()],
            without_level=int(item["withoutLevel"]),
            without_theme=int(item["withoutTheme"]),
        )


# -- collaboration network -----------------------------------------------------------


@strawberry.type(description="An actor in the collaboration network, with its place in it.")
class NetworkNode:
    actor_id: strawberry.Private[str]
    levels: list[Level] = strawberry.field(description="The levels the actor works on.")
    degree: int = strawberry.field(description="How many other actors it is tied to.")
    weighted_degree: int = strawberry.field(description="The sum of its ties' weights.")
    betweenness: float = strawberry.field(description="Normalised betweenness centrality.")
    closeness: float = strawberry.field(description="Normalised closeness (Wasserman-Faust).")
    is_broker: bool = strawberry.field(description="Among the top tenth by betweenness (> 0).")
    is_isolate: bool = strawberry.field(description="It has no tie.")
    is_articulation_point: bool = strawberry.field(
        description="Its departure would split its part of the network."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> NetworkNode:
        return cls(
            actor_id=item["actorId"],
            levels=[Level(v) for v in item["levels"]],
            degree=int(item["degree"]),
            weighted_degree=int(item["weightedDegree"]),
            betweenness=float(item["betweenness"]),
            closeness=float(item["closeness"]),
            is_broker=bool(item["broker"]),
            is_isolate=bool(item["isolate"]),
            is_articulation_point=bool(item["articulationPoint"]),
        )

    @strawberry.field(description="The actor (null only if the actors service lost it).")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


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
class SurveyComparison:
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

    @classmethod
    def of(cls, item: dict[str, Any]) -> SurveyComparison:
        def pairs(found: list[list[str]]) -> list[ActorPair]:
            return [ActorPair(source=strawberry.ID(a), target=strawberry.ID(b)) for a, b in found]

        return cls(
            ties=[
                SurveyTie(
                    source=strawberry.ID(t["source"]),
                    target=strawberry.ID(t["target"]),
                    trust=float(t["trust"]),
                    value=float(t["value"]),
                    ratings=int(t["ratings"]),
                )
                for t in item["ties"]
            ],
            survey_only=pairs(item["surveyOnly"]),
            observed_only=pairs(item["observedOnly"]),
            both=pairs(item["both"]),
        )


@strawberry.type(description="Who works with whom, and who holds the partnership together.")
class CollaborationNetwork:
    area_id: strawberry.ID | None = strawberry.field(
        description="The area asked for; null for the whole municipality."
    )
    area: Area | None = strawberry.field(
        resolver=objects.area, description="The area asked for (null: all of them)."
    )
    nodes: list[NetworkNode] = strawberry.field(
        description="Every actor of the network, isolates too."
    )
    edges: list[NetworkEdge] = strawberry.field(description="Every tie, once.")
    density: float = strawberry.field(
        description="The ties that exist as a share of all that could (0 to 1; higher is "
        "more closely knit)."
    )
    components: int = strawberry.field(description="Separate clusters (an isolate is one).")
    component_sizes: list[int] = strawberry.field(description="Largest first.")
    cross_level_share: float = strawberry.field(description="Share of ties across levels.")
    cross_sector_share: float = strawberry.field(description="Share of ties across sectors.")
    sector_pairs: list[TieCount] = strawberry.field(description="Ties per pair of sectors.")
    level_pairs: list[TieCount] = strawberry.field(description="Ties per pair of levels.")
    survey: SurveyComparison | None = strawberry.field(
        description="Null when no relationship-survey wave has answers."
    )
    computed_at: datetime = strawberry.field(description="When it was computed (ISO 8601, UTC).")
    stale: bool = strawberry.field(description="Events arrived since it was computed.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> CollaborationNetwork:
        def counts(found: list[dict[str, Any]], words: type[Sector | Level]) -> list[TieCount]:
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

        return cls(
            area_id=item.get("area"),
            nodes=[NetworkNode.of(n) for n in item["nodes"]],
            edges=[
                NetworkEdge(
                    source=strawberry.ID(e["source"]),
                    target=strawberry.ID(e["target"]),
                    weight=int(e["weight"]),
                    groups=[strawberry.ID(g) for g in e["groups"]],
                )
                for e in item["edges"]
            ],
            density=float(item["density"]),
            components=int(item["componentCount"]),
            component_sizes=[int(n) for n in item["componentSizes"]],
            cross_level_share=float(item["crossLevelShare"]),
            cross_sector_share=float(item["crossSectorShare"]),
            sector_pairs=counts(item["sectorPairs"], Sector),
            level_pairs=counts(item["levelPairs"], Level),
            survey=SurveyComparison.of(item["survey"]) if item.get("survey") else None,
            computed_at=datetime.fromisoformat(item["computedAt"]),
            stale=bool(item["stale"]),
        )


# -- coordination gaps ---------------------------------------------------------------


@strawberry.type(description="One of the two activities of a coordination gap.")
class GapActivity:
    id: strawberry.ID = strawberry.field(description="The activity's id.")
    title: str = strawberry.field(description="Its title.")
    actor_ids: strawberry.Private[list[str]]
    activity: Activity | None = strawberry.field(
        resolver=objects.activity, description="The activity as the activities service has it."
    )

    @strawberry.field(description="Its owner and partners.")
    async def actors(self, info: Info) -> list[Actor]:
        return await actors_of(info, self.actor_ids)


@strawberry.type(description="Target ages both activities reach; null is an open end.")
class GapAges:
    from_: int | None = strawberry.field(
        description="The youngest age both reach; null: no lower limit.", name="from"
    )
    to: int | None = strawberry.field(
        description="The oldest age both reach; null: no upper limit."
    )


@strawberry.type(
    description="Two active activities in one area, with a theme and ages in common, "
    "whose actors share no activity or forum."
)
class CoordinationGap:
    area_id: strawberry.ID = strawberry.field(description="The area both activities work in.")
    activities: list[GapActivity] = strawberry.field(description="The two activities.")
    themes: list[Theme] = strawberry.field(description="The themes they share.")
    ages: GapAges = strawberry.field(description="The target ages they share.")
    reason: str = strawberry.field(description="What a coordinator can do about it.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> CoordinationGap:
        return cls(
            area_id=strawberry.ID(item["areaId"]),
            activities=[
                GapActivity(
                    id=strawberry.ID(a["activityId"]), title=a["title"], actor_ids=a["actors"]
                )
                for a in item["activities"]
            ],
            themes=[Theme(v) for v in item["themes"]],
            ages=GapAges(from_=item["ages"]["from"], to=item["ages"]["to"]),
            reason=item["reason"],
        )

    @strawberry.field(description="The area both activities work in.")
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id)


# -- incident response ---------------------------------------------------------------


@strawberry.type(
    description="How the partners responded to one incident (its outline only). Of a "
    "restricted incident, a reader who may not read it whole (all but coordinators and "
    "police) sees what `incident` shows it: the outline and its own actor's tasks; the "
    "response's figures are null and `redacted` is true."
)
class IncidentResponseRow:
    incident_id: strawberry.ID = strawberry.field(description="The incident's id.")
    kind: IncidentKind = strawberry.field(description="What happened.")
    severity: int = strawberry.field(description="1 (minor) to 4 (most serious).")
    area_id: strawberry.ID = strawberry.field(description="The area it happened in.")
    status: IncidentStatus = strawberry.field(description="Where its response stands.")
    reported_at: datetime = strawberry.field(
        description="When it was reported (ISO 8601 with offset)."
    )
    minutes_to_first_joint_action: float | None = strawberry.field(
        description="From the report to the first act of another actor; null: none yet, "
        "or withheld from you."
    )
    alerted_ids: strawberry.Private[list[str] | None]
    engaged_ids: strawberry.Private[list[str] | None]
    tasks_open: int = strawberry.field(description="Of a redacted incident, your actor's own.")
    tasks_overdue: int = strawberry.field(description="Of a redacted incident, your actor's own.")
    follow_up_activities: list[strawberry.ID] | None = strawberry.field(
        description="Null when withheld from you."
    )
    redacted: bool = strawberry.field(description="Whether the response is withheld from you.")
    area: Area | None = strawberry.field(resolver=objects.area, description="Where it happened.")
    incident: Incident | None = strawberry.field(
        resolver=objects.incident,
        description="The incident as the incidents service shows it to you (redacted alike).",
    )
    follow_ups: list[Activity] | None = strawberry.field(
        resolver=objects.follow_ups,
        description="The activities of `followUpActivities` (null when withheld from you).",
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> IncidentResponseRow:
        follow_ups = item["followUpActivities"]
        return cls(
            incident_id=strawberry.ID(item["incidentId"]),
            kind=IncidentKind(item["kind"]),
            severity=int(item["severity"]),
            area_id=strawberry.ID(item["areaId"]),
            status=IncidentStatus(item["status"]),
            reported_at=datetime.fromisoformat(item["reportedAt"]),
            minutes_to_first_joint_action=item["minutesToFirstJointAction"],
            alerted_ids=item["alerted"],
            engaged_ids=item["engaged"],
            tasks_open=int(item["tasksOpen"]),
            tasks_overdue=int(item["tasksOverdue"]),
            follow_up_activities=None
            if follow_ups is None
            else [strawberry.ID(a) for a in follow_ups],
            redacted=bool(item["redacted"]),
        )

    @strawberry.field(description="The actors the escalation matrix alerted (null: withheld).")
    async def alerted(self, info: Info) -> list[Actor] | None:
        return None if self.alerted_ids is None else await actors_of(info, self.alerted_ids)

    @strawberry.field(description="The actors that took part in the response (null: withheld).")
    async def engaged(self, info: Info) -> list[Actor] | None:
        return None if self.engaged_ids is None else await actors_of(info, self.engaged_ids)


@strawberry.type(description="The response in one area and month.")
class AreaMonthResponse:
    area_id: strawberry.ID = strawberry.field(description="The area.")
    area: Area | None = strawberry.field(resolver=objects.area, description="The area.")
    month: str = strawberry.field(description="The month the incidents were reported in: 2026-09.")
    incidents: int = strawberry.field(description="How many incidents were reported.")
    withheld: int = strawberry.field(
        description="Of `incidents`, those whose response is withheld from you: they count "
        "in the task figures with your own tasks only, and in no other figure."
    )
    median_minutes_to_first_joint_action: float | None = strawberry.field(
        description="The median minutes from report to the first act of another actor, "
        "over the incidents with one; null if none had one."
    )
    without_joint_action: int = strawberry.field(
        description="Incidents with no act of another actor yet (lower is better)."
    )
    actors_alerted: int = strawberry.field(
        description="How many different actors the escalation matrix alerted."
    )
    actors_engaged: int = strawberry.field(
        description="How many different actors took part in the responses."
    )
    tasks_open: int = strawberry.field(description="Tasks still open.")
    tasks_overdue: int = strawberry.field(
        description="Open tasks past their due day (lower is better)."
    )
    follow_up_activities: int = strawberry.field(
        description="Extra activities the responses started."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> AreaMonthResponse:
        return cls(
            area_id=strawberry.ID(item["areaId"]),
            month=item["month"],
            incidents=int(item["incidents"]),
            withheld=int(item["withheld"]),
            median_minutes_to_first_joint_action=item["medianMinutesToFirstJointAction"],
            without_joint_action=int(item["withoutJointAction"]),
            actors_alerted=int(item["actorsAlerted"]),
            actors_engaged=int(item["actorsEngaged"]),
            tasks_open=int(item["tasksOpen"]),
            tasks_overdue=int(item["tasksOverdue"]),
            follow_up_activities=int(item["followUpActivities"]),
        )


@strawberry.type(description="How fast the partners act together after incidents.")
class IncidentResponse:
    incidents: list[IncidentResponseRow] = strawberry.field(
        description="One row per incident, newest first."
    )
    by_area_and_month: list[AreaMonthResponse] = strawberry.field(
        description="The figures per area and month."
    )


# -- safety walks --------------------------------------------------------------------


@strawberry.type(description="How many findings of one kind.")
class FindingCount:
    kind: FindingKind = strawberry.field(description="The kind.")
    findings: int = strawberry.field(description="How many.")


@strawberry.type(description="The actions findings led to, by state.")
class WalkActions:
    open: int = strawberry.field(description="Actions not done yet (open or in progress).")
    done: int = strawberry.field(description="Actions done.")
    rejected: int = strawberry.field(description="Actions rejected (with a reason).")
    overdue: int = strawberry.field(
        description="Of the open ones, those past their deadline (lower is better)."
    )


@strawberry.type(description="Safety walks: what they found and how fast it was fixed.")
class SafetyWalkReport:
    area_id: strawberry.ID | None = strawberry.field(
        description="The area asked for; null for the whole municipality."
    )
    area: Area | None = strawberry.field(
        resolver=objects.area, description="The area asked for (null: all of them)."
    )
    walks: int = strawberry.field(description="How many walks.")
    residents: int = strawberry.field(description="Residents who came along.")
    findings_by_kind: list[FindingCount] = strawberry.field(description="Findings per kind.")
    actions: WalkActions = strawberry.field(description="The actions on the findings, by state.")
    median_days_to_fix: float | None = strawberry.field(
        description="Median days from the walk to an action done; null if none is done "
        "yet (lower is better)."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> SafetyWalkReport:
        return cls(
            area_id=item.get("areaId"),
            walks=int(item["walks"]),
            residents=int(item["residents"]),
            findings_by_kind=[
                FindingCount(kind=FindingKind(k), findings=int(n))
                for k, n in item["findingsByKind"].items()
            ],
            actions=WalkActions(
                **{k: int(item["actions"][k]) for k in ("open", "done", "rejected", "overdue")}
            ),
            median_days_to_fix=item["medianDaysToFix"],
        )


# -- outcomes ------------------------------------------------------------------------


@strawberry.type(description="A 95 % Wilson score interval, in per cent.")
class WilsonInterval:
    low: float = strawberry.field(description="The interval's lower end, per cent.")
    high: float = strawberry.field(description="The interval's upper end, per cent.")


@strawberry.type(description="One safety-index result: an area in a period.")
class SafetyIndexOutcome:
    area_id: strawberry.ID = strawberry.field(description="The area surveyed.")
    area: Area | None = strawberry.field(resolver=objects.area, description="The area surveyed.")
    period: str = strawberry.field(description="The period: `2026`, `2026-Q3` or `2026-09`.")
    feeling_safe: float = strawberry.field(description="Per cent.")
    feeling_unsafe: float = strawberry.field(description="Per cent.")
    respondents: int = strawberry.field(
        description="How many answered (the n to show beside the share)."
    )
    invited: int = strawberry.field(description="How many were asked.")
    response_rate: float | None = strawberry.field(description="Per cent.")
    feeling_safe_interval: WilsonInterval | None = strawberry.field(
        description="The 95 % interval around `feelingSafe`; null with no respondents. "
        "Comment on a change only when the intervals do not overlap."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> SafetyIndexOutcome:
        interval = item.get("feelingSafeInterval")
        return cls(
            area_id=strawberry.ID(item["areaId"]),
            period=item["period"],
            feeling_safe=float(item["feelingSafe"]),
            feeling_unsafe=float(item["feelingUnsafe"]),
            respondents=int(item["respondents"]),
            invited=int(item["invited"]),
            response_rate=item.get("responseRate"),
            feeling_safe_interval=WilsonInterval(low=interval[0], high=interval[1])
            if interval
            else None,
        )


@strawberry.type(description="How many incidents occurred in one area in one month.")
class IncidentsInMonth:
    area_id: strawberry.ID = strawberry.field(description="The area.")
    area: Area | None = strawberry.field(resolver=objects.area, description="The area.")
    month: str = strawberry.field(description="The month: 2026-09.")
    incidents: int = strawberry.field(description="How many occurred (lower is better).")


@strawberry.type(description="Activities serving one focus area of the joint strategy.")
class FocusAreaOutcome:
    focus_area_id: strawberry.ID = strawberry.field(description="The focus area's id.")
    focus_area: FocusArea | None = strawberry.field(
        resolver=objects.focus_area, description="The focus area of the strategy."
    )
    title: str = strawberry.field(description="Its title.")
    activities: int = strawberry.field(description="Activities serving it.")
    active: int = strawberry.field(description="Of those, the ones active now.")


@strawberry.type(description="One measurement of an indicator.")
class MeasurementOutcome:
    period: str = strawberry.field(description="The period: `2026`, `2026-Q3` or `2026-09`.")
    value: float = strawberry.field(description="The value, in the indicator's unit.")
    area_id: strawberry.ID | None = strawberry.field(
        description="The area measured; null for the whole municipality."
    )
    area: Area | None = strawberry.field(
        resolver=objects.area, description="The area measured (null: the municipality)."
    )
    source: str = strawberry.field(description="Where the value comes from.")
    sample_size: int | None = strawberry.field(
        description="How many answered or were counted; null if not given."
    )


@strawberry.type(description="An indicator of the strategy, measured against its target.")
class IndicatorOutcome:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator's id.")
    focus_area_id: strawberry.ID = strawberry.field(description="The focus area it measures.")
    focus_area: FocusArea | None = strawberry.field(
        resolver=objects.focus_area, description="The focus area it measures."
    )
    name: str = strawberry.field(description="What is measured.")
    unit: str = strawberry.field(description="The unit of its values.")
    direction: Direction = strawberry.field(
        description="Whether higher or lower values are better."
    )
    target: float | None = strawberry.field(
        description="The value aimed for; null if none was set."
    )
    measurements: list[MeasurementOutcome] = strawberry.field(
        description="Its measurements in the period, oldest first."
    )
    latest: float | None = strawberry.field(
        description="The latest value; null with no measurement."
    )
    on_target: bool | None = strawberry.field(
        description="Whether the latest value reaches the target in the indicator's "
        "direction; null without a target or a measurement."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> IndicatorOutcome:
        return cls(
            indicator_id=strawberry.ID(item["indicatorId"]),
            focus_area_id=strawberry.ID(item["focusAreaId"]),
            name=item["name"],
            unit=item["unit"],
            direction=Direction(item["direction"]),
            target=item.get("target"),
            measurements=[
                MeasurementOutcome(
                    period=m["period"],
                    value=float(m["value"]),
                    area_id=m.get("areaId"),
                    source=m["source"],
                    sample_size=m.get("sampleSize"),
                )
                for m in item["measurements"]
            ],
            latest=item.get("latest"),
            on_target=item.get("onTarget"),
        )


@strawberry.type(description="Whether residents feel safer, and what is done about it.")
class Outcomes:
    area_id: strawberry.ID | None = strawberry.field(
        description="The area asked for; null for the whole municipality."
    )
    area: Area | None = strawberry.field(
        resolver=objects.area, description="The area asked for (null: all of them)."
    )
    strategy: str | None = strawberry.field(description="The joint strategy's title.")
    safety_index: list[SafetyIndexOutcome] = strawberry.field(
        description="Safety-index results, by area and period."
    )
    incidents_per_month: list[IncidentsInMonth] = strawberry.field(
        description="Incidents per area and month."
    )
    activities_per_focus_area: list[FocusAreaOutcome] = strawberry.field(
        description="Activities per focus area of the strategy."
    )
    indicators: list[IndicatorOutcome] = strawberry.field(
        description="The strategy's indicators against their targets."
    )
    cost: Annotated[OutcomeCosts, strawberry.lazy("trygnet_gateway.reporting.cost")] = (
        strawberry.field(
            description="Cost per participant, per activity and per focus area (budget "
            "plus hours times the hourly rate), beside each focus area's indicators."
        )
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> Outcomes:
        from trygnet_gateway.reporting.cost import OutcomeCosts  # it reads this module's types

        return cls(
            area_id=item.get("areaId"),
            strategy=item.get("strategy"),
            safety_index=[SafetyIndexOutcome.of(r) for r in item["safetyIndex"]],
            incidents_per_month=[
                IncidentsInMonth(
                    area_id=strawberry.ID(r["areaId"]), month=r["month"], incidents=r["incidents"]
                )
                for r in item["incidentsPerMonth"]
            ],
            activities_per_focus_area=[
                FocusAreaOutcome(
                    focus_area_id=strawberry.ID(f["focusAreaId"]),
                    title=f["title"],
                    activities=int(f["activities"]),
                    active=int(f["active"]),
                )
                for f in item["activitiesPerFocusArea"]
            ],
            indicators=[IndicatorOutcome.of(i) for i in item["indicators"]],
            cost=OutcomeCosts.of(item),
        )


# -- national ------------------------------------------------------------------------


@strawberry.type(description="A count, or suppressed: a small count is never shown.")
class NationalFigure:
    value: int | None = strawberry.field(description="Null exactly when suppressed.")
    suppressed: bool = strawberry.field(
        description="True when the count is below 5 (zero too) or would let one work out "
        "such a count: shown as suppressed, never as a number."
    )

    @classmethod
    def of(cls, cell: Mapping[str, Any]) -> NationalFigure:
        if cell.get("suppressed"):
            return cls(value=None, suppressed=True)
        return cls(value=int(cell["count"]), suppressed=False)


@strawberry.type(description="One column's figure in a row.")
class NationalCell:
    column: str = strawberry.field(
        description="The column.", deprecation_reason=column_words.DEPRECATED_COLUMN
    )
    incident_kind: IncidentKind | None = strawberry.field(
        description="The column, in incidents-by-kind; null in the other tables."
    )
    theme: Theme | None = strawberry.field(
        description="The column, in activities-by-theme; null in the other tables."
    )
    finding_kind: FindingKind | None = strawberry.field(
        description="The column, in findings-by-kind; null in the other tables."
    )
    sector: Sector | None = strawberry.field(
        description="The column, in the tables by sector; null in the other tables."
    )
    figure: NationalFigure = strawberry.field(description="Its figure.")


@strawberry.type(description="One municipality's row: every municipality taking part has one.")
class NationalRow:
    municipality: str = strawberry.field(
        description="The municipality's tenant id (usually its code; `code` and `country` "
        "tell Danish and Swedish codes apart)."
    )
    code: str = strawberry.field(description="The municipality's official code: 0851.")
    name: str | None = strawberry.field(description="Its name: Aalborg (null if not known).")
    country: str | None = strawberry.field(
        description="ISO 3166-1 alpha-2: DK or SE (null if not known)."
    )
    cells: list[NationalCell] = strawberry.field(
        description="A figure for every column, in the table's column order."
    )
    total: NationalFigure = strawberry.field(description="The row's total.")


@strawberry.type(
    description="One table for one quarter across every municipality, with its totals: "
    "the same rows and columns whatever the data, every count below 5 (zero too) "
    "suppressed, and further figures so none can be worked out."
)
class NationalTable:
    name: str = strawberry.field(
        description="The table's key: incidents-by-kind, activities-by-theme, findings-"
        "by-kind, actors-by-sector, contributions-by-sector."
    )
    title: str = strawberry.field(description="What it counts, in words.")
    period: str = strawberry.field(description="The quarter counted: 2026-Q3.")
    columns: list[str] = strawberry.field(
        description="Every value of the vocabulary.",
        deprecation_reason=column_words.DEPRECATED_COLUMN,
    )
    incident_kinds: list[IncidentKind] | None = strawberry.field(
        description="The columns, every incident kind, in incidents-by-kind; null in the "
        "other tables."
    )
    themes: list[Theme] | None = strawberry.field(
        description="The columns, every theme, in activities-by-theme; null in the other tables."
    )
    finding_kinds: list[FindingKind] | None = strawberry.field(
        description="The columns, every finding kind, in findings-by-kind; null in the "
        "other tables."
    )
    sectors: list[Sector] | None = strawberry.field(
        description="The columns, every sector, in the tables by sector; null in the other tables."
    )
    rows: list[NationalRow] = strawberry.field(
        description="One row per municipality taking part, by code."
    )
    column_totals: list[NationalCell] = strawberry.field(
        description="Each column's total over all municipalities."
    )
    grand_total: NationalFigure = strawberry.field(description="The table's total.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> NationalTable:
        columns = list(item["columns"])
        words = column_words.vocabulary(item.get("vocabulary"))
        column_as, columns_as = column_words.column_as, column_words.columns_as

        def cells(found: Mapping[str, Any]) -> list[NationalCell]:
            return [
                NationalCell(
                    column=c,
                    incident_kind=column_as(words, IncidentKind, c),
                    theme=column_as(words, Theme, c),
                    finding_kind=column_as(words, FindingKind, c),
                    sector=column_as(words, Sector, c),
                    figure=NationalFigure.of(found[c]),
                )
                for c in columns
            ]

        return cls(
            name=item["table"],
            title=item["title"],
            period=item["period"],
            columns=columns,
            incident_kinds=columns_as(words, IncidentKind, columns),
            themes=columns_as(words, Theme, columns),
            finding_kinds=columns_as(words, FindingKind, columns),
            sectors=columns_as(words, Sector, columns),
            rows=[
                NationalRow(
                    municipality=r["row"],
                    code=r["municipality"]["code"],
                    name=r["municipality"]["name"],
                    country=r["municipality"]["country"],
                    cells=cells(r["cells"]),
                    total=NationalFigure.of(r["total"]),
                )
                for r in item["rows"]
            ],
            column_totals=cells(item["columnTotals"]),
            grand_total=NationalFigure.of(item["grandTotal"]),
        )


@strawberry.type(
    description="The figures across municipalities for one calendar quarter that is over, "
    "for national bodies."
)
class NationalOverview:
    since: strawberry.Private[str | None]
    until: strawberry.Private[str | None]
    period: str | None = strawberry.field(description="The quarter counted: 2026-Q3.")
    tables: list[NationalTable] = strawberry.field(
        description="Every national table, for the same quarter."
    )

    @strawberry.field(name="from", description="The quarter's first month.")
    def from_(self) -> str | None:
        return self.since

    @strawberry.field(description="The quarter's last month.")
    def to(self) -> str | None:
        return self.until
