from pydantic import Field

from .base_model import BaseModel


class ChangeSituationDecisionStatus(BaseModel):
    change_situation_decision_status: "ChangeSituationDecisionStatusChangeSituationDecisionStatus" = Field(
        alias="changeSituationDecisionStatus"
    )


class ChangeSituationDecisionStatusChangeSituationDecisionStatus(BaseModel):
    position: str


ChangeSituationDecisionStatus.model_rebuild()
