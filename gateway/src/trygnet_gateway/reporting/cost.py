"""Cost and return, beside the outcomes: each activity's cost (budget plus hours times
the municipality's hourly rate) per participant it reached, and each focus area's,
next to that focus area's indicators (``Outcomes.cost``)."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.answers import answered_as, of_answer
from trygnet_gateway.reporting import objects
from trygnet_gateway.reporting.types.beside import FocusAreaRow
from trygnet_gateway.reporting.types.outcomes import IndicatorOutcome


@strawberry.type(description="What an activity costs, and per participant it reached.")
class ActivityCost:
    id: strawberry.ID = strawberry.field(
        description="The activity's id.", metadata=answered_as("activityId")
    )
    activity: Activity | None = strawberry.field(
        resolver=objects.activity, description="The activity."
    )
    title: str = strawberry.field(description="Its title.")
    hours: int | None = strawberry.field(description="Hours declared on it; null if none.")
    budget: int | None = strawberry.field(description="Budget declared on it; null if none.")
    participants_reached: int | None = strawberry.field(
        description="People it reached, as last recorded; null if none was recorded."
    )
    cost: float = strawberry.field(description="Budget plus hours times the hourly rate.")
    cost_per_participant: float | None = strawberry.field(
        description="Its cost divided by the participants reached; null without them."
    )


@strawberry.type(description="What a focus area's activities cost per participant.")
class FocusAreaCost(FocusAreaRow):
    activities: int = strawberry.field(description="Activities serving it.")
    with_participants: int = strawberry.field(
        description="Of those, the ones that recorded participants reached."
    )
    cost: float = strawberry.field(description="The cost of every activity serving it.")
    participants_reached: int = strawberry.field(
        description="The participants of those that recorded them, together."
    )
    cost_per_participant: float | None = strawberry.field(
        description="The cost of the activities with participants divided by their "
        "participants; null when none recorded any."
    )
    indicators: list[IndicatorOutcome] = strawberry.field(
        description="The focus area's indicators against their targets, to read beside it."
    )


@strawberry.type(description="Cost per participant, per activity and per focus area.")
class OutcomeCosts:
    hourly_rate: float | None = strawberry.field(
        description="The hourly rate the hours are costed at; null: none set (hours cost 0)."
    )
    activities: list[ActivityCost] = strawberry.field(
        description="Every activity the outcomes count, by title."
    )
    focus_areas: list[FocusAreaCost] = strawberry.field(
        description="Every focus area of the strategy."
    )

    @classmethod
    def of(cls, outcomes: dict[str, Any]) -> OutcomeCosts:
        item = outcomes["cost"]
        indicators = {i["indicatorId"]: i for i in outcomes["indicators"]}
        return of_answer(
            cls,
            item,
            focus_areas=[
                of_answer(
                    FocusAreaCost,
                    f,
                    indicators=[IndicatorOutcome.of(indicators[i]) for i in f["indicatorIds"]],
                )
                for f in item["focusAreas"]
            ],
        )
