from pydantic import Field

from .base_model import BaseModel
from .fragments import AreaFields


class DefineArea(BaseModel):
    define_area: "DefineAreaDefineArea" = Field(alias="defineArea")


class DefineAreaDefineArea(BaseModel):
    position: str
    area: "DefineAreaDefineAreaArea"


DefineAreaDefineAreaArea = AreaFields
DefineArea.model_rebuild()
DefineAreaDefineArea.model_rebuild()
