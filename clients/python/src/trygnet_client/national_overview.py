from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import FindingKind, IncidentKind, Sector, Theme
from .fragments import Figure


class NationalOverview(BaseModel):
    national_overview: "NationalOverviewNationalOverview" = Field(
        alias="nationalOverview"
    )


class NationalOverviewNationalOverview(BaseModel):
    period: Optional[str]
    from_: Optional[str] = Field(alias="from")
    to: Optional[str]
    tables: list["NationalOverviewNationalOverviewTables"]


class NationalOverviewNationalOverviewTables(BaseModel):
    name: str
    title: str
    period: str
    incident_kinds: Optional[list[IncidentKind]] = Field(alias="incidentKinds")
    themes: Optional[list[Theme]]
    finding_kinds: Optional[list[FindingKind]] = Field(alias="findingKinds")
    sectors: Optional[list[Sector]]
    rows: list["NationalOverviewNationalOverviewTablesRows"]
    grand_total: "NationalOverviewNationalOverviewTablesGrandTotal" = Field(
        alias="grandTotal"
    )


class NationalOverviewNationalOverviewTablesRows(BaseModel):
    code: str
    name: Optional[str]
    country: Optional[str]
    total: "NationalOverviewNationalOverviewTablesRowsTotal"


NationalOverviewNationalOverviewTablesRowsTotal = Figure
NationalOverviewNationalOverviewTablesGrandTotal = Figure
NationalOverview.model_rebuild()
NationalOverviewNationalOverview.model_rebuild()
NationalOverviewNationalOverviewTables.model_rebuild()
NationalOverviewNationalOverviewTablesRows.model_rebuild()
