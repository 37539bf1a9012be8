from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Sector


class Contributions(BaseModel):
    contributions: list["ContributionsContributions"]


class ContributionsContributions(BaseModel):
    actor_id: str = Field(alias="actorId")
    name: str
    sector: Sector
    activities_led: int = Field(alias="activitiesLed")
    activities_joined: int = Field(alias="activitiesJoined")
    hours: int
    budget: int
    fora_memberships: int = Field(alias="foraMemberships")
    meetings_attended: int = Field(alias="meetingsAttended")
    follow_ups: "ContributionsContributionsFollowUps" = Field(alias="followUps")
    response_roles: int = Field(alias="responseRoles")
    tasks: "ContributionsContributionsTasks"
    walk_actions: "ContributionsContributionsWalkActions" = Field(alias="walkActions")
    survey: Optional["ContributionsContributionsSurvey"]
    effect: "ContributionsContributionsEffect"


class ContributionsContributionsFollowUps(BaseModel):
    done: int
    open: int
    overdue: int


class ContributionsContributionsTasks(BaseModel):
    taken: int
    completed: int
    completed_on_time: int = Field(alias="completedOnTime")


class ContributionsContributionsWalkActions(BaseModel):
    done: int
    open: int
    overdue: int


class ContributionsContributionsSurvey(BaseModel):
    raters: int
    trust: Optional[float]
    value: Optional[float]


class ContributionsContributionsEffect(BaseModel):
    focus_areas: list["ContributionsContributionsEffectFocusAreas"] = Field(
        alias="focusAreas"
    )
    safety_index: list["ContributionsContributionsEffectSafetyIndex"] = Field(
        alias="safetyIndex"
    )


class ContributionsContributionsEffectFocusAreas(BaseModel):
    focus_area_id: str = Field(alias="focusAreaId")
    title: str
    indicators: list["ContributionsContributionsEffectFocusAreasIndicators"]


class ContributionsContributionsEffectFocusAreasIndicators(BaseModel):
    indicator_id: str = Field(alias="indicatorId")
    name: str
    latest: Optional[float]
    target: Optional[float]
    on_target: Optional[bool] = Field(alias="onTarget")


class ContributionsContributionsEffectSafetyIndex(BaseModel):
    area_id: str = Field(alias="areaId")
    period: Optional[str]
    feeling_safe: Optional[float] = Field(alias="feelingSafe")
    change: Optional[float]


Contributions.model_rebuild()
ContributionsContributions.model_rebuild()
ContributionsContributionsEffect.model_rebuild()
ContributionsContributionsEffectFocusAreas.model_rebuild()
