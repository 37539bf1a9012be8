"""The SupportOffer aggregate: funding, a programme or advice a national body offers
every municipality ("what support can we get?").

Rules: only a national body publishes (the handler checks roles), on its own tenant,
outside any municipality; the title and the provider are required; themes and area
kinds are of the shared vocabulary (none: open to all); the link is a web address;
an offer id is new.
"""

from __future__ import annotations

from collections.abc import Iterable

from trygnet_activities.domain import model
from trygnet_activities.domain.exchange_commands import PublishSupportOffer
from trygnet_activities.domain.exchange_events import SupportOfferPublished
from trygnet_core.aggregate import folding, must_be_new
from trygnet_core.errors import Forbidden
from trygnet_core.events import DomainEvent
from trygnet_vocabulary.actors import AreaKind, Theme

SupportOffer = SupportOfferPublished
"""An offer's state is what was published."""


def evolve(state: SupportOffer | None, event: DomainEvent) -> SupportOffer | None:
    return event if isinstance(event, SupportOfferPublished) else state


fold = folding(evolve)


def decide(command: PublishSupportOffer, state: SupportOffer | None) -> list[DomainEvent]:
    must_be_new(state, "a support offer", field="offerId")
    return [
        SupportOfferPublished(
            offer_id=command.offer_id,
            title=model.required_text(command.title, field="title"),
            provider=model.required_text(command.provider, field="provider"),
            themes=model.members(Theme, command.themes, field="themes"),
            area_kinds=model.members(AreaKind, command.area_kinds, field="areaKinds"),
            eligibility=model.optional_text(command.eligibility, field="eligibility"),
            deadline=model.optional_day(command.deadline, field="deadline"),
            link=model.web_link(command.link, field="link"),
        )
    ]


def may_publish(roles: Iterable[str]) -> None:
    if "national" not in set(roles):
        raise Forbidden("only a national body publishes support offers")
