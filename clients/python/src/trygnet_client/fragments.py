from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ActorStatus, AreaKind, Level, Sector, Theme


class ActorFields(BaseModel):
    id: str
    external_id: Optional[str] = Field(alias="externalId")
    name: str
    sector: Sector
    department: Optional[str]
    levels: list[Level]
    themes: list[Theme]
    status: ActorStatus
    version: int
    areas: list["ActorFieldsAreas"]


class ActorFieldsAreas(BaseModel):
    id: str
    name: str


class AreaFields(BaseModel):
    id: str
    name: str
    kind: AreaKind


class Figure(BaseModel):
    value: Optional[int]
    suppressed: bool


ActorFields.model_rebuild()
AreaFields.model_rebuild()
Figure.model_rebuild()
