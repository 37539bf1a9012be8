"""The activities domain's GraphQL types, their loaders and payloads."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from trygnet_core.errors import NotFound
from trygnet_gateway.actors import Actor, Area, actor_by_id, area_by_id
from trygnet_gateway.context import Info, forget
from trygnet_gateway.relay import Connection, connection
from trygnet_gateway.vocabulary import (
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
from trygnet_gateway.writes import ABOUT_VERSION, Payload

T = TypeVar("T")

SERVICE = "activities"


# -- vocabulary (the activities service's words, from the kernel) ------------------


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


async def focus_area_by_id(info: Info, focus_area_id: str) -> FocusArea | None:
    """A focus area of the strategy (the strategy read once per query)."""
    strategy = await strategy_of(info)
    focus_areas = strategy.focus_areas if strategy else []
    return next((f for f in focus_areas if f.id == focus_area_id), None)


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
    role: PartnerRole = strawberry.field(
        description="Its role in the partnership (OTHER also for a role written in other "
        "words before roles were these words)."
    )

    @strawberry.field(description="The member (null only if the actors service lost it).")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="A safety partnership authorised from the top, with its resources.")
class Partnership:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the partnership.")
    name: str = strawberry.field(description="Its name.")
    mandate: str = strawberry.field(description="What it was authorised to do.")
    authorised_by: str = strawberry.field(
        description="Who authorised it: a council, a board, a police district."
    )
    authorised_on: date | None = strawberry.field(description="The day it was authorised.")
    coordinator_actor_id: strawberry.Private[str]
    area_ids: strawberry.Private[list[str]]
    hours_per_year: int | None = strawberry.field(
        description="Hours of work a year set aside to drive it; null if not given."
    )
    budget_per_year: int | None = strawberry.field(
        description="Its budget a year, in whole units of the municipality's currency "
        "(DKK or SEK); null if not given."
    )
    members: list[PartnershipMember] = strawberry.field(
        description="The actors taking part, with their roles."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

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
                PartnershipMember(actor_id=actor, role=PartnerRole(role))
                for actor, role in (item.get("members") or {}).items()
            ],
            version=int(item["version"]),
        )

    @strawberry.field(description="The actor that coordinates it.")
    async def coordinator(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.coordinator_actor_id)

    @strawberry.field(description="The areas it covers.")
    async def areas(self, info: Info) -> list[Area]:
        return await _areas(info, self.area_ids)


@strawberry.type(description="Something a forum's meeting asked an actor to do by a day.")
class ForumFollowUp:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the follow-up.")
    meeting_id: strawberry.ID = strawberry.field(description="The meeting that asked for it.")
    actor_id: strawberry.Private[str]
    due: date | None = strawberry.field(description="The day it is due.")
    status: FollowUpStatus = strawberry.field(description="Whether it is open, done or cancelled.")

    @strawberry.field(description="Who is to do it.")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="A meeting of a forum and its minutes.")
class Meeting:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the meeting.")
    held_on: date | None = strawberry.field(description="The day it was held.")
    attendee_ids: strawberry.Private[list[str]]
    agenda: str | None = strawberry.field(description="The agenda; null if not recorded.")
    decisions: str | None = strawberry.field(description="What was decided; null if not recorded.")
    follow_ups: list[ForumFollowUp] = strawberry.field(
        description="What the meeting asked actors to do."
    )

    @strawberry.field(description="The actors that attended.")
    async def attendees(self, info: Info) -> list[Actor]:
        return await _actors(info, self.attendee_ids)


@strawberry.type(description="A coordinating forum on one level, with an owner who drives it.")
class Forum:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the forum.")
    name: str = strawberry.field(description="Its name.")
    level: Level = strawberry.field(description="The level it works on.")
    cadence: Cadence = strawberry.field(description="How often it meets.")
    owner_actor_id: strawberry.Private[str]
    partnership_id: strawberry.Private[str | None]
    member_ids: strawberry.Private[list[str]]
    meetings: list[Meeting] = strawberry.field(description="Its meetings, in the order recorded.")
    follow_ups: list[ForumFollowUp] = strawberry.field(
        description="The follow-ups of all its meetings."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

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

    @strawberry.field(description="The actors taking part.")
    async def members(self, info: Info) -> list[Actor]:
        return await _actors(info, self.member_ids)

    @strawberry.field(description="The partnership it works under, if any.")
    async def partnership(self, info: Info) -> Partnership | None:
        return await partnership_by_id(info, self.partnership_id) if self.partnership_id else None


# -- activities ----------------------------------------------------------------------


@strawberry.type(description="An actor taking part in an activity, and its role there.")
class ActivityPartner:
    actor_id: strawberry.Private[str]
    role: PartnerRole = strawberry.field(description="Its role in the activity.")

    @strawberry.field(description="The partner (null only if the actors service lost it).")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="A collaborative prevention activity.")
class Activity:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the activity.")
    title: str = strawberry.field(description="Its title.")
    level: Level = strawberry.field(description="The level it works on.")
    owner_actor_id: strawberry.Private[str]
    description: str | None = strawberry.field(description="What it does; null if not given.")
    themes: list[Theme] = strawberry.field(description="What it is about.")
    target_age_from: int | None = strawberry.field(
        description="The youngest age it is for (0-120); null: no lower limit."
    )
    target_age_to: int | None = strawberry.field(
        description="The oldest age it is for (0-120); null: no upper limit."
    )
    target_group: str | None = strawberry.field(
        description="Whom it is for, in words: young people not in school; null if not given."
    )
    area_ids: strawberry.Private[list[str]]
    start: date | None = strawberry.field(description="The day it starts; null if not set.")
    end: date | None = strawberry.field(description="The day it ends; null if open-ended.")
    hours: int | None = strawberry.field(
        description="Hours of work put into it in all; null if not given."
    )
    budget: int | None = strawberry.field(
        description="Its budget, in whole units of the municipality's currency (DKK or "
        "SEK); null if not given."
    )
    focus_area_ids: strawberry.Private[list[str]]
    started_by_incident: strawberry.Private[str | None]
    status: ActivityStatus = strawberry.field(
        description="Where it stands: planned, active, paused or ended."
    )
    participants_reached: int | None = strawberry.field(
        description="How many people it has reached so far (the latest count recorded "
        "with its status); null if none was recorded."
    )
    partners: list[ActivityPartner] = strawberry.field(
        description="The actors taking part besides the owner, with their roles."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

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
            started_by_incident=item.get("incident_id"),
            status=ActivityStatus(item["status"]),
            participants_reached=item.get("participants_reached"),
            partners=[
                ActivityPartner(actor_id=actor, role=PartnerRole(role))
                for actor, role in (item.get("partners") or {}).items()
            ],
            version=int(item["version"]),
        )

    @strawberry.field(
        description="The incident whose response started it, if one did and you may see "
        "that response: null for a reader who sees that incident only in outline "
        "(a restricted incident's follow-ups are withheld like the rest of its response)."
    )
    async def incident_id(self, info: Info) -> strawberry.ID | None:
        if self.started_by_incident is None:
            return None
        # Imported here: the incidents' types refer to activities (their follow-ups).
        from trygnet_gateway.incidents.types import incident_by_id

        incident = await incident_by_id(info, self.started_by_incident)
        if incident is None or incident.redacted:
            return None
        return strawberry.ID(self.started_by_incident)

    @strawberry.field(description="The actor that owns it.")
    async def owner(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.owner_actor_id)

    @strawberry.field(description="The areas it works in.")
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
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the action.")
    finding_id: strawberry.ID = strawberry.field(description="The finding it acts on.")
    owner_actor_id: strawberry.Private[str]
    deadline: date | None = strawberry.field(description="The day it is to be done by.")
    status: ActionStatus = strawberry.field(description="Where it stands.")
    reason: str | None = strawberry.field(description="Why it was rejected; null unless REJECTED.")

    @strawberry.field(description="The actor that owns the action.")
    async def owner(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.owner_actor_id)


@strawberry.type(description="Something on a safety walk that makes the area feel unsafe.")
class Finding:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the finding.")
    kind: FindingKind = strawberry.field(description="What was found.")
    actions: list[FindingAction] = strawberry.field(description="The actions assigned on it.")


@strawberry.type(description="Partners and residents walked an area noting what feels unsafe.")
class SafetyWalk:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the walk.")
    walked_on: date | None = strawberry.field(description="The day of the walk.")
    area_id: strawberry.Private[str]
    participant_ids: strawberry.Private[list[str]]
    residents: int = strawberry.field(description="How many residents came along.")
    follows_walk_id: strawberry.Private[str | None]
    findings: list[Finding] = strawberry.field(description="What the walk found.")
    actions: list[FindingAction] = strawberry.field(description="The actions on all its findings.")
    version: int = strawberry.field(description=ABOUT_VERSION)

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

    @strawberry.field(description="The area walked.")
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id)

    @strawberry.field(description="The actors that walked.")
    async def participants(self, info: Info) -> list[Actor]:
        return await _actors(info, self.participant_ids)

    @strawberry.field(description="The earlier walk this one follows up, if any.")
    async def follows_walk(self, info: Info) -> SafetyWalk | None:
        return await safety_walk_by_id(info, self.follows_walk_id) if self.follows_walk_id else None


# -- the strategy --------------------------------------------------------------------


@strawberry.type(description="How a focus area's progress is measured, and which way is better.")
class Indicator:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the indicator.")
    focus_area_id: strawberry.ID = strawberry.field(description="The focus area it measures.")
    name: str = strawberry.field(description="What is measured: share of residents feeling safe.")
    unit: str = strawberry.field(
        description="The unit of its values: `%` (0-100), `count`, `days`."
    )
    direction: Direction = strawberry.field(
        description="Whether higher or lower values are better."
    )
    target: float | None = strawberry.field(
        description="The value aimed for, in `unit`; null if none was set."
    )

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

    @strawberry.field(description="The focus area it measures (`focusAreaId`).")
    async def focus_area(self, info: Info) -> FocusArea | None:
        return await focus_area_by_id(info, self.focus_area_id)


@strawberry.type(description="A value of an indicator for a period, in one area or overall.")
class Measurement:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator measured.")
    value: float = strawberry.field(description="The value, in the indicator's unit.")
    period: str = strawberry.field(description="`2026`, `2026-Q3` or `2026-09`.")
    source: str = strawberry.field(
        description="Where the value comes from: the police safety index, a survey."
    )
    area_id: strawberry.Private[str | None]
    sample_size: int | None = strawberry.field(
        description="How many answered or were counted; null if not given. Always look at"
        " it beside the value."
    )

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

    @strawberry.field(description="The area measured; null for the whole municipality.")
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id) if self.area_id else None

    @strawberry.field(description="The indicator measured (`indicatorId`).")
    async def indicator(self, info: Info) -> Indicator | None:
        page = await _strategy_read(info, "/strategy/indicators")
        found = (i for i in (page or {}).get("items", ()) if i["indicator_id"] == self.indicator_id)
        item = next(found, None)
        return Indicator.of(item) if item else None


@strawberry.type(description="The police safety index for one area and period (per cent).")
class SafetyIndexResult:
    area_id: strawberry.Private[str]
    period: str = strawberry.field(
        description="The period of the survey: `2026`, `2026-Q3` or `2026-09`."
    )
    feeling_safe: float = strawberry.field(
        description="Share of respondents feeling safe, per cent (0-100; higher is better)."
    )
    feeling_unsafe: float = strawberry.field(
        description="Share of respondents feeling unsafe, per cent (0-100; lower is better)."
    )
    respondents: int = strawberry.field(description="How many answered.")
    invited: int = strawberry.field(description="How many were asked.")

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

    @strawberry.field(description="The area surveyed.")
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id)


@strawberry.type(description="A focus area of the joint strategy.")
class FocusArea:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the focus area.")
    title: str = strawberry.field(description="Its title: safe nightlife.")

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
    title: str = strawberry.field(description="The strategy's title.")
    focus_areas: list[FocusArea] = strawberry.field(description="Its focus areas.")
    version: int = strawberry.field(description=ABOUT_VERSION)

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
        self,
        info: Info,
        indicator_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this indicator's measurements."),
        ] = None,
    ) -> list[Measurement]:
        page = await _strategy_read(info, "/strategy/measurements")
        found_items = [Measurement.of(item) for item in (page or {}).get("items", ())]
        return [m for m in found_items if indicator_id is None or m.indicator_id == indicator_id]

    @strawberry.field(description="Safety-index results, the latest for each area and period.")
    async def safety_index_results(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this area's results.")
        ] = None,
    ) -> list[SafetyIndexResult]:
        page = await _strategy_read(info, "/strategy/safety-index-results")
        found_items = [SafetyIndexResult.of(item) for item in (page or {}).get("items", ())]
        return [r for r in found_items if area_id is None or r.area_id == area_id]


# -- relationship surveys ------------------------------------------------------------


@strawberry.type(
    description="How far a respondent trusts an actor, each from 1 (low) to 4 (high),"
    " as the PARTNER tool asks."
)
class TrustScores:
    openness: int = strawberry.field(description="Open to discussion, 1 (low) to 4 (high).")
    reliability: int = strawberry.field(description="Does what it says, 1 (low) to 4 (high).")
    shared_mission: int = strawberry.field(
        description="Shares the partnership's mission, 1 (low) to 4 (high)."
    )


@strawberry.type(
    description="What an actor brings, as a respondent sees it, each from 1 (low) to 4 (high)."
)
class ValueScores:
    power_and_influence: int = strawberry.field(
        description="Its power and influence, 1 (low) to 4 (high)."
    )
    resource_contribution: int = strawberry.field(
        description="The resources it brings, 1 (low) to 4 (high)."
    )
    level_of_involvement: int = strawberry.field(
        description="How involved it is, 1 (low) to 4 (high)."
    )


@strawberry.type(description="How a respondent rates its relationship with one actor (1 to 4).")
class SurveyRating:
    actor_id: strawberry.Private[str]
    intensity: Intensity = strawberry.field(description="How closely they work together.")
    trust: TrustScores = strawberry.field(description="How far the respondent trusts the actor.")
    value: ValueScores = strawberry.field(
        description="What the actor brings, as the respondent sees it."
    )

    @strawberry.field(description="The actor rated.")
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="One actor's latest answer in a survey wave.")
class SurveyResponse:
    respondent_id: strawberry.Private[str]
    ratings: list[SurveyRating] = strawberry.field(description="Its ratings, one per actor rated.")

    @strawberry.field(description="The actor that answered.")
    async def respondent(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.respondent_id)


@strawberry.type(description="A round of the relationship survey (comparable with PARTNER).")
class SurveyWave:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the wave.")
    title: str = strawberry.field(description="Its title: Spring 2026.")
    opened_on: date | None = strawberry.field(description="The day it opened.")
    closed: bool = strawberry.field(description="True once closed: it takes no more answers.")
    responses: list[SurveyResponse] = strawberry.field(
        description="The latest answer of each respondent."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

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


@strawberry.type(description="What a write to a partnership answers.")
class PartnershipPayload(Payload):
    partnership: Partnership = strawberry.field(
        description="The partnership after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What a write to a forum answers.")
class ForumPayload(Payload):
    forum: Forum = strawberry.field(
        description="The forum after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What recording a meeting answers.")
class MeetingPayload(Payload):
    forum: Forum = strawberry.field(description="The forum after the write.")
    meeting: Meeting = strawberry.field(description="The meeting recorded.")


@strawberry.type(description="What a write to an activity answers.")
class ActivityPayload(Payload):
    activity: Activity = strawberry.field(
        description="The activity after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What recording a safety walk answers.")
class SafetyWalkPayload(Payload):
    safety_walk: SafetyWalk = strawberry.field(description="The walk after the write.")


@strawberry.type(description="What recording a finding answers.")
class FindingPayload(Payload):
    safety_walk: SafetyWalk = strawberry.field(description="The walk after the write.")
    finding: Finding = strawberry.field(description="The finding recorded.")


@strawberry.type(description="What a write to an action on a finding answers.")
class FindingActionPayload(Payload):
    safety_walk: SafetyWalk = strawberry.field(description="The walk after the write.")
    action: FindingAction = strawberry.field(description="The action written.")


@strawberry.type(description="What a write to the strategy answers.")
class StrategyPayload(Payload):
    strategy: Strategy = strawberry.field(
        description="The strategy after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What adding a focus area answers.")
class FocusAreaPayload(Payload):
    strategy: Strategy = strawberry.field(description="The strategy after the write.")
    focus_area: FocusArea = strawberry.field(description="The focus area added.")


@strawberry.type(description="What adding an indicator answers.")
class IndicatorPayload(Payload):
    strategy: Strategy = strawberry.field(description="The strategy after the write.")
    indicator: Indicator = strawberry.field(description="The indicator added.")


@strawberry.type(description="What a write to a survey wave answers.")
class SurveyWavePayload(Payload):
    survey_wave: SurveyWave = strawberry.field(
        description="The wave after the write (null if only `position` was asked for)."
    )


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex}"
