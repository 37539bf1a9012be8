from .base_model import BaseModel
from .enums import AreaKind


class Areas(BaseModel):
    areas: list["AreasAreas"]


class AreasAreas(BaseModel):
    id: str
    name: str
    kind: AreaKind


Areas.model_rebuild()
