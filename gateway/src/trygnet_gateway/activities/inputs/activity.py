"""The inputs of the activities' mutations: a new activity, a change of its details (only
the fields given), an actor joining or leaving it, and where it stands now."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.vocabulary import ActivityStatus, Level, PartnerRole, Theme
from trygnet_gateway.writes import expected_version


@strawberry.input(description="A new collaborative prevention activity.")
class CreateActivityInput:
    title: str = strawberry.field(description="Its title.")
    level: Level = strawberry.field(description="The level it works on.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor that owns it.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="What it does."
    )
    themes: list[Theme] = strawberry.field(description="What it is about.", default_factory=list)
    target_age_from: int | None = strawberry.field(
        default=strawberry.UNSET, description="The youngest age it is for (0-120)."
    )
    target_age_to: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="The oldest age it is for (0-120, not below `targetAgeFrom`).",
    )
    target_group: str | None = strawberry.field(
        default=strawberry.UNSET, description="Whom it is for, in words (no names of people)."
    )
    areas: list[strawberry.ID] = strawberry.field(
        description="The ids of the areas it works in.", default_factory=list
    )
    start: date | None = strawberry.field(
        default=strawberry.UNSET, description="The day it starts."
    )
    end: date | None = strawberry.field(
        default=strawberry.UNSET, description="The day it ends (not before `start`)."
    )
    hours: int | None = strawberry.field(
        default=strawberry.UNSET, description="Hours of work put into it in all (0 to 10,000,000)."
    )
    budget: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Its budget, in whole units of the municipality's currency (DKK or SEK).",
    )
    focus_areas: list[strawberry.ID] = strawberry.field(
        description="The ids of the strategy's focus areas it serves.", default_factory=list
    )
    incident_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The incident whose response started it, if one did."
    )


@strawberry.input(description="Only the fields given change; a field given as null is cleared.")
class UpdateActivityInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    title: str | None = strawberry.field(
        default=strawberry.UNSET, description="Its title (cannot be cleared)."
    )
    level: Level | None = strawberry.field(
        default=strawberry.UNSET, description="The level it works on (cannot be cleared)."
    )
    owner_actor_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The actor that owns it (cannot be cleared)."
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="What it does."
    )
    themes: list[Theme] | None = strawberry.field(
        default=strawberry.UNSET, description="Every theme it is about (the whole list)."
    )
    target_age_from: int | None = strawberry.field(
        default=strawberry.UNSET, description="The youngest age it is for (0-120)."
    )
    target_age_to: int | None = strawberry.field(
        default=strawberry.UNSET, description="The oldest age it is for (0-120)."
    )
    target_group: str | None = strawberry.field(
        default=strawberry.UNSET, description="Whom it is for, in words."
    )
    areas: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Every area it works in (the whole list)."
    )
    start: date | None = strawberry.field(
        default=strawberry.UNSET, description="The day it starts."
    )
    end: date | None = strawberry.field(default=strawberry.UNSET, description="The day it ends.")
    hours: int | None = strawberry.field(
        default=strawberry.UNSET, description="Hours of work put into it in all."
    )
    budget: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Its budget, in whole units of the municipality's currency (DKK or SEK).",
    )
    focus_areas: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Every focus area it serves (the whole list)."
    )
    expected_version: int | None = expected_version()


@strawberry.input(description="An actor joining an activity, or taking another role there.")
class JoinActivityInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    actor_id: strawberry.ID = strawberry.field(description="The actor joining.")
    role: PartnerRole = strawberry.field(description="Its role there.")
    expected_version: int | None = expected_version()


@strawberry.input(description="An actor leaving an activity.")
class LeaveActivityInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    actor_id: strawberry.ID = strawberry.field(description="The actor leaving.")
    expected_version: int | None = expected_version()


@strawberry.input(description="Where an activity stands now.")
class ChangeActivityStatusInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    status: ActivityStatus = strawberry.field(
        description="Its new status: planned → active ⇄ paused, and to ended."
    )
    participants_reached: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="How many people it has reached so far (0 to 10,000,000), recorded "
        "with the status; give the status it has to record only this.",
    )
    expected_version: int | None = expected_version()
