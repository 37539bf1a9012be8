"""The inputs of the partnerships' mutations: a new partnership, and an actor joining it
(or taking another role there) or leaving it."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.activities.inputs.membership import JoiningInRole, Leaving
from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.writes import empty_unless_given, optional

PARTNERSHIP = Target("partnership_id", "The partnership.")


@strawberry.input(description="A new safety partnership, authorised from the top.")
class CreatePartnershipInput:
    name: str = strawberry.field(description="Its name.")
    mandate: str = strawberry.field(description="What it is authorised to do.")
    authorised_by: str = strawberry.field(
        description="Who authorised it: a council, a board, a police district."
    )
    authorised_on: date = strawberry.field(description="The day it was authorised.")
    coordinator_actor_id: strawberry.ID = strawberry.field(
        description="The actor that coordinates it."
    )
    areas: list[strawberry.ID] = empty_unless_given("The ids of the areas it covers.")
    hours_per_year: int | None = optional(
        "Hours of work a year set aside to drive it (0 to 1,000,000)."
    )
    budget_per_year: int | None = optional(
        "Its budget a year, in whole units of the municipality's currency (DKK or SEK)."
    )


@change_of(PARTNERSHIP, "An actor joining a partnership, or taking another role there.")
class JoinPartnershipInput(JoiningInRole): ...


@change_of(PARTNERSHIP, "An actor leaving a partnership.")
class LeavePartnershipInput(Leaving): ...
