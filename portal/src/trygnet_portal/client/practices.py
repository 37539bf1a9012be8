from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Sector, Theme


class Practices(BaseModel):
    practices: "PracticesPractices"


class PracticesPractices(BaseModel):
    total_count: int = Field(alias="totalCount")
    edges: list["PracticesPracticesEdges"]
    page_info: "PracticesPracticesPageInfo" = Field(alias="pageInfo")


class PracticesPracticesEdges(BaseModel):
    node: "PracticesPracticesEdgesNode"


class PracticesPracticesEdgesNode(BaseModel):
    id: str
    municipality: "PracticesPracticesEdgesNodeMunicipality"
    shared_at: datetime = Field(alias="sharedAt")
    title: str
    description: Optional[str]
    themes: list[Theme]
    target_group: Optional[str] = Field(alias="targetGroup")
    target_age_from: Optional[int] = Field(alias="targetAgeFrom")
    target_age_to: Optional[int] = Field(alias="targetAgeTo")
    partner_sectors: list[Sector] = Field(alias="partnerSectors")
    partners: list["PracticesPracticesEdgesNodePartners"]
    hours: Optional[int]
    budget: Optional[int]
    results: list["PracticesPracticesEdgesNodeResults"]
    contact: Optional["PracticesPracticesEdgesNodeContact"]
    activity_id: Optional[str] = Field(alias="activityId")


class PracticesPracticesEdgesNodeMunicipality(BaseModel):
    code: str
    name: Optional[str]
    country: Optional[str]


class PracticesPracticesEdgesNodePartners(BaseModel):
    name: str
    sector: Sector


class PracticesPracticesEdgesNodeResults(BaseModel):
    indicator: str
    unit: str
    value: Optional[float]
    target: Optional[float]
    period: Optional[str]


class PracticesPracticesEdgesNodeContact(BaseModel):
    name: str
    sector: Sector


class PracticesPracticesPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


Practices.model_rebuild()
PracticesPractices.model_rebuild()
PracticesPracticesEdges.model_rebuild()
PracticesPracticesEdgesNode.model_rebuild()
