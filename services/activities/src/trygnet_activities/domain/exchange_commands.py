"""What users ask of the exchange between municipalities, named as orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trygnet_activities.domain.exchange_events import SupportOfferDetails


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
class PublishSupportOffer(SupportOfferDetails):
    themes: tuple[str, ...] = ()  # type: ignore[assignment]
    area_kinds: tuple[str, ...] = ()  # type: ignore[assignment]
    deadline: date | None = None  # type: ignore[assignment]
