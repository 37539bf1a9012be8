"""The inputs of the activities domain's mutations."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.vocabulary import (
    ActionStatus,
    ActivityStatus,
    Cadence,
    Direction,
    FindingKind,
    FollowUpStatus,
    Intensity,
    Level,
    PartnerRole,
    Theme,
)
from trygnet_gateway.writes import ABOUT_EXPECTED_VERSION

# -- inputs --------------------------------------------------------------------------
# Ids of what a command changes go in its input and into the path. Every input of a
# command on an existing stream offers ``expectedVersion`` (sent as If-Match).


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
    areas: list[strawberry.ID] = strawberry.field(
        description="The ids of the areas it covers.", default_factory=list
    )
    hours_per_year: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Hours of work a year set aside to drive it (0 to 1,000,000).",
    )
    budget_per_year: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Its budget a year, in whole units of the municipality's currency "
        "(DKK or SEK).",
    )


@strawberry.input(description="An actor joining a partnership, or taking another role there.")
class JoinPartnershipInput:
    partnership_id: strawberry.ID = strawberry.field(description="The partnership.")
    actor_id: strawberry.ID = strawberry.field(description="The actor joining.")
    role: PartnerRole = strawberry.field(description="Its role there.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="An actor leaving a partnership.")
class LeavePartnershipInput:
    partnership_id: strawberry.ID = strawberry.field(description="The partnership.")
    actor_id: strawberry.ID = strawberry.field(description="The actor leaving.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="A new coordinating forum.")
class CreateForumInput:
    name: str = strawberry.field(description="Its name.")
    level: Level = strawberry.field(description="The level it works on.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor that drives it.")
    cadence: Cadence = strawberry.field(description="How often it meets.")
    partnership_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The partnership it works under, if any."
    )
    members: list[strawberry.ID] = strawberry.field(
        description="The ids of the actors taking part.", default_factory=list
    )


@strawberry.input(description="An actor joining a forum.")
class JoinForumInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    actor_id: strawberry.ID = strawberry.field(description="The actor joining.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="An actor leaving a forum.")
class LeaveForumInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    actor_id: strawberry.ID = strawberry.field(description="The actor leaving.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="Something the meeting asks an actor to do by a day.")
class FollowUpInput:
    description: str = strawberry.field(
        description="What is to be done (may name people: stored encrypted)."
    )
    actor_id: strawberry.ID = strawberry.field(description="The actor to do it.")
    due: date = strawberry.field(description="The day it is due: on or after the meeting.")
    follow_up_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Made by the gateway when left out."
    )


@strawberry.input(description="A meeting of a forum and its minutes.")
class RecordMeetingInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    held_on: date = strawberry.field(description="The day it was held.")
    attendees: list[strawberry.ID] = strawberry.field(
        description="The ids of the actors that attended.", default_factory=list
    )
    agenda: str | None = strawberry.field(default=strawberry.UNSET, description="The agenda.")
    decisions: str | None = strawberry.field(
        default=strawberry.UNSET, description="What was decided."
    )
    follow_ups: list[FollowUpInput] = strawberry.field(
        description="What the meeting asks actors to do.", default_factory=list
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="Where a forum's follow-up stands now.")
class ChangeFollowUpStatusInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    follow_up_id: strawberry.ID = strawberry.field(description="The follow-up.")
    status: FollowUpStatus = strawberry.field(description="Its new status.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


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
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="An actor joining an activity, or taking another role there.")
class JoinActivityInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    actor_id: strawberry.ID = strawberry.field(description="The actor joining.")
    role: PartnerRole = strawberry.field(description="Its role there.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="An actor leaving an activity.")
class LeaveActivityInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    actor_id: strawberry.ID = strawberry.field(description="The actor leaving.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


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
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="A safety walk in an area.")
class RecordSafetyWalkInput:
    walked_on: date = strawberry.field(description="The day of the walk.")
    area_id: strawberry.ID = strawberry.field(description="The area walked.")
    route: str | None = strawberry.field(
        default=strawberry.UNSET, description="The route walked, in words (up to 2,000 characters)."
    )
    participants: list[strawberry.ID] = strawberry.field(
        description="The ids of the actors that walked.", default_factory=list
    )
    residents: int = strawberry.field(
        default=0, description="How many residents came along (0 to 100,000)."
    )
    follows_walk_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The earlier walk this one follows up, if any."
    )


@strawberry.input(description="WGS 84 degrees.")
class CoordinatesInput:
    lat: float = strawberry.field(description="Latitude, -90 to 90.")
    lon: float = strawberry.field(description="Longitude, -180 to 180.")


@strawberry.input(description="Something a safety walk found.")
class RecordFindingInput:
    walk_id: strawberry.ID = strawberry.field(description="The walk.")
    kind: FindingKind = strawberry.field(description="What was found.")
    place: str = strawberry.field(description="Where, in words: the path behind block 4.")
    description: str = strawberry.field(description="What makes it feel unsafe.")
    coordinates: CoordinatesInput | None = strawberry.field(
        default=strawberry.UNSET, description="Where, as a point."
    )
    photo_url: str | None = strawberry.field(
        default=strawberry.UNSET, description="A link (https) to a photo of it."
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="An actor is to act on a finding by a deadline.")
class AssignFindingActionInput:
    walk_id: strawberry.ID = strawberry.field(description="The walk.")
    finding_id: strawberry.ID = strawberry.field(description="The finding.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor to act.")
    deadline: date = strawberry.field(
        description="The day it is to be done by: on or after the walk."
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="Where an action on a finding stands now.")
class UpdateFindingActionInput:
    walk_id: strawberry.ID = strawberry.field(description="The walk.")
    action_id: strawberry.ID = strawberry.field(description="The action.")
    status: ActionStatus = strawberry.field(description="Its new status.")
    reason: str | None = strawberry.field(
        default=strawberry.UNSET, description="Why it is rejected: needed for REJECTED."
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="The municipality's joint strategy (one per municipality).")
class AdoptStrategyInput:
    title: str = strawberry.field(description="Its title.")


@strawberry.input(description="A focus area of the strategy.")
class AddFocusAreaInput:
    title: str = strawberry.field(description="Its title: safe nightlife.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="How a focus area's progress is measured.")
class AddIndicatorInput:
    focus_area_id: strawberry.ID = strawberry.field(description="The focus area.")
    name: str = strawberry.field(description="What is measured.")
    unit: str = strawberry.field(description="`%` keeps values within 0-100.")
    direction: Direction = strawberry.field(
        description="Whether higher or lower values are better."
    )
    target: float | None = strawberry.field(
        default=strawberry.UNSET, description="The value aimed for, in `unit`."
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="A value of an indicator for a period.")
class RecordMeasurementInput:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator.")
    value: float = strawberry.field(
        description="The value, in the indicator's unit (0-100 for `%`)."
    )
    period: str = strawberry.field(
        description="A year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`)."
    )
    source: str = strawberry.field(description="Where the value comes from.")
    area_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The area measured; left out: the whole municipality."
    )
    sample_size: int | None = strawberry.field(
        default=strawberry.UNSET, description="How many answered or were counted (1 or more)."
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="Shares in per cent: safe + unsafe ≤ 100; respondents ≤ invited.")
class SafetyIndexResultInput:
    area_id: strawberry.ID = strawberry.field(description="The area surveyed.")
    period: str = strawberry.field(
        description="A year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`)."
    )
    feeling_safe: float = strawberry.field(
        description="Share of respondents feeling safe, per cent."
    )
    feeling_unsafe: float = strawberry.field(
        description="Share of respondents feeling unsafe, per cent."
    )
    respondents: int = strawberry.field(description="How many answered.")
    invited: int = strawberry.field(description="How many were asked.")


@strawberry.input(description="Safety-index results, all written or none; one per area and period.")
class RecordSafetyIndexResultsInput:
    results: list[SafetyIndexResultInput] = strawberry.field(description="The results.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(description="A new round of the relationship survey.")
class OpenSurveyWaveInput:
    title: str = strawberry.field(description="Its title.")
    opened_on: date = strawberry.field(description="The day it opens.")


@strawberry.input(description="The wave to close.")
class CloseSurveyWaveInput:
    wave_id: strawberry.ID = strawberry.field(description="The wave.")
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )


@strawberry.input(
    description="How far the respondent trusts the actor, each from 1 (low) to 4 (high)."
)
class TrustScoresInput:
    openness: int = strawberry.field(description="Open to discussion.")
    reliability: int = strawberry.field(description="Does what it says.")
    shared_mission: int = strawberry.field(description="Shares the partnership's mission.")


@strawberry.input(description="What the actor brings, each from 1 (low) to 4 (high).")
class ValueScoresInput:
    power_and_influence: int = strawberry.field(description="Its power and influence.")
    resource_contribution: int = strawberry.field(description="The resources it brings.")
    level_of_involvement: int = strawberry.field(description="How involved it is.")


@strawberry.input(description="Scores from 1 (low) to 4 (high).")
class SurveyRatingInput:
    actor_id: strawberry.ID = strawberry.field(
        description="The actor rated (not the respondent itself)."
    )
    intensity: Intensity = strawberry.field(description="How closely they work together.")
    trust: TrustScoresInput = strawberry.field(description="How far the respondent trusts it.")
    value: ValueScoresInput = strawberry.field(description="What it brings.")


@strawberry.input(description="One actor's answer; a second answer replaces the first.")
class RecordSurveyResponseInput:
    wave_id: strawberry.ID = strawberry.field(description="The wave (open).")
    respondent_actor_id: strawberry.ID = strawberry.field(description="The actor answering.")
    ratings: list[SurveyRatingInput] = strawberry.field(
        description="One rating per actor rated, none twice."
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET, description=ABOUT_EXPECTED_VERSION
    )
