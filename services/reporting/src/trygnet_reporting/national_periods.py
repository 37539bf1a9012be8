"""The periods national figures are published for: whole calendar quarters that are over.

Suppression protects one table. An analyst who may ask for any span of months gets
many tables of the same figures, and their differences are tables nobody suppressed:
the grand totals from October and from November differ by October's incidents, and
the October-only table says where they happened. So the national figures are
published for fixed periods that never overlap (calendar quarters), and only once a
quarter is over: a quarter still running would change from day to day, and two
readings a day apart would differ by that day's incidents.

``from`` and ``to`` (months) name the quarter: ``from`` its first month, ``to`` its
last; either alone names it too, and neither names the latest quarter that is over.
Anything else is refused, naming the field, rather than rounded to a quarter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from trygnet_core.errors import BadUserInput

MONTH: Final = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
"""A month as ``from`` and ``to`` take it, matched whole (``fullmatch``: ``$`` would let
a trailing line break through)."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int
    """1 to 4."""

    @property
    def first_month(self) -> str:
        return f"{self.year:04}-{3 * self.number - 2:02}"

    @property
    def last_month(self) -> str:
        return f"{self.year:04}-{3 * self.number:02}"

    @property
    def label(self) -> str:
        return f"{self.year:04}-Q{self.number}"

    def over_by(self, today: date) -> bool:
        """Whether the quarter has ended before ``today``."""
        return (today.year, (today.month - 1) // 3 + 1) > (self.year, self.number)


def latest_ended(today: date) -> Quarter:
    """The last quarter that is over on ``today``."""
    number = (today.month - 1) // 3  # the quarter before today's
    return Quarter(today.year, number) if number else Quarter(today.year - 1, 4)


_ENDS: Final = {
    "from": (1, "the first month of a calendar quarter (January, April, July or October)"),
    "to": (0, "the last month of a calendar quarter (March, June, September or December)"),
}


def _quarter(value: str, field: str) -> Quarter:
    """The quarter a ``from`` (its first month) or ``to`` (its last) names."""
    found = MONTH.fullmatch(value)
    if found is None:
        raise BadUserInput(f"{field} is a month: 2026-07", field=field)
    year, month = int(found[1]), int(found[2])
    remainder, what = _ENDS[field]
    if month % 3 != remainder:
        raise BadUserInput(
            f"{field} is {what}: national figures are published for whole quarters", field=field
        )
    return Quarter(year, (month + 2) // 3)


def published(since: str | None, until: str | None, *, today: date) -> Quarter:
    """The quarter ``from`` and ``to`` name, if its national figures are published."""
    if since is None and until is None:
        return latest_ended(today)
    first = None if since is None else _quarter(since, "from")
    last = None if until is None else _quarter(until, "to")
    if first is not None and last is not None and first > last:
        raise BadUserInput("from is after to", field="from")
    if first is not None and last is not None and first != last:
        raise BadUserInput(
            "national figures are published one quarter at a time: to is the last month "
            "of the quarter from starts",
            field="to",
        )
    quarter = first or last
    if quarter is None or not quarter.over_by(today):
        raise BadUserInput(
            "that quarter is not over yet: national figures are published once a quarter is over",
            field="from" if until is None else "to",
        )
    return quarter
