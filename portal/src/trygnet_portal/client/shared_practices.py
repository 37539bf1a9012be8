from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class SharedPractices(BaseModel):
    practices: "SharedPracticesPractices"


class SharedPracticesPractices(BaseModel):
    page_info: "SharedPracticesPracticesPageInfo" = Field(alias="pageInfo")
    edges: list["SharedPracticesPracticesEdges"]


class SharedPracticesPracticesPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class SharedPracticesPracticesEdges(BaseModel):
    node: "SharedPracticesPracticesEdgesNode"


class SharedPracticesPracticesEdgesNode(BaseModel):
    id: str
    shared_at: datetime = Field(alias="sharedAt")
    activity_id: Optional[str] = Field(alias="activityId")
    partners: list["SharedPracticesPracticesEdgesNodePartners"]
    contact: Optional["SharedPracticesPracticesEdgesNodeContact"]


class SharedPracticesPracticesEdgesNodePartners(BaseModel):
    name: str


class SharedPracticesPracticesEdgesNodeContact(BaseModel):
    name: str


SharedPractices.model_rebuild()
SharedPracticesPractices.model_rebuild()
SharedPracticesPracticesEdges.model_rebuild()
SharedPracticesPracticesEdgesNode.model_rebuild()
