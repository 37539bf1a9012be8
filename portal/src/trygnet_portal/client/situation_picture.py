from datetime import date, datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import FollowUpStatus, IncidentKind, IncidentStatus, ObservationCategory


class SituationPicture(BaseModel):
    situation_picture: "SituationPictureSituationPicture" = Field(
        alias="situationPicture"
    )


class SituationPictureSituationPicture(BaseModel):
    week: str
    observations: int
    categories: list["SituationPictureSituationPictureCategories"]
    hot_spots: list["SituationPictureSituationPictureHotSpots"] = Field(
        alias="hotSpots"
    )
    incidents: list["SituationPictureSituationPictureIncidents"]
    safety_walk_actions: list["SituationPictureSituationPictureSafetyWalkActions"] = (
        Field(alias="safetyWalkActions")
    )
    incident_tasks: list["SituationPictureSituationPictureIncidentTasks"] = Field(
        alias="incidentTasks"
    )
    decisions: list["SituationPictureSituationPictureDecisions"]


class SituationPictureSituationPictureCategories(BaseModel):
    category: ObservationCategory
    this_week: int = Field(alias="thisWeek")
    previous_weeks: list[int] = Field(alias="previousWeeks")
    previous_weeks_average: float = Field(alias="previousWeeksAverage")
    same_week_last_year: int = Field(alias="sameWeekLastYear")


class SituationPictureSituationPictureHotSpots(BaseModel):
    place: str
    observations: int
    this_week: int = Field(alias="thisWeek")
    categories: list[ObservationCategory]
    last_observed_at: datetime = Field(alias="lastObservedAt")


class SituationPictureSituationPictureIncidents(BaseModel):
    id: str
    kind: IncidentKind
    severity: int
    status: IncidentStatus
    occurred_at: datetime = Field(alias="occurredAt")


class SituationPictureSituationPictureSafetyWalkActions(BaseModel):
    id: str
    source_id: str = Field(alias="sourceId")
    due: date
    overdue: bool
    owner: str


class SituationPictureSituationPictureIncidentTasks(BaseModel):
    id: str
    source_id: str = Field(alias="sourceId")
    due: date
    overdue: bool
    owner: str


class SituationPictureSituationPictureDecisions(BaseModel):
    id: str
    week: str
    action: str
    due: date
    status: FollowUpStatus
    overdue: bool
    owner: Optional["SituationPictureSituationPictureDecisionsOwner"]


class SituationPictureSituationPictureDecisionsOwner(BaseModel):
    id: str
    name: str


SituationPicture.model_rebuild()
SituationPictureSituationPicture.model_rebuild()
SituationPictureSituationPictureDecisions.model_rebuild()
