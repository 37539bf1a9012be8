"""The events of the exchange between municipalities: practices shared and withdrawn,
and the support the national body offers.

A practice is a snapshot of an activity that its municipality chose to show every other
municipality; it holds only the fields sharing lets out (``practice.SHARED_FIELDS``) and
no personal data: no contact person, no area, no date, no actor's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trygnet_core.events import DomainEvent
from trygnet_vocabulary.actors import AreaKind, Theme


@dataclass(frozen=True)
class PracticeShared(DomainEvent):
    """A coordinator shared an activity with every municipality as a practice, or shared
    it again with what it is now. ``partner_sectors`` are the sectors of its owner and
    partners; ``partners`` (``{name, sector}``) only when the coordinator chose to name
    them; each of ``results`` is ``{indicator, unit, direction, target, value, period}``
    for an indicator of a focus area it serves; ``contact`` (``{name, sector}``) is an
    organisation to call, only when chosen."""

    practice_id: str
    activity_id: str
    title: str
    description: str | None = None
    themes: tuple[Theme, ...] = ()
    target_group: str | None = None
    target_age_from: int | None = None
    target_age_to: int | None = None
    partner_sectors: tuple[str, ...] = ()
    partners: tuple[dict[str, Any], ...] = ()
    hours: int | None = None
    budget: int | None = None
    results: tuple[dict[str, Any], ...] = ()
    contact: dict[str, Any] | None = None


@dataclass(frozen=True)
class PracticeWithdrawn(DomainEvent):
    """The coordinator withdrew the practice: no other municipality finds it any more."""

    practice_id: str
    activity_id: str


@dataclass(frozen=True)
class SupportOfferDetails:
    """A support offer's fields, written once: ``SupportOfferPublished`` and
    ``PublishSupportOffer`` (its words as given, its deadline as a date)."""

    offer_id: str
    title: str
    provider: str
    themes: tuple[Theme, ...] = ()
    area_kinds: tuple[AreaKind, ...] = ()
    eligibility: str | None = None
    deadline: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class SupportOfferPublished(SupportOfferDetails, DomainEvent):
    """A national body published funding, a programme or advice municipalities may seek:
    for the themes and kinds of area named (none named: for all), until ``deadline``
    (none: open)."""


EXCHANGE_EVENTS = (PracticeShared, PracticeWithdrawn, SupportOfferPublished)
