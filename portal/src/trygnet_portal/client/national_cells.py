from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class NationalCells(BaseModel):
    national_overview: "NationalCellsNationalOverview" = Field(alias="nationalOverview")


class NationalCellsNationalOverview(BaseModel):
    tables: list["NationalCellsNationalOverviewTables"]


class NationalCellsNationalOverviewTables(BaseModel):
    rows: list["NationalCellsNationalOverviewTablesRows"]


class NationalCellsNationalOverviewTablesRows(BaseModel):
    cells: list["NationalCellsNationalOverviewTablesRowsCells"]


class NationalCellsNationalOverviewTablesRowsCells(BaseModel):
    figure: "NationalCellsNationalOverviewTablesRowsCellsFigure"


class NationalCellsNationalOverviewTablesRowsCellsFigure(BaseModel):
    value: Optional[int]


NationalCells.model_rebuild()
NationalCellsNationalOverview.model_rebuild()
NationalCellsNationalOverviewTables.model_rebuild()
NationalCellsNationalOverviewTablesRows.model_rebuild()
NationalCellsNationalOverviewTablesRowsCells.model_rebuild()
