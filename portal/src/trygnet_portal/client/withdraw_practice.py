from pydantic import Field

from .base_model import BaseModel


class WithdrawPractice(BaseModel):
    withdraw_practice: "WithdrawPracticeWithdrawPractice" = Field(
        alias="withdrawPractice"
    )


class WithdrawPracticeWithdrawPractice(BaseModel):
    position: str


WithdrawPractice.model_rebuild()
