"""The HourlyRate aggregate: what an hour of the partners' work costs in a municipality.

One per tenant (its stream id is ``hourly-rate`` everywhere). It turns the hours
declared on activities into money beside their budgets, for the cost per participant
of the outcomes report. Rules: the rate is a number from 0 to 100,000 in the
municipality's currency (DKK or SEK), kept to two decimals; setting the rate it
already has records nothing. Who may set it (coordinators only) is the handler's
rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from trygnet_activities.domain import model
from trygnet_activities.domain.commands import SetHourlyRate
from trygnet_activities.domain.events import HourlyRateSet
from trygnet_activities.domain.model import NOTHING_KNOWN, Known
from trygnet_core.aggregate import folding
from trygnet_core.events import DomainEvent

HOURLY_RATE = "hourly-rate"
"""The stream id of a municipality's hourly rate, the same in every tenant."""

HIGHEST = 100_000


@dataclass(frozen=True)
class HourlyRate:
    rate_id: str
    rate: float


def evolve(state: HourlyRate | None, event: DomainEvent) -> HourlyRate | None:
    if isinstance(event, HourlyRateSet):
        return HourlyRate(event.rate_id, event.rate)
    return state


fold = folding(evolve)


def decide(
    command: SetHourlyRate, state: HourlyRate | None, *, known: Known = NOTHING_KNOWN
) -> list[DomainEvent]:
    rate = round(model.number(command.rate, field="rate", low=0, high=HIGHEST), 2)
    if state is not None and state.rate == rate:
        return []
    return [HourlyRateSet(rate_id=HOURLY_RATE, rate=rate)]
