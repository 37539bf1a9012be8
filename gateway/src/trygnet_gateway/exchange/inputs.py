"""The exchange's inputs: each is the body of one command of the activities service."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.vocabulary import AreaKind, Theme
from trygnet_gateway.writes import empty_unless_given, optional


@strawberry.input(
    description="An activity to share with every municipality as a practice (coordinators). "
    "Its title, description, themes, target group and ages, partners' sectors, hours, "
    "budget and the indicators it serves go; nothing else of it, and no person."
)
class SharePracticeInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity to share.")
    name_partners: bool | None = optional(
        "True to show the partners' names too (their sectors always show)."
    )
    contact_actor_id: strawberry.ID | None = optional(
        "The owner or a partner to show as the organisation to call; left out, no contact is shown."
    )


@strawberry.input(description="A shared practice to withdraw (coordinators).")
class WithdrawPracticeInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity shared.")


@strawberry.input(description="Support municipalities may seek (national bodies).")
class PublishSupportOfferInput:
    title: str = strawberry.field(description="What is offered.")
    provider: str = strawberry.field(description="Who offers it.")
    themes: list[Theme] = empty_unless_given("The themes it supports (none: any).")
    area_kinds: list[AreaKind] = empty_unless_given("The kinds of area it is for (none: any).")
    eligibility: str | None = optional("Who may apply, and how.")
    deadline: date | None = optional("The last day to apply (left out: open).")
    link: str | None = optional("An http(s) address to read more and apply.")
