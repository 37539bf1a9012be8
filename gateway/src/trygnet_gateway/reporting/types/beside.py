"""The fields several report types start with: an id and the object beside it, read
alike in every report that has them. A type derives from one of these bases (its fields
come first in the schema) and adds its own after them."""

from __future__ import annotations

import strawberry

from trygnet_gateway.activities.types.strategy import FocusArea
from trygnet_gateway.actors import Area
from trygnet_gateway.reporting import objects


@strawberry.type(description="A report of one area, or of the whole municipality.")
class AreaAsked:
    """The start of a report asked for an area or for all (``Directory``, ``Outcomes``,
    ``CollaborationNetwork``, ``SafetyWalkReport``); not itself in the schema."""

    area_id: strawberry.ID | None = strawberry.field(
        description="The area asked for; null for the whole municipality."
    )
    area: Area | None = strawberry.field(
        resolver=objects.area, description="The area asked for (null: all of them)."
    )


@strawberry.type(description="A row of a report for one area.")
class AreaRow:
    """The start of a row for one area (``IncidentsInMonth``, ``AreaMonthResponse``,
    ``SafetyTrend``); not itself in the schema."""

    area_id: strawberry.ID = strawberry.field(description="The area.")
    area: Area | None = strawberry.field(resolver=objects.area, description="The area.")


@strawberry.type(description="A row of a report by focus area of the strategy.")
class FocusAreaRow:
    """The start of a row by focus area (``FocusAreaOutcome``, ``FocusAreaCost``,
    ``FocusAreaEffect``); not itself in the schema."""

    focus_area_id: strawberry.ID = strawberry.field(description="The focus area's id.")
    focus_area: FocusArea | None = strawberry.field(
        resolver=objects.focus_area, description="The focus area of the strategy."
    )
    title: str = strawberry.field(description="Its title.")
