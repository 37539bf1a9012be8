from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Sector, Theme


class Gaps(BaseModel):
    coordination_gaps: list["GapsCoordinationGaps"] = Field(alias="coordinationGaps")


class GapsCoordinationGaps(BaseModel):
    themes: list[Theme]
    ages: "GapsCoordinationGapsAges"
    area: Optional["GapsCoordinationGapsArea"]
    activities: list["GapsCoordinationGapsActivities"]


class GapsCoordinationGapsAges(BaseModel):
    from_: Optional[int] = Field(alias="from")
    to: Optional[int]


class GapsCoordinationGapsArea(BaseModel):
    id: str
    name: str


class GapsCoordinationGapsActivities(BaseModel):
    id: str
    title: str
    actors: list["GapsCoordinationGapsActivitiesActors"]


class GapsCoordinationGapsActivitiesActors(BaseModel):
    id: str
    name: str
    sector: Sector


Gaps.model_rebuild()
GapsCoordinationGaps.model_rebuild()
GapsCoordinationGapsActivities.model_rebuild()
