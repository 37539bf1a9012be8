from datetime import date, datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    ActivityStatus,
    ContactStatus,
    FindingActionStatus,
    FollowUpStatus,
    IncidentKind,
    IncidentStatus,
    Level,
    PartnerRole,
    Sector,
    Sensitivity,
    TaskStatus,
    Theme,
)


class ActionRow(BaseModel):
    id: str
    finding_id: str = Field(alias="findingId")
    deadline: Optional[date]
    status: FindingActionStatus
    reason: Optional[str]
    owner: Optional["ActionRowOwner"]


class ActionRowOwner(BaseModel):
    id: str
    name: str


class ActivityDetail(BaseModel):
    id: str
    title: str
    level: Level
    description: Optional[str]
    themes: list[Theme]
    target_age_from: Optional[int] = Field(alias="targetAgeFrom")
    target_age_to: Optional[int] = Field(alias="targetAgeTo")
    target_group: Optional[str] = Field(alias="targetGroup")
    start: Optional[date]
    end: Optional[date]
    hours: Optional[int]
    budget: Optional[int]
    status: ActivityStatus
    version: int
    incident_id: Optional[str] = Field(alias="incidentId")
    owner: Optional["ActivityDetailOwner"]
    areas: list["ActivityDetailAreas"]
    focus_areas: list["ActivityDetailFocusAreas"] = Field(alias="focusAreas")
    partners: list["ActivityDetailPartners"]


class ActivityDetailOwner(BaseModel):
    id: str
    name: str


class ActivityDetailAreas(BaseModel):
    id: str
    name: str


class ActivityDetailFocusAreas(BaseModel):
    id: str
    title: str


class ActivityDetailPartners(BaseModel):
    role: PartnerRole
    actor: Optional["ActivityDetailPartnersActor"]


class ActivityDetailPartnersActor(BaseModel):
    id: str
    name: str
    sector: Sector


class BoardCard(BaseModel):
    id: str
    kind: IncidentKind
    severity: int
    status: IncidentStatus
    sensitivity: Sensitivity
    redacted: bool
    occurred_at: datetime = Field(alias="occurredAt")
    summary: Optional[str]
    area: Optional["BoardCardArea"]
    tasks: list["BoardCardTasks"]


class BoardCardArea(BaseModel):
    name: str


class BoardCardTasks(BaseModel):
    due: Optional[date]
    status: TaskStatus


class BoardColumn(BaseModel):
    total_count: int = Field(alias="totalCount")
    edges: list["BoardColumnEdges"]


class BoardColumnEdges(BaseModel):
    node: "BoardColumnEdgesNode"


class BoardColumnEdgesNode(BoardCard):
    pass


class ContactCard(BaseModel):
    id: str
    name: str
    title: Optional[str]
    phone: Optional[str]
    email: Optional[str]
    status: ContactStatus


class Figure(BaseModel):
    value: Optional[int]
    suppressed: bool


class FollowUpRow(BaseModel):
    id: str
    due: Optional[date]
    status: FollowUpStatus
    actor: Optional["FollowUpRowActor"]


class FollowUpRowActor(BaseModel):
    id: str
    name: str


class Pair(BaseModel):
    source: str
    target: str


ActionRow.model_rebuild()
ActivityDetail.model_rebuild()
BoardCard.model_rebuild()
BoardColumn.model_rebuild()
ContactCard.model_rebuild()
Figure.model_rebuild()
FollowUpRow.model_rebuild()
Pair.model_rebuild()
