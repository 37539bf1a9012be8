from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ActivityStatus, Level, PartnerRole, Theme


class Activities(BaseModel):
    activities: "ActivitiesActivities"


class ActivitiesActivities(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "ActivitiesActivitiesPageInfo" = Field(alias="pageInfo")
    edges: list["ActivitiesActivitiesEdges"]


class ActivitiesActivitiesPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class ActivitiesActivitiesEdges(BaseModel):
    node: "ActivitiesActivitiesEdgesNode"


class ActivitiesActivitiesEdgesNode(BaseModel):
    id: str
    title: str
    level: Level
    status: ActivityStatus
    themes: list[Theme]
    target_age_from: Optional[int] = Field(alias="targetAgeFrom")
    target_age_to: Optional[int] = Field(alias="targetAgeTo")
    owner: Optional["ActivitiesActivitiesEdgesNodeOwner"]
    areas: list["ActivitiesActivitiesEdgesNodeAreas"]
    partners: list["ActivitiesActivitiesEdgesNodePartners"]


class ActivitiesActivitiesEdgesNodeOwner(BaseModel):
    id: str
    name: str


class ActivitiesActivitiesEdgesNodeAreas(BaseModel):
    name: str


class ActivitiesActivitiesEdgesNodePartners(BaseModel):
    role: PartnerRole


Activities.model_rebuild()
ActivitiesActivities.model_rebuild()
ActivitiesActivitiesEdges.model_rebuild()
ActivitiesActivitiesEdgesNode.model_rebuild()
