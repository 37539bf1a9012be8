"""The national overview (``/national``, national bodies only): for one calendar
quarter that is over, each table with every municipality a row (code, name,
country) and every vocabulary value a column. A suppressed figure is marked as
suppressed in the table, the chart and the CSV, never shown as a blank or a zero.

The gateway's cost limit does not let one request ask the whole tables at once, so
the page asks the tables' outline and totals, and their cells, as two queries for
the same quarter, and puts them together by position: a table's columns are the list
of its vocabulary's enum the API gives (incident kinds, themes, finding kinds or
sectors), and its cells and totals come in that order."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.client.fragments import Figure
from trygnet_portal.client.national_cells import NationalCells
from trygnet_portal.client.national_tables import (
    NationalTables,
    NationalTablesNationalOverviewTables,
)
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.i18n import Words
from trygnet_portal.web import National, Person, PortalDep

router = APIRouter()
QUARTERS_OFFERED: Final = 8
_QUARTER: Final = re.compile(r"^(\d{4})-Q([1-4])$")
SUPPRESSED: Final = "suppressed"
"""How a CSV cell says it is suppressed: never empty, never 0."""


@dataclass(frozen=True)
class Row:
    code: str
    name: str | None
    country: str | None
    cells: list[int | None]
    """Per column, in the table's order; None is suppressed."""
    total: Figure


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    period: str
    words: str
    """Whose words the columns are, as the messages name them (``incident_kind``, …)."""
    columns: list[str]
    """The vocabulary's values as the API spells them (``SHOOTING``)."""
    rows: list[Row]
    totals: list[Figure | None]
    grand_total: Figure


def quarters(today: date) -> list[str]:
    """The last quarters that are over, the latest first: what the API answers."""
    year, quarter = today.year, (today.month - 1) // 3  # the current one is not over
    found = []
    for _ in range(QUARTERS_OFFERED):
        if quarter == 0:
            year, quarter = year - 1, 4
        found.append(f"{year}-Q{quarter}")
        quarter -= 1
    return found


def first_month(quarter: str | None) -> str | None:
    """``2026-Q2`` → ``2026-04``; anything else → None (the latest quarter that is over)."""
    matched = _QUARTER.match(quarter or "")
    if not matched:
        return None
    return f"{matched.group(1)}-{3 * int(matched.group(2)) - 2:02d}"


def joined(outline: NationalTables, cells: NationalCells) -> list[Table]:
    """The tables, each cell put under its column by position."""
    tables = []
    for table, filled in zip(
        outline.national_overview.tables, cells.national_overview.tables, strict=True
    ):
        values = [[c.figure.value for c in row.cells] for row in filled.rows]
        tables.append(_table(table, values))
    return tables


def columns_of(table: NationalTablesNationalOverviewTables) -> tuple[str, list[str]]:
    """Whose words a table's columns are, and the columns: the one of its typed lists
    the API gives (the others are null)."""
    typed = {
        "incident_kind": table.incident_kinds,
        "theme": table.themes,
        "finding_kind": table.finding_kinds,
        "sector": table.sectors,
    }
    for words, columns in typed.items():
        if columns is not None:
            return words, [column.value for column in columns]
    return "", []


def _table(table: NationalTablesNationalOverviewTables, cells: list[list[int | None]]) -> Table:
    words, columns = columns_of(table)
    rows = [
        Row(row.code, row.name, row.country, values, row.total)
        for row, values in zip(table.rows, cells, strict=True)
    ]
    return Table(
        table.name,
        table.title,
        table.period,
        words,
        columns,
        rows,
        [cell.figure for cell in table.column_totals],
        table.grand_total,
    )


def column_label(words: Words, table: Table, column: str) -> str:
    return (words.known(f"{table.words}.{column}") if table.words else None) or column


def chart(words: Words, table: Table) -> dict[str, Any]:
    """The column totals of a table: a suppressed total is drawn as marked, not as 0."""
    return {
        "kind": "columns",
        "label": words("national.count"),
        "suppressedMark": words("national.suppressed.short"),
        "points": [
            {
                "x": column_label(words, table, column),
                "y": None if total is None or total.suppressed else total.value,
            }
            for column, total in zip(table.columns, table.totals, strict=True)
        ],
    }


async def _tables(person: Person, quarter: str | None) -> list[Table] | Failure:
    month = first_month(quarter)
    outline, cells = await asyncio.gather(
        ask("part.national", person.gateway.national_tables(from_=month)),
        ask("part.national", person.gateway.national_cells(from_=month)),
    )
    if isinstance(outline, Failure):
        return outline
    if isinstance(cells, Failure):
        return cells
    return joined(outline, cells)


@router.get("/national")
async def national_page(request: Request, portal: PortalDep, person: National) -> Response:
    quarter = request.query_params.get("quarter")
    tables = await _tables(person, quarter)
    return portal.render(
        request,
        "national.html",
        tables=tables,
        quarter=quarter if first_month(quarter) else None,
        quarters=quarters(person.words.today()),
        charts={}
        if isinstance(tables, Failure)
        else {t.name: chart(person.words, t) for t in tables},
        column_label=lambda table, column: column_label(person.words, table, column),
    )


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    # the columns as the vocabulary's values in lower case, as the file has always had them
    header = [column.lower() for column in table.columns]
    writer.writerow(["code", "name", "country", *header, "total"])

    def shown(value: int | None) -> str | int:
        return SUPPRESSED if value is None else value

    for row in table.rows:
        total = None if row.total.suppressed else row.total.value
        writer.writerow(
            [row.code, row.name or "", row.country or "", *map(shown, row.cells), shown(total)]
        )
    totals = [None if t is None or t.suppressed else t.value for t in table.totals]
    grand = None if table.grand_total.suppressed else table.grand_total.value
    writer.writerow(["", "total", "", *map(shown, totals), shown(grand)])
    return out.getvalue()


@router.get("/national.csv")
async def national_csv(request: Request, portal: PortalDep, person: National) -> Response:
    tables = await _tables(person, request.query_params.get("quarter"))
    if isinstance(tables, Failure):
        return portal.render(request, "error.html", status_code=503, failure=tables)
    wanted = request.query_params.get("table")
    table = next((t for t in tables if t.name == wanted), None)
    if table is None:
        return portal.render(request, "not_found.html", status_code=404)
    filename = re.sub(r"[^a-z0-9-]", "", f"trygnet-{table.name}-{table.period}".lower())
    return Response(
        table_csv(table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )
