from pydantic import Field

from .base_model import BaseModel


class SharePractice(BaseModel):
    share_practice: "SharePracticeSharePractice" = Field(alias="sharePractice")


class SharePracticeSharePractice(BaseModel):
    position: str


SharePractice.model_rebuild()
