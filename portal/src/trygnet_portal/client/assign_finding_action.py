from pydantic import Field

from .base_model import BaseModel


class AssignFindingAction(BaseModel):
    assign_finding_action: "AssignFindingActionAssignFindingAction" = Field(
        alias="assignFindingAction"
    )


class AssignFindingActionAssignFindingAction(BaseModel):
    position: str


AssignFindingAction.model_rebuild()
