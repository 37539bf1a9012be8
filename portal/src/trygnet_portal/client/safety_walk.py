from datetime import date
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import FindingKind
from .fragments import ActionRow


class SafetyWalk(BaseModel):
    safety_walk: "SafetyWalkSafetyWalk" = Field(alias="safetyWalk")


class SafetyWalkSafetyWalk(BaseModel):
    id: str
    walked_on: Optional[date] = Field(alias="walkedOn")
    residents: int
    version: int
    area: Optional["SafetyWalkSafetyWalkArea"]
    participants: list["SafetyWalkSafetyWalkParticipants"]
    follows_walk: Optional["SafetyWalkSafetyWalkFollowsWalk"] = Field(
        alias="followsWalk"
    )
    findings: list["SafetyWalkSafetyWalkFindings"]


class SafetyWalkSafetyWalkArea(BaseModel):
    id: str
    name: str


class SafetyWalkSafetyWalkParticipants(BaseModel):
    id: str
    name: str


class SafetyWalkSafetyWalkFollowsWalk(BaseModel):
    id: str
    walked_on: Optional[date] = Field(alias="walkedOn")


class SafetyWalkSafetyWalkFindings(BaseModel):
    id: str
    kind: FindingKind
    actions: list["SafetyWalkSafetyWalkFindingsActions"]


SafetyWalkSafetyWalkFindingsActions = ActionRow
SafetyWalk.model_rebuild()
SafetyWalkSafetyWalk.model_rebuild()
SafetyWalkSafetyWalkFindings.model_rebuild()
