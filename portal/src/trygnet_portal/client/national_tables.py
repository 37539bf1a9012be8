from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import FindingKind, IncidentKind, Sector, Theme
from .fragments import Figure


class NationalTables(BaseModel):
    national_overview: "NationalTablesNationalOverview" = Field(
        alias="nationalOverview"
    )


class NationalTablesNationalOverview(BaseModel):
    period: Optional[str]
    from_: Optional[str] = Field(alias="from")
    to: Optional[str]
    tables: list["NationalTablesNationalOverviewTables"]


class NationalTablesNationalOverviewTables(BaseModel):
    name: str
    title: str
    period: str
    incident_kinds: Optional[list[IncidentKind]] = Field(alias="incidentKinds")
    themes: Optional[list[Theme]]
    finding_kinds: Optional[list[FindingKind]] = Field(alias="findingKinds")
    sectors: Optional[list[Sector]]
    rows: list["NationalTablesNationalOverviewTablesRows"]
    column_totals: list["NationalTablesNationalOverviewTablesColumnTotals"] = Field(
        alias="columnTotals"
    )
    grand_total: "NationalTablesNationalOverviewTablesGrandTotal" = Field(
        alias="grandTotal"
    )


class NationalTablesNationalOverviewTablesRows(BaseModel):
    code: str
    name: Optional[str]
    country: Optional[str]
    total: "NationalTablesNationalOverviewTablesRowsTotal"


NationalTablesNationalOverviewTablesRowsTotal = Figure


class NationalTablesNationalOverviewTablesColumnTotals(BaseModel):
    figure: "NationalTablesNationalOverviewTablesColumnTotalsFigure"


NationalTablesNationalOverviewTablesColumnTotalsFigure = Figure
NationalTablesNationalOverviewTablesGrandTotal = Figure
NationalTables.model_rebuild()
NationalTablesNationalOverview.model_rebuild()
NationalTablesNationalOverviewTables.model_rebuild()
NationalTablesNationalOverviewTablesRows.model_rebuild()
NationalTablesNationalOverviewTablesColumnTotals.model_rebuild()
