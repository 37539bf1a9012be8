from .base_model import BaseModel


class Pair(BaseModel):
    source: str
    target: str


Pair.model_rebuild()
