from .base_model import BaseModel
from .fragments import BoardColumn


class Board(BaseModel):
    reported: "BoardReported"
    active: "BoardActive"
    stable: "BoardStable"


BoardReported = BoardColumn
BoardActive = BoardColumn
BoardStable = BoardColumn
Board.model_rebuild()
