"""The events of the tenant's joint safety strategy: the strategy, its focus areas and
indicators, their measurements and the police safety index. Where a command asks for
the same fields as its event, they are written once, in the ``...Details`` class above
the event."""

from __future__ import annotations

from dataclasses import dataclass

from trygnet_activities.domain.model import Direction
from trygnet_core.events import DomainEvent


@dataclass(frozen=True)
class StrategyDetails:
    """A strategy's fields, written once: ``StrategyAdopted`` and ``AdoptStrategy``."""

    strategy_id: str
    title: str


@dataclass(frozen=True)
class StrategyAdopted(StrategyDetails, DomainEvent):
    """The tenant's joint police-municipality safety strategy."""


@dataclass(frozen=True)
class FocusAreaDetails:
    """A focus area's fields, written once: ``FocusAreaAdded`` and ``AddFocusArea``."""

    strategy_id: str
    focus_area_id: str
    title: str


@dataclass(frozen=True)
class FocusAreaAdded(FocusAreaDetails, DomainEvent):
    """A focus area of the strategy."""


@dataclass(frozen=True)
class IndicatorDetails:
    """An indicator's fields, written once: ``IndicatorAdded`` and ``AddIndicator``."""

    strategy_id: str
    indicator_id: str
    focus_area_id: str
    name: str
    unit: str
    direction: Direction
    target: float | None = None


@dataclass(frozen=True)
class IndicatorAdded(IndicatorDetails, DomainEvent):
    """How a focus area's progress is measured, and which way is better."""


@dataclass(frozen=True)
class MeasurementDetails:
    """A measurement's fields, written once: ``MeasurementRecorded`` and
    ``RecordMeasurement``."""

    strategy_id: str
    indicator_id: str
    value: float
    period: str
    source: str
    area_id: str | None = None
    sample_size: int | None = None


@dataclass(frozen=True)
class MeasurementRecorded(MeasurementDetails, DomainEvent):
    """A value of an indicator for a period (``2026``, ``2026-Q3``, ``2026-09``),
    in one area or overall."""


@dataclass(frozen=True)
class SafetyIndexResultRecorded(DomainEvent):
    """The police safety index for one area and period: shares of respondents
    feeling safe and unsafe, in per cent."""

    strategy_id: str
    area_id: str
    period: str
    feeling_safe: float
    feeling_unsafe: float
    respondents: int
    invited: int


STRATEGY_EVENTS = (
    StrategyAdopted,
    FocusAreaAdded,
    IndicatorAdded,
    MeasurementRecorded,
    SafetyIndexResultRecorded,
)
