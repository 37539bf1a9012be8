"""The national overview's types: one table per quarter across every municipality taking
part, every small count suppressed (``NationalFigure``), with rows, cells and totals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from trygnet_gateway.reporting import column_words
from trygnet_gateway.vocabulary import FindingKind, IncidentKind, Sector, Theme


@strawberry.type(description="A count, or suppressed: a small count is never shown.")
class NationalFigure:
    value: int | None = strawberry.field(description="Null exactly when suppressed.")
    suppressed: bool = strawberry.field(
        description="True when the count is below 5 (zero too) or would let one work out "
        "such a count: shown as suppressed, never as a number."
    )

    @classmethod
    def of(cls, cell: Mapping[str, Any]) -> NationalFigure:
        if cell.get("suppressed"):
            return cls(value=None, suppressed=True)
        return cls(value=int(cell["count"]), suppressed=False)


@strawberry.type(description="One column's figure in a row.")
class NationalCell:
    column: str = strawberry.field(
        description="The column.", deprecation_reason=column_words.DEPRECATED_COLUMN
    )
    incident_kind: IncidentKind | None = strawberry.field(
        description="The column, in incidents-by-kind; null in the other tables."
    )
    theme: Theme | None = strawberry.field(
        description="The column, in activities-by-theme; null in the other tables."
    )
    finding_kind: FindingKind | None = strawberry.field(
        description="The column, in findings-by-kind; null in the other tables."
    )
    sector: Sector | None = strawberry.field(
        description="The column, in the tables by sector; null in the other tables."
    )
    figure: NationalFigure = strawberry.field(description="Its figure.")


@strawberry.type(description="One municipality's row: every municipality taking part has one.")
class NationalRow:
    municipality: str = strawberry.field(
        description="The municipality's tenant id (usually its code; `code` and `country` "
        "tell Danish and Swedish codes apart)."
    )
    code: str = strawberry.field(description="The municipality's official code: 0851.")
    name: str | None = strawberry.field(description="Its name: Aalborg (null if not known).")
    country: str | None = strawberry.field(
        description="ISO 3166-1 alpha-2: DK or SE (null if not known)."
    )
    cells: list[NationalCell] = strawberry.field(
        description="A figure for every column, in the table's column order."
    )
    total: NationalFigure = strawberry.field(description="The row's total.")


@strawberry.type(
    description="One table for one quarter across every municipality, with its totals: "
    "the same rows and columns whatever the data, every count below 5 (zero too) "
    "suppressed, and further figures so none can be worked out."
)
class NationalTable:
    name: str = strawberry.field(
        description="The table's key: incidents-by-kind, activities-by-theme, findings-"
        "by-kind, actors-by-sector, contributions-by-sector."
    )
    title: str = strawberry.field(description="What it counts, in words.")
    period: str = strawberry.field(description="The quarter counted: 2026-Q3.")
    columns: list[str] = strawberry.field(
        description="Every value of the vocabulary.",
        deprecation_reason=column_words.DEPRECATED_COLUMN,
    )
    incident_kinds: list[IncidentKind] | None = strawberry.field(
        description="The columns, every incident kind, in incidents-by-kind; null in the "
        "other tables."
    )
    themes: list[Theme] | None = strawberry.field(
        description="The columns, every theme, in activities-by-theme; null in the other tables."
    )
    finding_kinds: list[FindingKind] | None = strawberry.field(
        description="The columns, every finding kind, in findings-by-kind; null in the "
        "other tables."
    )
    sectors: list[Sector] | None = strawberry.field(
        description="The columns, every sector, in the tables by sector; null in the other tables."
    )
    rows: list[NationalRow] = strawberry.field(
        description="One row per municipality taking part, by code."
    )
    column_totals: list[NationalCell] = strawberry.field(
        description="Each column's total over all municipalities."
    )
    grand_total: NationalFigure = strawberry.field(description="The table's total.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> NationalTable:
        columns = list(item["columns"])
        words = column_words.vocabulary(item.get("vocabulary"))
        column_as, columns_as = column_words.column_as, column_words.columns_as

        def cells(found: Mapping[str, Any]) -> list[NationalCell]:
            return [
                NationalCell(
                    column=c,
                    incident_kind=column_as(words, IncidentKind, c),
                    theme=column_as(words, Theme, c),
                    finding_kind=column_as(words, FindingKind, c),
                    sector=column_as(words, Sector, c),
                    figure=NationalFigure.of(found[c]),
                )
                for c in columns
            ]

        return cls(
            name=item["table"],
            title=item["title"],
            period=item["period"],
            columns=columns,
            incident_kinds=columns_as(words, IncidentKind, columns),
            themes=columns_as(words, Theme, columns),
            finding_kinds=columns_as(words, FindingKind, columns),
            sectors=columns_as(words, Sector, columns),
            rows=[
                NationalRow(
                    municipality=r["row"],
                    code=r["municipality"]["code"],
                    name=r["municipality"]["name"],
                    country=r["municipality"]["country"],
                    cells=cells(r["cells"]),
                    total=NationalFigure.of(r["total"]),
                )
                for r in item["rows"]
            ],
            column_totals=cells(item["columnTotals"]),
            grand_total=NationalFigure.of(item["grandTotal"]),
        )


@strawberry.type(
    description="The figures across municipalities for one calendar quarter that is over, "
    "for national bodies."
)
class NationalOverview:
    since: strawberry.Private[str | None]
    until: strawberry.Private[str | None]
    period: str | None = strawberry.field(description="The quarter counted: 2026-Q3.")
    tables: list[NationalTable] = strawberry.field(
        description="Every national table, for the same quarter."
    )

    @strawberry.field(name="from", description="The quarter's first month.")
    def from_(self) -> str | None:
        return self.since

    @strawberry.field(description="The quarter's last month.")
    def to(self) -> str | None:
        return self.until
