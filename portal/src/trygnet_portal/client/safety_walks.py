from datetime import date
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import FindingKind
from .fragments import ActionRow


class SafetyWalks(BaseModel):
    safety_walks: "SafetyWalksSafetyWalks" = Field(alias="safetyWalks")
    safety_walk_report: "SafetyWalksSafetyWalkReport" = Field(alias="safetyWalkReport")


class SafetyWalksSafetyWalks(BaseModel):
    total_count: int = Field(alias="totalCount")
    edges: list["SafetyWalksSafetyWalksEdges"]


class SafetyWalksSafetyWalksEdges(BaseModel):
    node: "SafetyWalksSafetyWalksEdgesNode"


class SafetyWalksSafetyWalksEdgesNode(BaseModel):
    id: str
    walked_on: Optional[date] = Field(alias="walkedOn")
    residents: int
    area: Optional["SafetyWalksSafetyWalksEdgesNodeArea"]
    findings: list["SafetyWalksSafetyWalksEdgesNodeFindings"]
    actions: list["SafetyWalksSafetyWalksEdgesNodeActions"]


class SafetyWalksSafetyWalksEdgesNodeArea(BaseModel):
    name: str


class SafetyWalksSafetyWalksEdgesNodeFindings(BaseModel):
    id: str


SafetyWalksSafetyWalksEdgesNodeActions = ActionRow


class SafetyWalksSafetyWalkReport(BaseModel):
    walks: int
    residents: int
    median_days_to_fix: Optional[float] = Field(alias="medianDaysToFix")
    findings_by_kind: list["SafetyWalksSafetyWalkReportFindingsByKind"] = Field(
        alias="findingsByKind"
    )


class SafetyWalksSafetyWalkReportFindingsByKind(BaseModel):
    kind: FindingKind
    findings: int


SafetyWalks.model_rebuild()
SafetyWalksSafetyWalks.model_rebuild()
SafetyWalksSafetyWalksEdges.model_rebuild()
SafetyWalksSafetyWalksEdgesNode.model_rebuild()
SafetyWalksSafetyWalkReport.model_rebuild()
