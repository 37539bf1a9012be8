"""The exchange's root fields: the practices of every municipality, the support offers
for the caller's, and the three commands."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from trygnet_core.errors import NotFound
from trygnet_gateway.context import Info
from trygnet_gateway.exchange.inputs import (
    PublishSupportOfferInput,
    SharePracticeInput,
    WithdrawPracticeInput,
)
from trygnet_gateway.exchange.types import (
    Practice,
    PracticePayload,
    SupportOffer,
    SupportOfferPayload,
    WithdrawPracticePayload,
)
from trygnet_gateway.relay import After, Connection, First, connection, page_query
from trygnet_gateway.reporting.reads import AtLeast, report
from trygnet_gateway.vocabulary import Theme
from trygnet_gateway.writes import Written, answers, command

PRACTICE_PREFIX = "practice-"
"""A practice's stream in the activities service is named after its activity."""

ThemeFilter = Annotated[Theme | None, strawberry.argument(description="Only those for this theme.")]


@strawberry.type
class Query:
    @strawberry.field(
        description="The practices every municipality shared, by title: coordinators and "
        "national bodies only (FORBIDDEN to others). The one list that reads across "
        "municipalities, on purpose: only what each municipality chose to share, with its "
        "name; every read is audited."
    )
    async def practices(
        self,
        info: Info,
        theme: ThemeFilter = None,
        target_age: Annotated[
            int | None,
            strawberry.argument(description="Only practices for someone of this age (0-120)."),
        ] = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Words that must all occur in the title, description or target "
                "group (any case; at most 200 characters)."
            ),
        ] = None,
        activity_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only your own municipality's practice of this activity: whether, "
                "and as what, you shared it (an empty list: not shared)."
            ),
        ] = None,
        first: First = None,
        after: After = None,
        at_least: AtLeast = None,
    ) -> Connection[Practice]:
        query = page_query(
            info,
            first,
            after,
            theme=theme,
            targetAge=target_age,
            search=search,
            activityId=activity_id,
        )
        answer = await report(info, "/practices", at_least=at_least, params=query)
        return connection(answer, Practice.of)

    @strawberry.field(
        description="Support offers whose deadline is ahead (soonest first, then those "
        "without one) that match your municipality: their themes meet those of the "
        "activities serving your strategy's focus areas, their kinds of area those of your "
        "areas (an offer naming none is for all). National bodies see every offer."
    )
    async def support_offers(
        self, info: Info, theme: ThemeFilter = None, at_least: AtLeast = None
    ) -> list[SupportOffer]:
        params = {"theme": theme}
        found = await report(info, "/support-offers", at_least=at_least, params=params)
        return [SupportOffer.of(offer) for offer in found["offers"]]


@answers(PracticePayload)
async def _practice_payload(info: Info, written: Written) -> Any:
    activity_id = written.id.removeprefix(PRACTICE_PREFIX)
    page = await report(
        info, "/practices", at_least=[written.position], params={"activityId": activity_id}
    )
    if not page["items"]:
        raise NotFound("the practice is not shared", field="activityId")
    return PracticePayload(practice=Practice.of(page["items"][0]), position=written.position)


@answers(WithdrawPracticePayload)
async def _withdrawn_payload(info: Info, written: Written) -> Any:
    activity_id = strawberry.ID(written.id.removeprefix(PRACTICE_PREFIX))
    return WithdrawPracticePayload(activity_id=activity_id, position=written.position)


@answers(SupportOfferPayload)
async def _offer_payload(info: Info, written: Written) -> Any:
    # as of the first day there is: the offer is answered whatever its deadline
    everything = {"asOf": "0001-01-01"}
    found = await report(info, "/support-offers", at_least=[written.position], params=everything)
    offer = next((o for o in found["offers"] if o["id"] == written.id), None)
    if offer is None:
        raise NotFound("no support offer with that id", field="offerId")
    return SupportOfferPayload(support_offer=SupportOffer.of(offer), position=written.position)


@strawberry.type
class Mutation:
    share_practice = command(
        "activities",
        "POST /activities/{activity_id}/practice",
        SharePracticeInput,
        _practice_payload,
        "Share an activity with every municipality as a practice, or share it "
        "again as it is now (the municipality's coordinators only).",
    )
    withdraw_practice = command(
        "activities",
        "DELETE /activities/{activity_id}/practice",
        WithdrawPracticeInput,
        _withdrawn_payload,
        "Withdraw a shared practice: no municipality finds it any more "
        "(the municipality's coordinators only).",
    )
    publish_support_offer = command(
        "activities",
        "POST /support-offers",
        PublishSupportOfferInput,
        _offer_payload,
        "Publish funding, a programme or advice for municipalities (national bodies only).",
    )
