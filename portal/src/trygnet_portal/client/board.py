from .base_model import BaseModel
from .fragments import BoardCard


class Board(BaseModel):
    incidents: "BoardIncidents"


class BoardIncidents(BaseModel):
    edges: list["BoardIncidentsEdges"]


class BoardIncidentsEdges(BaseModel):
    node: "BoardIncidentsEdgesNode"


BoardIncidentsEdgesNode = BoardCard
Board.model_rebuild()
BoardIncidents.model_rebuild()
BoardIncidentsEdges.model_rebuild()
