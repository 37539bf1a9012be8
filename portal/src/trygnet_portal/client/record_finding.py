from pydantic import Field

from .base_model import BaseModel


class RecordFinding(BaseModel):
    record_finding: "RecordFindingRecordFinding" = Field(alias="recordFinding")


class RecordFindingRecordFinding(BaseModel):
    position: str
    finding: "RecordFindingRecordFindingFinding"


class RecordFindingRecordFindingFinding(BaseModel):
    id: str


RecordFinding.model_rebuild()
RecordFindingRecordFinding.model_rebuild()
