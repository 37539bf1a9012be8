"""Safety-index results from a CSV file: every bad row reported, or one command for all.

Columns (header row required; comma- or semicolon-separated; UTF-8):

    area*, period*, feeling_safe*, feeling_unsafe*, respondents*, invited*

``area`` is an area's name or id as the actors service knows it; ``period`` is
``2026``, ``2026-Q3`` or ``2026-09``; the shares are per cent (``89`` or ``89.5``,
a decimal comma is read too). Each row is checked with the same rules as the API
(percentages in 0 to 100, safe + unsafe at most 100, respondents at most invited), so
the report names the line and column of every bad row; a file with any bad row
gives no command, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from trygnet_activities.domain import strategy
from trygnet_activities.domain.commands import RecordSafetyIndexResults
from trygnet_activities.domain.model import Known
from trygnet_core.checks import name_key
from trygnet_core.errors import TrygnetError
from trygnet_core.spreadsheets import Row, RowError, read_csv

COLUMNS = ("area", "period", "feeling_safe", "feeling_unsafe", "respondents", "invited")
#: The domain's field names (camelCase, as errors name them) to the file's columns.
_COLUMN_OF = {
    "areaId": "area",
    "period": "period",
    "feelingSafe": "feeling_safe",
    "feelingUnsafe": "feeling_unsafe",
    "respondents": "respondents",
    "invited": "invited",
}


@dataclass
class SafetyIndexPlan:
    rows: int
    command: RecordSafetyIndexResults | None = None
    errors: list[RowError] = field(default_factory=list)


def plan(
    text: str, *, state: strategy.Strategy, known: Known, area_ids: Mapping[str, str]
) -> SafetyIndexPlan:
    """Check every row of the file; ``area_ids`` maps lower-case area names and ids to ids."""
    rows = read_csv(text, columns=COLUMNS, required=COLUMNS)
    return plan_rows(rows, state=state, known=known, area_ids=area_ids)


def plan_rows(
    rows: Sequence[Row], *, state: strategy.Strategy, known: Known, area_ids: Mapping[str, str]
) -> SafetyIndexPlan:
    result = SafetyIndexPlan(rows=len(rows))
    accepted: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        given = _result(row, area_ids)
        try:
            strategy.decide(
                RecordSafetyIndexResults(strategy_id=state.strategy_id, results=(given,)),
                state,
                known=known,
            )
        except TrygnetError as error:
            name = (error.field or "").rsplit(".", 1)[-1]
            result.errors.append(RowError(line, _COLUMN_OF.get(name, name), error.detail))
            continue
        key = (given["area_id"], given["period"])
        if key in seen:
            result.errors.append(
                RowError(line, "period", f"this area and period are given on line {seen[key]} too")
            )
            continue
        seen[key] = line
        accepted.append(given)
    if not result.errors and accepted:
        result.command = RecordSafetyIndexResults(
            strategy_id=state.strategy_id, results=tuple(accepted)
        )
    return result


def _result(row: dict[str, str], area_ids: Mapping[str, str]) -> dict[str, Any]:
    area = row.get("area", "")
    return {
        "area_id": area_ids.get(name_key(area), area),
        "period": row.get("period", ""),
        "feeling_safe": _number(row.get("feeling_safe", "")),
        "feeling_unsafe": _number(row.get("feeling_unsafe", "")),
        "respondents": _number(row.get("respondents", "")),
        "invited": _number(row.get("invited", "")),
    }


def _number(text: str) -> Any:
    """A number if the cell holds one (a decimal comma allowed), else the text for the
    domain to refuse with its own words."""
    cleaned = text.replace(" ", "").replace("%", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value
