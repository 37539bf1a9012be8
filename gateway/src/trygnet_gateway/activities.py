"""What the partners do together: partnerships, fora and their meetings, activities,
safety walks, the joint strategy and relationship surveys, read from and written to
the activities service.

Every entity is read back from the service's documents (``GET /<kind>?id=...`` in one
batch per query); the actors and areas they name go through the loaders of
``trygnet_gateway.actors``, so a page of activities with their partners and areas
costs one call to each service, never one per item.
"""

from __future__ import annotations

import asyncio
import enum
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from trygnet_core.errors import NotFound
from trygnet_core.vocabulary import (
    ActionStatus,
    ActivityStatus,
    Cadence,
    Direction,
    FindingKind,
    FollowUpStatus,
    Intensity,
    Level,
    PartnerRole,
    Theme,
)
from trygnet_gateway.actors import Actor, Area, actor_by_id, area_by_id, found
from trygnet_gateway.context import Info, forget
from trygnet_gateway.relay import Connection, connection
from trygnet_gateway.writes import Payload, Written, command, write

T = TypeVar("T")
SERVICE = "activities"


# -- vocabulary (the activities service's words, from the kernel) ------------------

strawberry.enum(Cadence, description="How often a forum meets.")
strawberry.enum(FollowUpStatus, description="Where a forum's follow-up stands.")
strawberry.enum(PartnerRole, description="What an actor does in an activity.")
strawberry.enum(
    ActivityStatus, description="planned → active ⇄ paused, and from any of those to ended."
)
strawberry.enum(
    FindingKind, description="What a safety walk found that makes the area feel unsafe."
)
strawberry.enum(
    ActionStatus,
    name="FindingActionStatus",
    description="Where an action on a finding stands; a rejection has a reason.",
)
strawberry.enum(
    Direction,
    name="IndicatorDirection",
    description="Whether an indicator gets better as it goes up or down.",
)
strawberry.enum(
    Intensity,
    name="RelationshipIntensity",
    description="How closely two actors work together (the PARTNER tool's grades).",
)


# -- loaders -------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


async def _by_id(
    info: Info,
    kind: str,
    node: Callable[[dict[str, Any]], T],
    item_id: str,
    *,
    fresh: bool = False,
) -> T | None:
    """One item of a kind (``activities``, ``fora``, ...): lookups of one tick are one
    call. ``fresh`` after a write: a mutation later in the same request must not be
    answered what the loader cached before it."""
    context = info.context

    async def load(ids: list[str]) -> list[T | None]:
        params = [("id", i) for i in ids] + [("first", len(ids))]
        page = await context.call(SERVICE, "GET", f"/{kind}", params=params)
        known = {item["id"]: node(item) for item in page["items"]}
        return [known.get(i) for i in ids]

    loader = context.loader(f"{SERVICE}/{kind}", load)
    if fresh:
        forget(loader, item_id)
    return await loader.load(item_id)


async def partnership_by_id(
    info: Info, partnership_id: str, *, fresh: bool = False
) -> Partnership | None:
    return await _by_id(info, "partnerships", Partnership.of, partnership_id, fresh=fresh)


async def forum_by_id(info: Info, forum_id: str, *, fresh: bool = False) -> Forum | None:
    return await _by_id(info, "fora", Forum.of, forum_id, fresh=fresh)


async def activity_by_id(info: Info, activity_id: str, *, fresh: bool = False) -> Activity | None:
    return await _by_id(info, "activities", Activity.of, activity_id, fresh=fresh)


async def safety_walk_by_id(info: Info, walk_id: str, *, fresh: bool = False) -> SafetyWalk | None:
    return await _by_id(info, "safety-walks", SafetyWalk.of, walk_id, fresh=fresh)


async def survey_wave_by_id(info: Info, wave_id: str, *, fresh: bool = False) -> SurveyWave | None:
    return await _by_id(info, "surveys", SurveyWave.of, wave_id, fresh=fresh)


def _forget_strategy(info: Info) -> None:
    """After a write to the strategy: its reads are made again."""
    _strategy_loader(info).clear_all()


async def _strategy_read(info: Info, path: str) -> Any:
    """``/strategy`` and its records, each read once per query however many ask;
    ``None`` before the strategy is adopted."""
    return await _strategy_loader(info).load(path)


def _strategy_loader(info: Info) -> DataLoader[str, Any]:
    context = info.context

    async def load(paths: list[str]) -> list[Any]:
        async def one(p: str) -> Any:
            try:
                return await context.call(SERVICE, "GET", p)
            except NotFound:
                return None

        return list(await asyncio.gather(*(one(p) for p in paths)))

    return context.loader(f"{SERVICE}/strategy", load)


async def strategy_of(info: Info, *, fresh: bool = False) -> Strategy | None:
    if fresh:
        _forget_strategy(info)
    item = await _strategy_read(info, "/strategy")
    return Strategy.of(item) if item else None


async def _actors(info: Info, ids: Iterable[str]) -> list[Actor]:
    """The actors of those ids that exist, in order, asked for in one tick (one batch)."""
    found_actors = await asyncio.gather(*(actor_by_id(info, i) for i in ids))
    return [actor for actor in found_actors if actor is not None]


async def _areas(info: Info, ids: Iterable[str]) -> list[Area]:
    found_areas = await asyncio.gather(*(area_by_id(info, i) for i in ids))
    return [area for area in found_areas if area is not None]


async def _page(
    info: Info,
    kind: str,
    node: Callable[[dict[str, Any]], T],
    first: int | None,
    after: str | None,
    **filters: str | None,
) -> Connection[T]:
    params = {
        **{name: value for name, value in filters.items() if value is not None},
        "first": info.context.page(first),
        **({"after": after} if after is not None else {}),
    }
    return connection(await info.context.call(SERVICE, "GET", f"/{kind}", params=params), node)


# -- partnerships and fora -----------------------------------------------------------


@strawberry.type(description="An actor in a partnership, and its role there.")
class PartnershipMember:
    actor_id: strawberry.Private[str]
    role: str

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="A safety partnership authorised from the top, with its resources.")
class Partnership:
    id: strawberry.ID
    name: str
    mandate: str
    authorised_by: str
    authorised_on: date | None
    coordinator_actor_id: strawberry.Private[str]
    area_ids: strawberry.Private[list[str]]
    hours_per_year: int | None
    budget_per_year: int | None
    members: list[PartnershipMember]
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Partnership:
        return cls(
            id=strawberry.ID(item["id"]),
            name=item["name"],
            mandate=item["mandate"],
            authorised_by=item["authorised_by"],
            authorised_on=_day(item.get("authorised_on")),
            coordinator_actor_id=item["coordinator_actor_id"],
            area_ids=list(item.get("areas") or ()),
            hours_per_year=item.get("hours_per_year"),
            budget_per_year=item.get("budget_per_year"),
            members=[
                PartnershipMember(actor_id=actor, role=role)
                for actor, role in (item.get("members") or {}).items()
            ],
            version=int(item["version"]),
        )

    @strawberry.field(description="The actor that coordinates it.")
    async def coordinator(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.coordinator_actor_id)

    @strawberry.field
    async def areas(self, info: Info) -> list[Area]:
        return await _areas(info, self.area_ids)


@strawberry.type(description="Something a forum's meeting asked an actor to do by a day.")
class ForumFollowUp:
    id: strawberry.ID
    meeting_id: strawberry.ID
    actor_id: strawberry.Private[str]
    due: date | None
    status: FollowUpStatus

    @strawberry.field(description="Who is to do it.")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="A meeting of a forum and its minutes.")
class Meeting:
    id: strawberry.ID
    held_on: date | None
    attendee_ids: strawberry.Private[list[str]]
    agenda: str | None
    decisions: str | None
    follow_ups: list[ForumFollowUp]

    @strawberry.field
    async def attendees(self, info: Info) -> list[Actor]:
        return await _actors(info, self.attendee_ids)


@strawberry.type(description="A coordinating forum on one level, with an owner who drives it.")
class Forum:
    id: strawberry.ID
    name: str
    level: Level
    cadence: Cadence
    owner_actor_id: strawberry.Private[str]
    partnership_id: strawberry.Private[str | None]
    member_ids: strawberry.Private[list[str]]
    meetings: list[Meeting]
    follow_ups: list[ForumFollowUp]
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Forum:
        follow_ups = [
            ForumFollowUp(
                id=strawberry.ID(follow_up_id),
                meeting_id=strawberry.ID(f["meeting_id"]),
                actor_id=f["actor_id"],
                due=_day(f.get("due")),
                status=FollowUpStatus(f["status"]),
            )
            for follow_up_id, f in (item.get("follow_ups") or {}).items()
        ]
        minutes = item.get("minutes") or {}
        meetings = [
            Meeting(
                id=strawberry.ID(meeting_id),
                held_on=_day(minutes.get(meeting_id, {}).get("held_on")),
                attendee_ids=list(minutes.get(meeting_id, {}).get("attendees") or ()),
                agenda=minutes.get(meeting_id, {}).get("agenda"),
                decisions=minutes.get(meeting_id, {}).get("decisions"),
                follow_ups=[f for f in follow_ups if f.meeting_id == meeting_id],
            )
            for meeting_id in item.get("meetings") or ()
        ]
        return cls(
            id=strawberry.ID(item["id"]),
            name=item["name"],
            level=Level(item["level"]),
            cadence=Cadence(item["cadence"]),
            owner_actor_id=item["owner_actor_id"],
            partnership_id=item.get("partnership_id"),
            member_ids=list(item.get("members") or ()),
            meetings=meetings,
            follow_ups=follow_ups,
            version=int(item["version"]),
        )

    @strawberry.field(description="The actor that drives it.")
    async def owner(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.owner_actor_id)

    @strawberry.field
    async def members(self, info: Info) -> list[Actor]:
        return await _actors(info, self.member_ids)

    @strawberry.field(description="The partnership it works under, if any.")
    async def partnership(self, info: Info) -> Partnership | None:
        return await partnership_by_id(info, self.partnership_id) if self.partnership_id else None


# -- activities ----------------------------------------------------------------------


@strawberry.type(description="An actor taking part in an activity, and its role there.")
class ActivityPartner:
    actor_id: strawberry.Private[str]
    role: PartnerRole

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="A collaborative prevention activity.")
class Activity:
    id: strawberry.ID
    title: str
    level: Level
    owner_actor_id: strawberry.Private[str]
    description: str | None
    themes: list[Theme]
    target_age_from: int | None
    target_age_to: int | None
    target_group: str | None
    area_ids: strawberry.Private[list[str]]
    start: date | None
    end: date | None
    hours: int | None
    budget: int | None
    focus_area_ids: strawberry.Private[list[str]]
    incident_id: strawberry.ID | None = strawberry.field(
        description="The incident whose response started it, if one did."
    )
    status: ActivityStatus
    partners: list[ActivityPartner]
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Activity:
        return cls(
            id=strawberry.ID(item["id"]),
            title=item["title"],
            level=Level(item["level"]),
            owner_actor_id=item["owner_actor_id"],
            description=item.get("description"),
            themes=[Theme(v) for v in item.get("themes") or ()],
            target_age_from=item.get("target_age_from"),
            target_age_to=item.get("target_age_to"),
            target_group=item.get("target_group"),
            area_ids=list(item.get("areas") or ()),
            start=_day(item.get("start")),
            end=_day(item.get("end")),
            hours=item.get("hours"),
            budget=item.get("budget"),
            focus_area_ids=list(item.get("focus_areas") or ()),
            incident_id=item.get("incident_id"),
            status=ActivityStatus(item["status"]),
            partners=[
                ActivityPartner(actor_id=actor, role=PartnerRole(role))
                for actor, role in (item.get("partners") or {}).items()
            ],
            version=int(item["version"]),
        )

    @strawberry.field(description="The actor that owns it.")
    async def owner(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.owner_actor_id)

    @strawberry.field
    async def areas(self, info: Info) -> list[Area]:
        return await _areas(info, self.area_ids)

    @strawberry.field(description="The strategy's focus areas it serves.")
    async def focus_areas(self, info: Info) -> list[FocusArea]:
        if not self.focus_area_ids:
            return []
        strategy = await strategy_of(info)
        known = {str(f.id): f for f in strategy.focus_areas} if strategy else {}
        return [known[i] for i in self.focus_area_ids if i in known]


# -- safety walks --------------------------------------------------------------------


@strawberry.type(description="What an actor is to do about a finding by its deadline.")
class FindingAction:
    id: strawberry.ID
    finding_id: strawberry.ID
    owner_actor_id: strawberry.Private[str]
    deadline: date | None
    status: ActionStatus
    reason: str | None

    @strawberry.field(description="The actor that owns the action.")
    async def owner(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.owner_actor_id)


@strawberry.type(description="Something on a safety walk that makes the area feel unsafe.")
class Finding:
    id: strawberry.ID
    kind: FindingKind
    actions: list[FindingAction]


@strawberry.type(description="Partners and residents walked an area noting what feels unsafe.")
class SafetyWalk:
    id: strawberry.ID
    walked_on: date | None
    area_id: strawberry.Private[str]
    participant_ids: strawberry.Private[list[str]]
    residents: int = strawberry.field(description="How many residents came along.")
    follows_walk_id: strawberry.Private[str | None]
    findings: list[Finding]
    actions: list[FindingAction]
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> SafetyWalk:
        actions = [
            FindingAction(
                id=strawberry.ID(action_id),
                finding_id=strawberry.ID(a["finding_id"]),
                owner_actor_id=a["owner_actor_id"],
                deadline=_day(a.get("deadline")),
                status=ActionStatus(a["status"]),
                reason=a.get("reason"),
            )
            for action_id, a in (item.get("actions") or {}).items()
        ]
        return cls(
            id=strawberry.ID(item["id"]),
            walked_on=_day(item.get("walked_on")),
            area_id=item["area_id"],
            participant_ids=list(item.get("participants") or ()),
            residents=int(item.get("residents") or 0),
            follows_walk_id=item.get("follows_walk_id"),
            findings=[
                Finding(
                    id=strawberry.ID(finding_id),
                    kind=FindingKind(kind),
                    actions=[a for a in actions if a.finding_id == finding_id],
                )
                for finding_id, kind in (item.get("findings") or {}).items()
            ],
            actions=actions,
            version=int(item["version"]),
        )

    @strawberry.field
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id)

    @strawberry.field
    async def participants(self, info: Info) -> list[Actor]:
        return await _actors(info, self.participant_ids)

    @strawberry.field(description="The earlier walk this one follows up, if any.")
    async def follows_walk(self, info: Info) -> SafetyWalk | None:
        return await safety_walk_by_id(info, self.follows_walk_id) if self.follows_walk_id else None


# -- the strategy --------------------------------------------------------------------


@strawberry.type(description="How a focus area's progress is measured, and which way is better.")
class Indicator:
    id: strawberry.ID
    focus_area_id: strawberry.ID
    name: str
    unit: str
    direction: Direction
    target: float | None

    @classmethod
    def of(cls, item: dict[str, Any]) -> Indicator:
        return cls(
            id=strawberry.ID(item["indicator_id"]),
            focus_area_id=strawberry.ID(item["focus_area_id"]),
            name=item["name"],
            unit=item["unit"],
            direction=Direction(item["direction"]),
            target=item.get("target"),
        )


@strawberry.type(description="A value of an indicator for a period, in one area or overall.")
class Measurement:
    indicator_id: strawberry.ID
    value: float
    period: str = strawberry.field(description="`2026`, `2026-Q3` or `2026-09`.")
    source: str
    area_id: strawberry.Private[str | None]
    sample_size: int | None

    @classmethod
    def of(cls, item: dict[str, Any]) -> Measurement:
        return cls(
            indicator_id=strawberry.ID(item["indicator_id"]),
            value=float(item["value"]),
            period=item["period"],
            source=item["source"],
            area_id=item.get("area_id"),
            sample_size=item.get("sample_size"),
        )

    @strawberry.field
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id) if self.area_id else None


@strawberry.type(description="The police safety index for one area and period (per cent).")
class SafetyIndexResult:
    area_id: strawberry.Private[str]
    period: str
    feeling_safe: float
    feeling_unsafe: float
    respondents: int
    invited: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> SafetyIndexResult:
        return cls(
            area_id=item["area_id"],
            period=item["period"],
            feeling_safe=float(item["feeling_safe"]),
            feeling_unsafe=float(item["feeling_unsafe"]),
            respondents=int(item["respondents"]),
            invited=int(item["invited"]),
        )

    @strawberry.field
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id)


@strawberry.type(description="A focus area of the joint strategy.")
class FocusArea:
    id: strawberry.ID
    title: str

    @strawberry.field(description="How its progress is measured.")
    async def indicators(self, info: Info) -> list[Indicator]:
        page = await _strategy_read(info, "/strategy/indicators")
        return [
            Indicator.of(item)
            for item in (page or {}).get("items", ())
            if item["focus_area_id"] == self.id
        ]


@strawberry.type(description="The municipality's joint police-municipality safety strategy.")
class Strategy:
    title: str
    focus_areas: list[FocusArea]
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Strategy:
        return cls(
            title=item["title"],
            focus_areas=[
                FocusArea(id=strawberry.ID(focus_area_id), title=title)
                for focus_area_id, title in (item.get("focus_areas") or {}).items()
            ],
            version=int(item["version"]),
        )

    @strawberry.field(description="Measurements of its indicators, in the order recorded.")
    async def measurements(
        self, info: Info, indicator_id: strawberry.ID | None = None
    ) -> list[Measurement]:
        page = await _strategy_read(info, "/strategy/measurements")
        found_items = [Measurement.of(item) for item in (page or {}).get("items", ())]
        return [m for m in found_items if indicator_id is None or m.indicator_id == indicator_id]

    @strawberry.field(description="Safety-index results, the latest for each area and period.")
    async def safety_index_results(
        self, info: Info, area_id: strawberry.ID | None = None
    ) -> list[SafetyIndexResult]:
        page = await _strategy_read(info, "/strategy/safety-index-results")
        found_items = [SafetyIndexResult.of(item) for item in (page or {}).get("items", ())]
        return [r for r in found_items if area_id is None or r.area_id == area_id]


# -- relationship surveys ------------------------------------------------------------


@strawberry.type
class TrustScores:
    openness: int
    reliability: int
    shared_mission: int


@strawberry.type
class ValueScores:
    power_and_influence: int
    resource_contribution: int
    level_of_involvement: int


@strawberry.type(description="How a respondent rates its relationship with one actor (1 to 4).")
class SurveyRating:
    actor_id: strawberry.Private[str]
    intensity: Intensity
    trust: TrustScores
    value: ValueScores

    @strawberry.field(description="The actor rated.")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="One actor's latest answer in a survey wave.")
class SurveyResponse:
    respondent_id: strawberry.Private[str]
    ratings: list[SurveyRating]

    @strawberry.field
    async def respondent(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.respondent_id)


@strawberry.type(description="A round of the relationship survey (comparable with PARTNER).")
class SurveyWave:
    id: strawberry.ID
    title: str
    opened_on: date | None
    closed: bool
    responses: list[SurveyResponse]
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> SurveyWave:
        return cls(
            id=strawberry.ID(item["id"]),
            title=item["title"],
            opened_on=_day(item.get("opened_on")),
            closed=bool(item.get("closed")),
            responses=[
                SurveyResponse(
                    respondent_id=respondent,
                    ratings=[
                        SurveyRating(
                            actor_id=r["actor_id"],
                            intensity=Intensity(r["intensity"]),
                            trust=TrustScores(**r["trust"]),
                            value=ValueScores(**r["value"]),
                        )
                        for r in ratings
                    ],
                )
                for respondent, ratings in (item.get("responses") or {}).items()
            ],
            version=int(item["version"]),
        )


# -- payloads ------------------------------------------------------------------------


@strawberry.type
class PartnershipPayload(Payload):
    partnership: Partnership


@strawberry.type
class ForumPayload(Payload):
    forum: Forum


@strawberry.type
class MeetingPayload(Payload):
    forum: Forum
    meeting: Meeting


@strawberry.type
class ActivityPayload(Payload):
    activity: Activity


@strawberry.type
class SafetyWalkPayload(Payload):
    safety_walk: SafetyWalk


@strawberry.type
class FindingPayload(Payload):
    safety_walk: SafetyWalk
    finding: Finding


@strawberry.type
class FindingActionPayload(Payload):
    safety_walk: SafetyWalk
    action: FindingAction


@strawberry.type
class StrategyPayload(Payload):
    strategy: Strategy


@strawberry.type
class FocusAreaPayload(Payload):
    strategy: Strategy
    focus_area: FocusArea


@strawberry.type
class IndicatorPayload(Payload):
    strategy: Strategy
    indicator: Indicator


@strawberry.type
class SurveyWavePayload(Payload):
    survey_wave: SurveyWave


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex}"


# -- inputs --------------------------------------------------------------------------
# Ids of what a command changes go in its input and into the path. Every input of a
# command on an existing stream offers ``expectedVersion`` (sent as If-Match).


@strawberry.input
class CreatePartnershipInput:
    name: str
    mandate: str
    authorised_by: str
    authorised_on: date
    coordinator_actor_id: strawberry.ID
    areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    hours_per_year: int | None = strawberry.UNSET
    budget_per_year: int | None = strawberry.UNSET


@strawberry.input
class JoinPartnershipInput:
    partnership_id: strawberry.ID
    actor_id: strawberry.ID
    role: str
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LeavePartnershipInput:
    partnership_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class CreateForumInput:
    name: str
    level: Level
    owner_actor_id: strawberry.ID
    cadence: Cadence
    partnership_id: strawberry.ID | None = strawberry.UNSET
    members: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class JoinForumInput:
    forum_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LeaveForumInput:
    forum_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input(description="Something the meeting asks an actor to do by a day.")
class FollowUpInput:
    description: str
    actor_id: strawberry.ID
    due: date
    follow_up_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Made by the gateway when left out."
    )


@strawberry.input
class RecordMeetingInput:
    forum_id: strawberry.ID
    held_on: date
    attendees: list[strawberry.ID] = strawberry.field(default_factory=list)
    agenda: str | None = strawberry.UNSET
    decisions: str | None = strawberry.UNSET
    follow_ups: list[FollowUpInput] = strawberry.field(default_factory=list)
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ChangeFollowUpStatusInput:
    forum_id: strawberry.ID
    follow_up_id: strawberry.ID
    status: FollowUpStatus
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class CreateActivityInput:
    title: str
    level: Level
    owner_actor_id: strawberry.ID
    description: str | None = strawberry.UNSET
    themes: list[Theme] = strawberry.field(default_factory=list)
    target_age_from: int | None = strawberry.UNSET
    target_age_to: int | None = strawberry.UNSET
    target_group: str | None = strawberry.UNSET
    areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    start: date | None = strawberry.UNSET
    end: date | None = strawberry.UNSET
    hours: int | None = strawberry.UNSET
    budget: int | None = strawberry.UNSET
    focus_areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    incident_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="Only the fields given change; a field given as null is cleared.")
class UpdateActivityInput:
    activity_id: strawberry.ID
    title: str | None = strawberry.UNSET
    level: Level | None = strawberry.UNSET
    owner_actor_id: strawberry.ID | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    themes: list[Theme] | None = strawberry.UNSET
    target_age_from: int | None = strawberry.UNSET
    target_age_to: int | None = strawberry.UNSET
    target_group: str | None = strawberry.UNSET
    areas: list[strawberry.ID] | None = strawberry.UNSET
    start: date | None = strawberry.UNSET
    end: date | None = strawberry.UNSET
    hours: int | None = strawberry.UNSET
    budget: int | None = strawberry.UNSET
    focus_areas: list[strawberry.ID] | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class JoinActivityInput:
    activity_id: strawberry.ID
    actor_id: strawberry.ID
    role: PartnerRole
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LeaveActivityInput:
    activity_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ChangeActivityStatusInput:
    activity_id: strawberry.ID
    status: ActivityStatus
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class RecordSafetyWalkInput:
    walked_on: date
    area_id: strawberry.ID
    route: str | None = strawberry.UNSET
    participants: list[strawberry.ID] = strawberry.field(default_factory=list)
    residents: int = 0
    follows_walk_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="WGS 84 degrees.")
class CoordinatesInput:
    lat: float
    lon: float


@strawberry.input
class RecordFindingInput:
    walk_id: strawberry.ID
    kind: FindingKind
    place: str
    description: str
    coordinates: CoordinatesInput | None = strawberry.UNSET
    photo_url: str | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AssignFindingActionInput:
    walk_id: strawberry.ID
    finding_id: strawberry.ID
    owner_actor_id: strawberry.ID
    deadline: date
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class UpdateFindingActionInput:
    walk_id: strawberry.ID
    action_id: strawberry.ID
    status: ActionStatus
    reason: str | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AdoptStrategyInput:
    title: str


@strawberry.input
class AddFocusAreaInput:
    title: str
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AddIndicatorInput:
    focus_area_id: strawberry.ID
    name: str
    unit: str = strawberry.field(description="`%` keeps values within 0-100.")
    direction: Direction
    target: float | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class RecordMeasurementInput:
    indicator_id: strawberry.ID
    value: float
    period: str
    source: str
    area_id: strawberry.ID | None = strawberry.UNSET
    sample_size: int | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input(description="Shares in per cent: safe + unsafe ≤ 100; respondents ≤ invited.")
class SafetyIndexResultInput:
    area_id: strawberry.ID
    period: str
    feeling_safe: float
    feeling_unsafe: float
    respondents: int
    invited: int


@strawberry.input
class RecordSafetyIndexResultsInput:
    results: list[SafetyIndexResultInput]
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class OpenSurveyWaveInput:
    title: str
    opened_on: date


@strawberry.input
class CloseSurveyWaveInput:
    wave_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class TrustScoresInput:
    openness: int
    reliability: int
    shared_mission: int


@strawberry.input
class ValueScoresInput:
    power_and_influence: int
    resource_contribution: int
    level_of_involvement: int


@strawberry.input(description="Scores from 1 (low) to 4 (high).")
class SurveyRatingInput:
    actor_id: strawberry.ID
    intensity: Intensity
    trust: TrustScoresInput
    value: ValueScoresInput


@strawberry.input(description="One actor's answer; a second answer replaces the first.")
class RecordSurveyResponseInput:
    wave_id: strawberry.ID
    respondent_actor_id: strawberry.ID
    ratings: list[SurveyRatingInput]
    expected_version: int | None = strawberry.UNSET


# -- roots ---------------------------------------------------------------------------


def _value(value: enum.Enum | None) -> str | None:
    return str(value.value) if value is not None else None


@strawberry.type
class Query:
    @strawberry.field(description="Partnerships, by name.")
    async def partnerships(
        self,
        info: Info,
        area_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Partnership]:
        return await _page(info, "partnerships", Partnership.of, first, after, areaId=area_id)

    @strawberry.field(description="One partnership; NOT_FOUND for an id not in the municipality.")
    async def partnership(self, info: Info, id: strawberry.ID) -> Partnership:
        return found(await partnership_by_id(info, id), "partnership")

    @strawberry.field(description="Coordinating fora, by name.")
    async def fora(
        self,
        info: Info,
        area_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Forum]:
        return await _page(info, "fora", Forum.of, first, after, areaId=area_id)

    @strawberry.field(
        description="One forum with its meetings; NOT_FOUND if not in the municipality."
    )
    async def forum(self, info: Info, id: strawberry.ID) -> Forum:
        return found(await forum_by_id(info, id), "forum")

    @strawberry.field(description="Activities, filtered, by title.")
    async def activities(
        self,
        info: Info,
        area_id: strawberry.ID | None = None,
        theme: Theme | None = None,
        status: ActivityStatus | None = None,
        level: Level | None = None,
        focus_area_id: strawberry.ID | None = None,
        owner_actor_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Activity]:
        return await _page(
            info,
            "activities",
            Activity.of,
            first,
            after,
            areaId=area_id,
            theme=_value(theme),
            status=_value(status),
            level=_value(level),
            focusAreaId=focus_area_id,
            ownerActorId=owner_actor_id,
        )

    @strawberry.field(description="One activity; NOT_FOUND for an id not in the municipality.")
    async def activity(self, info: Info, id: strawberry.ID) -> Activity:
        return found(await activity_by_id(info, id), "activity")

    @strawberry.field(description="Safety walks, by area.")
    async def safety_walks(
        self,
        info: Info,
        area_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SafetyWalk]:
        return await _page(info, "safety-walks", SafetyWalk.of, first, after, areaId=area_id)

    @strawberry.field(description="One safety walk; NOT_FOUND for an id not in the municipality.")
    async def safety_walk(self, info: Info, id: strawberry.ID) -> SafetyWalk:
        return found(await safety_walk_by_id(info, id), "safety walk")

    @strawberry.field(description="The joint strategy, or null before it is adopted.")
    async def strategy(self, info: Info) -> Strategy | None:
        return await strategy_of(info)

    @strawberry.field(description="Relationship-survey waves, by title.")
    async def survey_waves(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[SurveyWave]:
        return await _page(info, "surveys", SurveyWave.of, first, after)


async def _partnership_payload(info: Info, written: Written) -> PartnershipPayload:
    partnership = found(await partnership_by_id(info, written.id, fresh=True), "partnership")
    return PartnershipPayload(partnership=partnership, position=written.position)


async def _forum_payload(info: Info, written: Written) -> ForumPayload:
    forum = found(await forum_by_id(info, written.id, fresh=True), "forum")
    return ForumPayload(forum=forum, position=written.position)


async def _activity_payload(info: Info, written: Written) -> ActivityPayload:
    activity = found(await activity_by_id(info, written.id, fresh=True), "activity")
    return ActivityPayload(activity=activity, position=written.position)


async def _action_payload(info: Info, written: Written, action_id: str) -> FindingActionPayload:
    walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
    action = next(a for a in walk.actions if a.id == action_id)
    return FindingActionPayload(safety_walk=walk, action=action, position=written.position)


async def _strategy_payload(info: Info, written: Written) -> StrategyPayload:
    strategy = found(await strategy_of(info, fresh=True), "strategy")
    return StrategyPayload(strategy=strategy, position=written.position)


async def _wave_payload(info: Info, written: Written) -> SurveyWavePayload:
    wave = found(await survey_wave_by_id(info, written.id, fresh=True), "survey wave")
    return SurveyWavePayload(survey_wave=wave, position=written.position)


@strawberry.type
class Mutation:
    # partnerships and fora

    create_partnership: PartnershipPayload = command(
        SERVICE,
        "POST",
        "/partnerships",
        CreatePartnershipInput,
        _partnership_payload,
        description="Establish a partnership (coordinators).",
    )

    join_partnership: PartnershipPayload = command(
        SERVICE,
        "POST",
        "/partnerships/{partnership_id}/members",
        JoinPartnershipInput,
        _partnership_payload,
        description="An actor joins a partnership, or changes its role there.",
    )

    leave_partnership: PartnershipPayload = command(
        SERVICE,
        "DELETE",
        "/partnerships/{partnership_id}/members/{actor_id}",
        LeavePartnershipInput,
        _partnership_payload,
        description="An actor leaves a partnership.",
    )

    create_forum: ForumPayload = command(
        SERVICE,
        "POST",
        "/fora",
        CreateForumInput,
        _forum_payload,
        description="Establish a coordinating forum.",
    )

    join_forum: ForumPayload = command(
        SERVICE,
        "POST",
        "/fora/{forum_id}/members",
        JoinForumInput,
        _forum_payload,
        description="An actor joins a forum.",
    )

    leave_forum: ForumPayload = command(
        SERVICE,
        "DELETE",
        "/fora/{forum_id}/members/{actor_id}",
        LeaveForumInput,
        _forum_payload,
        description="An actor leaves a forum.",
    )

    @strawberry.mutation(description="Record a forum's meeting, its minutes and follow-ups.")
    async def record_meeting(self, info: Info, input: RecordMeetingInput) -> MeetingPayload:
        follow_ups = [
            {
                "followUpId": f.follow_up_id if f.follow_up_id else new_id("follow-up"),
                "description": f.description,
                "actorId": f.actor_id,
                "due": f.due,
            }
            for f in input.follow_ups
        ]
        path = "/fora/{forum_id}/meetings"
        written = await write(info, SERVICE, "POST", path, input, extra={"followUps": follow_ups})
        forum = found(await forum_by_id(info, written.id, fresh=True), "forum")
        meeting_id = written.made("meetingId")
        meeting = next(m for m in forum.meetings if m.id == meeting_id)
        return MeetingPayload(forum=forum, meeting=meeting, position=written.position)

    @strawberry.mutation(description="A follow-up is open, done or cancelled.")
    async def change_follow_up_status(
        self, info: Info, input: ChangeFollowUpStatusInput
    ) -> ForumPayload:
        path = "/fora/{forum_id}/follow-ups/{follow_up_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _forum_payload(info, written)

    # activities

    create_activity: ActivityPayload = command(
        SERVICE,
        "POST",
        "/activities",
        CreateActivityInput,
        _activity_payload,
        description="Create an activity (its owner's staff or coordinators).",
    )

    update_activity: ActivityPayload = command(
        SERVICE,
        "PATCH",
        "/activities/{activity_id}",
        UpdateActivityInput,
        _activity_payload,
        description="Change an activity's details: only the fields given.",
    )

    join_activity: ActivityPayload = command(
        SERVICE,
        "POST",
        "/activities/{activity_id}/partners",
        JoinActivityInput,
        _activity_payload,
        description="An actor joins an activity, or changes its role there.",
    )

    leave_activity: ActivityPayload = command(
        SERVICE,
        "DELETE",
        "/activities/{activity_id}/partners/{actor_id}",
        LeaveActivityInput,
        _activity_payload,
        description="An actor leaves an activity.",
    )

    @strawberry.mutation(description="planned → active ⇄ paused, and to ended, which is final.")
    async def change_activity_status(
        self, info: Info, input: ChangeActivityStatusInput
    ) -> ActivityPayload:
        path = "/activities/{activity_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _activity_payload(info, written)

    # safety walks

    @strawberry.mutation(description="Record a safety walk (a follow-up names an earlier walk).")
    async def record_safety_walk(
        self, info: Info, input: RecordSafetyWalkInput
    ) -> SafetyWalkPayload:
        written = await write(info, SERVICE, "POST", "/safety-walks", input)
        walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
        return SafetyWalkPayload(safety_walk=walk, position=written.position)

    @strawberry.mutation(description="Record what a safety walk found.")
    async def record_finding(self, info: Info, input: RecordFindingInput) -> FindingPayload:
        path = "/safety-walks/{walk_id}/findings"
        written = await write(info, SERVICE, "POST", path, input)
        walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
        finding_id = written.made("findingId")
        finding = next(f for f in walk.findings if f.id == finding_id)
        return FindingPayload(safety_walk=walk, finding=finding, position=written.position)

    @strawberry.mutation(description="An actor is to act on a finding by a deadline.")
    async def assign_finding_action(
        self, info: Info, input: AssignFindingActionInput
    ) -> FindingActionPayload:
        path = "/safety-walks/{walk_id}/actions"
        written = await write(info, SERVICE, "POST", path, input)
        return await _action_payload(info, written, written.made("actionId"))

    @strawberry.mutation(description="Where an action stands; a rejection needs a reason.")
    async def update_finding_action(
        self, info: Info, input: UpdateFindingActionInput
    ) -> FindingActionPayload:
        path = "/safety-walks/{walk_id}/actions/{action_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _action_payload(info, written, str(input.action_id))

    # the strategy

    adopt_strategy: StrategyPayload = command(
        SERVICE,
        "POST",
        "/strategy",
        AdoptStrategyInput,
        _strategy_payload,
        description="Adopt the municipality's joint strategy (coordinators).",
    )

    @strawberry.mutation(description="Add a focus area to the strategy.")
    async def add_focus_area(self, info: Info, input: AddFocusAreaInput) -> FocusAreaPayload:
        written = await write(info, SERVICE, "POST", "/strategy/focus-areas", input)
        strategy = found(await strategy_of(info, fresh=True), "strategy")
        focus_area_id = written.made("focusAreaId")
        focus_area = next(f for f in strategy.focus_areas if f.id == focus_area_id)
        return FocusAreaPayload(strategy=strategy, focus_area=focus_area, position=written.position)

    @strawberry.mutation(description="Add an indicator to a focus area.")
    async def add_indicator(self, info: Info, input: AddIndicatorInput) -> IndicatorPayload:
        written = await write(info, SERVICE, "POST", "/strategy/indicators", input)
        strategy = found(await strategy_of(info, fresh=True), "strategy")
        indicator_id = written.made("indicatorId")
        page = await _strategy_read(info, "/strategy/indicators")
        [indicator] = [
            Indicator.of(item)
            for item in (page or {}).get("items", ())
            if item["indicator_id"] == indicator_id
        ]
        return IndicatorPayload(strategy=strategy, indicator=indicator, position=written.position)

    record_measurement: StrategyPayload = command(
        SERVICE,
        "POST",
        "/strategy/measurements",
        RecordMeasurementInput,
        _strategy_payload,
        description="Record a value of an indicator for a period.",
    )

    @strawberry.mutation(description="Record safety-index results, all or none.")
    async def record_safety_index_results(
        self, info: Info, input: RecordSafetyIndexResultsInput
    ) -> StrategyPayload:
        written = await write(info, SERVICE, "POST", "/strategy/safety-index-results", input)
        return await _strategy_payload(info, written)

    # relationship surveys

    open_survey_wave: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys",
        OpenSurveyWaveInput,
        _wave_payload,
        description="Open a relationship-survey wave.",
    )

    close_survey_wave: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys/{wave_id}/close",
        CloseSurveyWaveInput,
        _wave_payload,
        description="Close a wave: it takes no more answers.",
    )

    record_survey_response: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys/{wave_id}/responses",
        RecordSurveyResponseInput,
        _wave_payload,
        description="Record one actor's answer in an open wave.",
    )
