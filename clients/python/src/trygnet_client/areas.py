from .base_model import BaseModel
from .fragments import AreaFields


class Areas(BaseModel):
    areas: list["AreasAreas"]


AreasAreas = AreaFields
Areas.model_rebuild()
