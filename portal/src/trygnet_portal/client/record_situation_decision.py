from pydantic import Field

from .base_model import BaseModel


class RecordSituationDecision(BaseModel):
    record_situation_decision: "RecordSituationDecisionRecordSituationDecision" = Field(
        alias="recordSituationDecision"
    )


class RecordSituationDecisionRecordSituationDecision(BaseModel):
    position: str


RecordSituationDecision.model_rebuild()
