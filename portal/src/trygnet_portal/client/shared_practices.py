from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class SharedPractices(BaseModel):
    practices: "SharedPracticesPractices"


class SharedPracticesPractices(BaseModel):
    edges: list["SharedPracticesPracticesEdges"]


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
