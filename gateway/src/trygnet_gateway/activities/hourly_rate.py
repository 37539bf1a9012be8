"""The municipality's hourly rate: what an hour of the partners' work costs, so that the
hours declared on activities count beside their budgets in the cost per participant
(``outcomes.cost``). Coordinators set it (``setHourlyRate``); every reader of the
activities service reads it (``hourlyRate``)."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_core.errors import NotFound
from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.context import Info
from trygnet_gateway.payloads import payload
from trygnet_gateway.writes import ABOUT_VERSION, Written, answers, command, optional


@strawberry.type(description="What an hour of the partners' work costs in the municipality.")
class HourlyRate:
    rate: float = strawberry.field(
        description="The cost of an hour, in the municipality's currency (DKK or SEK)."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)


@strawberry.input(description="The municipality's hourly rate (coordinators only).")
class SetHourlyRateInput:
    rate: float = strawberry.field(
        description="The cost of an hour, 0 to 100,000 in the municipality's currency, "
        "kept to two decimals."
    )
    expected_version: int | None = optional(
        "The `version` you last read: set only if it is still at that version."
    )


HourlyRatePayload = payload(
    "HourlyRatePayload",
    "What setting the hourly rate answers.",
    hourly_rate=(HourlyRate, "The rate after the write."),
)


async def hourly_rate_of(info: Info) -> HourlyRate | None:
    try:
        item = await info.context.call(SERVICE, "GET", "/hourly-rate")
    except NotFound:
        return None
    return HourlyRate(rate=float(item["rate"]), version=int(item["version"]))


@answers(HourlyRatePayload)
async def _payload(info: Info, written: Written) -> Any:
    rate = await hourly_rate_of(info)
    assert rate is not None  # just written
    return HourlyRatePayload(hourly_rate=rate, position=written.position)


@strawberry.type
class Query:
    @strawberry.field(description="The municipality's hourly rate; null until one is set.")
    async def hourly_rate(self, info: Info) -> HourlyRate | None:
        return await hourly_rate_of(info)


@strawberry.type
class Mutation:
    set_hourly_rate = command(
        SERVICE,
        "PUT /hourly-rate",
        SetHourlyRateInput,
        _payload,
        "Set what an hour of the partners' work costs (coordinators).",
    )
