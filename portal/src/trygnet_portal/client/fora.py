from .base_model import BaseModel
from .enums import Cadence, Level


class Fora(BaseModel):
    fora: "ForaFora"


class ForaFora(BaseModel):
    edges: list["ForaForaEdges"]


class ForaForaEdges(BaseModel):
    node: "ForaForaEdgesNode"


class ForaForaEdgesNode(BaseModel):
    id: str
    name: str
    level: Level
    cadence: Cadence
    members: list["ForaForaEdgesNodeMembers"]


class ForaForaEdgesNodeMembers(BaseModel):
    id: str


Fora.model_rebuild()
ForaFora.model_rebuild()
ForaForaEdges.model_rebuild()
ForaForaEdgesNode.model_rebuild()
