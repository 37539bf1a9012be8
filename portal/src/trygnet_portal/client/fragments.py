from typing import Optional

from .base_model import BaseModel


class ContactCard(BaseModel):
    id: str
    name: str
    title: Optional[str]
    phone: Optional[str]
    email: Optional[str]
    status: str


class Pair(BaseModel):
    source: str
    target: str


ContactCard.model_rebuild()
Pair.model_rebuild()
