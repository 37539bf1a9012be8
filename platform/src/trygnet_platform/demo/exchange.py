"""The exchange between the demo municipalities: Aalborg and Vårby gård (Huddinge) share
a few of their activities as practices, and the national body publishes three support
offers. Written after the municipalities' worlds, through the GraphQL API, as each
municipality's coordinator and as the national body would.

Loading again changes nothing: sharing what is already shared is no change, and an offer
whose title the national body already published is not published again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import httpx

from trygnet_platform.demo.load import Loader, Written, gates, given, note
from trygnet_platform.tokens import NATIONAL_TENANT, DemoTokens


@dataclass(frozen=True)
class SharePlan:
    """An activity of a municipality's world (by title) to share, and what to show."""

    title: str
    name_partners: bool = False
    contact: str | None = None
    """The external id (the world's key) of the owner or partner to call."""


SHARES: Final[dict[str, tuple[SharePlan, ...]]] = {
    "0851": (
        SharePlan("Natteravne i weekenden", name_partners=True, contact="natteravne"),
        SharePlan("Uddannelsesvejledning i boligområderne", contact="uu"),
        SharePlan("Rusmiddelforebyggelse i udskolingen"),
    ),
    "0126": (
        SharePlan("Fältarbete i Vårby gård", name_partners=True, contact="fält"),
        SharePlan("Nattvandring fredag och lördag", contact="nattvandrare"),
        SharePlan("Feriejobb för unga"),
    ),
}

OFFERS: Final = (
    given(
        title="Pulje til tryghedsskabende indsatser i udsatte boligområder",
        provider="Social- og Boligstyrelsen",
        themes=["YOUTH", "HOUSING_ENVIRONMENT"],
        areaKinds=["HOUSING_AREA"],
        eligibility="Kommuner med et udsat boligområde, i samarbejde med boligorganisationen.",
        deadline="2027-03-15",
        link="https://sbst.dk/tilskud",
    ),
    given(
        title="Rådgivning om tryg nattelivsplanlægning",
        provider="Det Kriminalpræventive Råd",
        themes=["NIGHTLIFE", "ALCOHOL_AND_DRUGS"],
        eligibility="Alle kommuner med et nattelivsområde; gratis sparring.",
        link="https://dkr.dk",
    ),
    given(
        title="Utvecklingsmedel för lokalt brottsförebyggande arbete",
        provider="Brottsförebyggande rådet (Brå)",
        areaKinds=["HOUSING_AREA", "DISTRICT"],
        eligibility="Kommuner och lokala brottsförebyggande råd; medfinansiering krävs.",
        deadline="2027-02-01",
        link="https://bra.se/utvecklingsmedel",
    ),
)

ACTIVITIES = """{
  activities(first: 100) {
    edges { node { id title owner { id externalId } partners { actor { id externalId } } } }
  }
}"""
"""The activities with their owner and partners: a contact is one of them, so one read
finds every activity to share and every contact."""
OFFERED = "{ supportOffers { title } }"


async def load_exchange(
    http: httpx.AsyncClient,
    tokens: DemoTokens,
    codes: set[str],
    *,
    say: Callable[[str], None] = print,
    written: Written | None = None,
) -> None:
    """Shares the practices of the municipalities loaded (``codes``) that have some, then
    publishes the offers not published yet; what each caller wrote in ``written``."""
    shared = gates()
    count = 0
    for code, plans in SHARES.items():
        if code in codes:
            sharer = Loader(http, tokens.coordinator(code), shared)
            count += await _share(sharer, plans)
            note(written, code, sharer)
    national = Loader(http, tokens.national(), shared)
    published = {o["title"] for o in (await national.read(OFFERED))["supportOffers"]}
    new = [offer for offer in OFFERS if offer["title"] not in published]
    for offer in new:
        await national.mutate("publishSupportOffer", offer)
    note(written, NATIONAL_TENANT, national)
    say(f"practice exchange: {count} practices shared, {len(new)} support offers published")


async def _share(loader: Loader, plans: tuple[SharePlan, ...]) -> int:
    found = (await loader.read(ACTIVITIES))["activities"]["edges"]
    by_title = {edge["node"]["title"]: edge["node"] for edge in found}
    for plan in plans:
        activity = by_title[plan.title]
        await loader.mutate(
            "sharePractice",
            given(
                activityId=activity["id"],
                namePartners=plan.name_partners,
                contactActorId=_contact(activity, plan.contact) if plan.contact else None,
            ),
        )
    return len(plans)


def _contact(activity: dict[str, Any], key: str) -> str:
    """The id of the activity's owner or partner whose external id is ``key``."""
    actors = [activity["owner"], *(partner["actor"] for partner in activity["partners"])]
    return str(next(a["id"] for a in actors if a and a["externalId"] == key))
