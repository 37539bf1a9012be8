"""Each party's contribution and its effect (``contributions``, ``Actor.contribution``):
what every actor puts into the partnership in a period and what comes of the work it
takes part in, from the reporting service's ``/contributions``. Restricted incidents
count as the caller may see them (the reporting service applies the one redaction
policy); national bodies read only the national table of contributions by sector."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry

from trygnet_gateway.activities.types.activity import Activity, activity_by_id
from trygnet_gateway.actors import actor_of
from trygnet_gateway.answers import FromAnswer
from trygnet_gateway.context import Info, each
from trygnet_gateway.reporting.reads import AsOf, report
from trygnet_gateway.reporting.report_fields import report_field
from trygnet_gateway.reporting.types.beside import AreaRow, FocusAreaRow
from trygnet_gateway.vocabulary import Direction, Sector

FromDay = Annotated[
    date | None,
    strawberry.argument(name="from", description="The first day counted; none: from the start."),
]
ToDay = Annotated[
    date | None, strawberry.argument(description="The last day counted; none: up to today.")
]


@strawberry.type(description="Things an actor owns to do: done, open and overdue.")
class Owned:
    done: int = strawberry.field(description="Done.")
    open: int = strawberry.field(description="Still open (or in progress).")
    overdue: int = strawberry.field(description="Of the open ones, those past their due day.")


@strawberry.type(description="Tasks an actor took in incident responses.")
class TasksTaken:
    taken: int = strawberry.field(description="Tasks assigned to it.")
    completed: int = strawberry.field(description="Of those, the ones done.")
    completed_on_time: int = strawberry.field(description="Of those, done by their due day.")


@strawberry.type(description="How the other actors rated an actor in a relationship survey.")
class RatedByOthers:
    wave_id: strawberry.ID = strawberry.field(description="The survey wave (the latest).")
    raters: int = strawberry.field(description="How many other actors rated it.")
    trust: float | None = strawberry.field(description="Their mean trust, 1 to 4.")
    value: float | None = strawberry.field(description="Their mean value, 1 to 4.")


@strawberry.type(description="An indicator of a focus area: its latest value against target.")
class IndicatorEffect:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator's id.")
    name: str = strawberry.field(description="What is measured.")
    unit: str = strawberry.field(description="The unit of its values.")
    direction: Direction = strawberry.field(description="Whether higher or lower is better.")
    target: float | None = strawberry.field(description="The value aimed for; null if none.")
    latest: float | None = strawberry.field(
        description="The latest value by the period's end; null with no measurement."
    )
    on_target: bool | None = strawberry.field(
        description="Whether the latest value reaches the target; null without either."
    )


@strawberry.type(description="A focus area the actor's activities serve, and its indicators.")
class FocusAreaEffect(FocusAreaRow):
    indicators: list[IndicatorEffect] = strawberry.field(description="Its indicators.")


@strawberry.type(description="An area's safety index: its latest result against the one before.")
class SafetyTrend(AreaRow):
    period: str | None = strawberry.field(description="The latest result's period; null: none.")
    feeling_safe: float | None = strawberry.field(description="Per cent feeling safe then.")
    previous_period: str | None = strawberry.field(description="The period before; null: none.")
    previous_feeling_safe: float | None = strawberry.field(description="Per cent then.")
    change: float | None = strawberry.field(
        description="Percentage points from the previous result to the latest (up: safer)."
    )


@strawberry.type(description="What comes of an actor's work: focus areas and its areas' safety.")
class ContributionEffect:
    focus_areas: list[FocusAreaEffect] = strawberry.field(
        description="The focus areas its activities in the period serve."
    )
    safety_index: list[SafetyTrend] = strawberry.field(
        description="The safety-index trend of its areas (of the area asked for)."
    )


@strawberry.type(description="What one actor put into the partnership in the period.")
class Contribution(FromAnswer):
    actor_id: strawberry.ID = strawberry.field(description="The actor's id.")
    name: str = strawberry.field(description="The actor's name.")
    sector: Sector = strawberry.field(description="The actor's sector.")
    activities_led: int = strawberry.field(description="Activities it owns or leads.")
    activities_joined: int = strawberry.field(description="Activities it joined as a partner.")
    activity_ids: strawberry.Private[list[str]]
    hours: int = strawberry.field(
        description="Hours declared on those activities (each activity's whole figure)."
    )
    budget: int = strawberry.field(
        description="Budget declared on those activities, in the municipality's currency."
    )
    fora_memberships: int = strawberry.field(description="Fora it is a member of now.")
    meetings_attended: int = strawberry.field(description="Forum meetings it attended.")
    follow_ups: Owned = strawberry.field(description="Follow-ups of those meetings it owns.")
    response_roles: int = strawberry.field(description="Incident-response roles it held.")
    tasks: TasksTaken = strawberry.field(description="Incident-response tasks it took.")
    walk_actions: Owned = strawberry.field(description="Safety-walk actions it owns.")
    survey: RatedByOthers | None = strawberry.field(
        description="How others rated it in the latest relationship survey; null if none did."
    )
    effect: ContributionEffect = strawberry.field(description="What comes of its work.")

    actor = strawberry.field(resolver=actor_of("actor_id"), description="The actor.")

    @strawberry.field(description="The activities it led or joined in the period.")
    async def activities(self, info: Info) -> list[Activity]:
        return await each(info, self.activity_ids, activity_by_id)


def _rows(found: dict[str, Any]) -> list[Contribution]:
    return [Contribution.of(row) for row in found["contributions"]]


async def contributions_of(
    info: Info, since: date | None, until: date | None
) -> list[Contribution]:
    """Every actor's row of the period: one read of the report per request, however many ask."""
    return _rows(await report(info, "/contributions", params={"from": since, "to": until}))


Asked = tuple[date | None, date | None, str]
"""(from, to, actor id): one actor's row of one period."""


async def contribution_of(
    info: Info, actor_id: str, since: date | None, until: date | None
) -> Contribution | None:
    """One actor's row: the actors asked in one tick share one read of the report, and
    its rows are made once, not once per actor asked (a page of 100 actors)."""

    async def load(keys: list[Asked]) -> list[Contribution | None]:
        rows: dict[tuple[date | None, date | None], dict[str, Contribution]] = {}
        for period in dict.fromkeys((first, last) for first, last, _ in keys):
            found = await contributions_of(info, *period)
            rows[period] = {row.actor_id: row for row in found}
        return [rows[(first, last)].get(actor) for first, last, actor in keys]

    loader = info.context.loader("contributions of actors", load)
    found: Contribution | None = await loader.load((since, until, actor_id))
    return found


@strawberry.type
class Query:
    contributions = report_field(
        "/contributions",
        _rows,
        list[Contribution],
        "Each party's contribution and its effect: one row per active actor (of the area), "
        "for the period. Restricted incidents count as you may see them.",
        from_=FromDay,
        to=ToDay,
        as_of=AsOf,
    )
