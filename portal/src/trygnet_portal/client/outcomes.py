from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import IndicatorDirection


class Outcomes(BaseModel):
    outcomes: "OutcomesOutcomes"


class OutcomesOutcomes(BaseModel):
    strategy: Optional[str]
    safety_index: list["OutcomesOutcomesSafetyIndex"] = Field(alias="safetyIndex")
    incidents_per_month: list["OutcomesOutcomesIncidentsPerMonth"] = Field(
        alias="incidentsPerMonth"
    )
    activities_per_focus_area: list["OutcomesOutcomesActivitiesPerFocusArea"] = Field(
        alias="activitiesPerFocusArea"
    )
    indicators: list["OutcomesOutcomesIndicators"]
    cost: "OutcomesOutcomesCost"


class OutcomesOutcomesSafetyIndex(BaseModel):
    area_id: str = Field(alias="areaId")
    period: str
    feeling_safe: float = Field(alias="feelingSafe")
    respondents: int
    invited: int
    feeling_safe_interval: Optional[
        "OutcomesOutcomesSafetyIndexFeelingSafeInterval"
    ] = Field(alias="feelingSafeInterval")


class OutcomesOutcomesSafetyIndexFeelingSafeInterval(BaseModel):
    low: float
    high: float


class OutcomesOutcomesIncidentsPerMonth(BaseModel):
    area_id: str = Field(alias="areaId")
    month: str
    incidents: int


class OutcomesOutcomesActivitiesPerFocusArea(BaseModel):
    focus_area_id: str = Field(alias="focusAreaId")
    title: str
    activities: int
    active: int


class OutcomesOutcomesIndicators(BaseModel):
    indicator_id: str = Field(alias="indicatorId")
    focus_area_id: str = Field(alias="focusAreaId")
    name: str
    unit: str
    direction: IndicatorDirection
    target: Optional[float]
    latest: Optional[float]
    on_target: Optional[bool] = Field(alias="onTarget")
    measurements: list["OutcomesOutcomesIndicatorsMeasurements"]


class OutcomesOutcomesIndicatorsMeasurements(BaseModel):
    period: str
    value: float
    area_id: Optional[str] = Field(alias="areaId")


class OutcomesOutcomesCost(BaseModel):
    hourly_rate: Optional[float] = Field(alias="hourlyRate")
    activities: list["OutcomesOutcomesCostActivities"]
    focus_areas: list["OutcomesOutcomesCostFocusAreas"] = Field(alias="focusAreas")


class OutcomesOutcomesCostActivities(BaseModel):
    id: str
    title: str
    hours: Optional[int]
    budget: Optional[int]
    participants_reached: Optional[int] = Field(alias="participantsReached")
    cost: float
    cost_per_participant: Optional[float] = Field(alias="costPerParticipant")


class OutcomesOutcomesCostFocusAreas(BaseModel):
    focus_area_id: str = Field(alias="focusAreaId")
    activities: int
    with_participants: int = Field(alias="withParticipants")
    cost: float
    participants_reached: int = Field(alias="participantsReached")
    cost_per_participant: Optional[float] = Field(alias="costPerParticipant")


Outcomes.model_rebuild()
OutcomesOutcomes.model_rebuild()
OutcomesOutcomesSafetyIndex.model_rebuild()
OutcomesOutcomesIndicators.model_rebuild()
OutcomesOutcomesCost.model_rebuild()
