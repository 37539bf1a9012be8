"""What users ask of the exchange between municipalities, named as orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SharePractice:
    """Share an activity as a practice: ``name_partners`` lets the partners' names out
    (their sectors always go), ``contact_actor_id`` names an organisation to call."""

    activity_id: str
    name_partners: bool = False
    contact_actor_id: str | None = None


@dataclass(frozen=True)
class WithdrawPractice:
    activity_id: str


@dataclass(frozen=True)
class PublishSupportOffer:
    offer_id: str
    title: str
    provider: str
    themes: tuple[str, ...] = ()
    area_kinds: tuple[str, ...] = ()
    eligibility: str | None = None
    deadline: date | None = None
    link: str | None = None
