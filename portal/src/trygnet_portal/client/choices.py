from .base_model import BaseModel


class Choices(BaseModel):
    actors: "ChoicesActors"
    areas: list["ChoicesAreas"]


class ChoicesActors(BaseModel):
    edges: list["ChoicesActorsEdges"]


class ChoicesActorsEdges(BaseModel):
    node: "ChoicesActorsEdgesNode"


class ChoicesActorsEdgesNode(BaseModel):
    id: str
    name: str


class ChoicesAreas(BaseModel):
    id: str
    name: str


Choices.model_rebuild()
ChoicesActors.model_rebuild()
ChoicesActorsEdges.model_rebuild()
