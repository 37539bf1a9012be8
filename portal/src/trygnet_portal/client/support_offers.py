from datetime import date
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import AreaKind, Theme


class SupportOffers(BaseModel):
    support_offers: list["SupportOffersSupportOffers"] = Field(alias="supportOffers")


class SupportOffersSupportOffers(BaseModel):
    id: str
    title: str
    provider: str
    themes: list[Theme]
    area_kinds: list[AreaKind] = Field(alias="areaKinds")
    eligibility: Optional[str]
    deadline: Optional[date]
    link: Optional[str]


SupportOffers.model_rebuild()
