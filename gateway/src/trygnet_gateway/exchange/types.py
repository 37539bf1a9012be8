"""The exchange's GraphQL types: a shared practice and a support offer, as the reporting
service answers them (``trygnet_reporting.practice_reads``)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from trygnet_gateway.answers import FromAnswer
from trygnet_gateway.payloads import payload
from trygnet_gateway.vocabulary import AreaKind, Direction, Sector, Theme


@strawberry.type(description="A municipality, named by code, name and country.")
class Municipality:
    code: str = strawberry.field(description="Its official code (kommunekode, kommunkod).")
    name: str | None = strawberry.field(description="Its name; null for a tenant not listed.")
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2: DK or SE.")


@strawberry.type(description="An organisation as a practice shows it: name and sector, no people.")
class PracticeOrganisation:
    name: str = strawberry.field(description="The organisation's name.")
    sector: Sector = strawberry.field(description="What kind of organisation it is.")


@strawberry.type(description="An indicator of a focus area the practice serves, and its value.")
class PracticeResult:
    indicator: str = strawberry.field(description="What is measured.")
    unit: str = strawberry.field(description="Its unit (`%`, a count...).")
    direction: Direction = strawberry.field(description="Which way is better.")
    target: float | None = strawberry.field(description="The strategy's target, if set.")
    value: float | None = strawberry.field(
        description="The latest value for the whole municipality; null before any."
    )
    period: str | None = strawberry.field(description="The period of that value (`2026-Q3`).")


@strawberry.type(
    description="An activity a municipality shared with every other municipality: only the "
    "fields sharing lets out, as they were when shared, and the sharing municipality."
)
class Practice(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="The practice's id (a digest: it names no activity)."
    )
    municipality: Municipality = strawberry.field(description="The municipality that shared it.")
    shared_at: datetime = strawberry.field(description="When it was last shared (UTC).")
    title: str = strawberry.field(description="The activity's title.")
    description: str | None = strawberry.field(description="What the activity does.")
    themes: list[Theme] = strawberry.field(description="What it is about.")
    target_group: str | None = strawberry.field(description="Whom it is for.")
    target_age_from: int | None = strawberry.field(description="The youngest it is for.")
    target_age_to: int | None = strawberry.field(description="The oldest it is for.")
    partner_sectors: list[Sector] = strawberry.field(
        description="The sectors of the organisations doing it together."
    )
    partners: list[PracticeOrganisation] = strawberry.field(
        description="The organisations doing it, only if the municipality chose to name them."
    )
    hours: int | None = strawberry.field(description="Hours of work declared on it.")
    budget: int | None = strawberry.field(
        description="Its budget, in whole units of the municipality's currency."
    )
    results: list[PracticeResult] = strawberry.field(
        description="The indicators of the focus areas it serves, with their latest values."
    )
    contact: PracticeOrganisation | None = strawberry.field(
        description="An organisation to call about it, only if the municipality chose one."
    )
    activity_id: strawberry.ID | None = strawberry.field(
        description="The activity shared: only for the municipality that shared it (to "
        "withdraw it); null for every other."
    )


@strawberry.type(
    description="Funding, a programme or advice a national body offers municipalities."
)
class SupportOffer(FromAnswer):
    id: strawberry.ID = strawberry.field(description="The offer's id.")
    title: str = strawberry.field(description="What is offered.")
    provider: str = strawberry.field(description="Who offers it.")
    themes: list[Theme] = strawberry.field(description="The themes it supports (none: any).")
    area_kinds: list[AreaKind] = strawberry.field(
        description="The kinds of area it is for (none: any)."
    )
    eligibility: str | None = strawberry.field(description="Who may apply, and how.")
    deadline: date | None = strawberry.field(description="The last day to apply (null: open).")
    link: str | None = strawberry.field(description="Where to read more and apply.")


ONLY_POSITION = " (null if only `position` was asked for)."
PracticePayload = payload(
    "PracticePayload",
    "What sharing a practice answers.",
    practice=(Practice | None, "The practice as every municipality now finds it" + ONLY_POSITION),
)
WithdrawPracticePayload = payload(
    "WithdrawPracticePayload",
    "What withdrawing a practice answers.",
    activity_id=(strawberry.ID | None, "The activity no longer shared" + ONLY_POSITION),
)
SupportOfferPayload = payload(
    "SupportOfferPayload",
    "What publishing a support offer answers.",
    support_offer=(SupportOffer | None, "The offer as published" + ONLY_POSITION),
)
