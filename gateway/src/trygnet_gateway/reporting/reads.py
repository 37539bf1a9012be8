"""How a report is read: the arguments every report takes (``areaId``, ``atLeast``,
``from``, ``to``, ``asOf``) and ``report``, which reads one report of the caller's municipality
once it shows the writes named by ``atLeast`` (read-your-writes), else ``TIMEOUT``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

import strawberry

from trygnet_core.errors import BadUserInput, Timeout
from trygnet_gateway.context import Info
from trygnet_gateway.input_fields import refuse_nul_characters
from trygnet_gateway.relay import query_value
from trygnet_gateway.shared_reads import read_once

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

AsOf = Annotated[date | None, strawberry.argument(description="Overdue as of this day (today).")]


async def report(
    info: Info,
    path: str,
    *,
    area_id: str | None = None,
    at_least: list[str] | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One report of the caller's municipality, once it shows the writes ``at_least``;
    ``params`` left out when null, an enum sent as its value, a day as ISO 8601 text.
    An area the reports do not hold (of another municipality, or no area) is refused
    by the reporting service itself (``NOT_FOUND``, field ``areaId``): no call to the
    actors service first."""
    positions = list(at_least or ())
    # a NUL is refused here, naming the argument (the service would name its query)
    refuse_nul_characters({"areaId": area_id, "atLeast": positions, **(params or {})})
    if len(positions) > MAX_POSITIONS:
        raise BadUserInput(f"atLeast takes at most {MAX_POSITIONS} positions", field="atLeast")
    given = (params or {}).items()
    query: list[tuple[str, Any]] = [(k, query_value(v)) for k, v in given if v is not None]
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
