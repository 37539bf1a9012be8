"""The inputs of the activities' mutations: a new activity, a change of its details (only
the fields given), an actor joining or leaving it, and where it stands now."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.activities.inputs.membership import JoiningInRole, Leaving
from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.vocabulary import ActivityStatus, Level, Theme
from trygnet_gateway.writes import empty_unless_given, optional

ACTIVITY = Target("activity_id", "The activity.")


@strawberry.input(description="A new collaborative prevention activity.")
class CreateActivityInput:
    title: str = strawberry.field(description="Its title.")
    level: Level = strawberry.field(description="The level it works on.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor that owns it.")
    description: str | None = optional("What it does.")
    themes: list[Theme] = empty_unless_given("What it is about.")
    target_age_from: int | None = optional("The youngest age it is for (0-120).")
    target_age_to: int | None = optional(
        "The oldest age it is for (0-120, not below `targetAgeFrom`)."
    )
    target_group: str | None = optional("Whom it is for, in words (no names of people).")
    areas: list[strawberry.ID] = empty_unless_given("The ids of the areas it works in.")
    start: date | None = optional("The day it starts.")
    end: date | None = optional("The day it ends (not before `start`).")
    hours: int | None = optional("Hours of work put into it in all (0 to 10,000,000).")
    budget: int | None = optional(
        "Its budget, in whole units of the municipality's currency (DKK or SEK)."
    )
    focus_areas: list[strawberry.ID] = empty_unless_given(
        "The ids of the strategy's focus areas it serves."
    )
    incident_id: strawberry.ID | None = optional(
        "The incident whose response started it, if one did."
    )


@change_of(ACTIVITY, "Only the fields given change; a field given as null is cleared.")
class UpdateActivityInput:
    title: str | None = optional("Its title (cannot be cleared).")
    level: Level | None = optional("The level it works on (cannot be cleared).")
    owner_actor_id: strawberry.ID | None = optional("The actor that owns it (cannot be cleared).")
    description: str | None = optional("What it does.")
    themes: list[Theme] | None = optional("Every theme it is about (the whole list).")
    target_age_from: int | None = optional("The youngest age it is for (0-120).")
    target_age_to: int | None = optional("The oldest age it is for (0-120).")
    target_group: str | None = optional("Whom it is for, in words.")
    areas: list[strawberry.ID] | None = optional("Every area it works in (the whole list).")
    start: date | None = optional("The day it starts.")
    end: date | None = optional("The day it ends.")
    hours: int | None = optional("Hours of work put into it in all.")
    budget: int | None = optional(
        "Its budget, in whole units of the municipality's currency (DKK or SEK)."
    )
    focus_areas: list[strawberry.ID] | None = optional(
        "Every focus area it serves (the whole list)."
    )


@change_of(ACTIVITY, "An actor joining an activity, or taking another role there.")
class JoinActivityInput(JoiningInRole): ...


@change_of(ACTIVITY, "An actor leaving an activity.")
class LeaveActivityInput(Leaving): ...


@change_of(ACTIVITY, "Where an activity stands now.")
class ChangeActivityStatusInput:
    status: ActivityStatus = strawberry.field(
        description="Its new status: planned → active ⇄ paused, and to ended."
    )
    participants_reached: int | None = optional(
        "How many people it has reached so far (0 to 10,000,000), recorded "
        "with the status; give the status it has to record only this."
    )
