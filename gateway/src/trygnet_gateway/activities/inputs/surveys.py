"""The inputs of the relationship surveys' mutations: opening and closing a wave, and one
actor's answer with its ratings (trust and value scores from 1 to 4)."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.vocabulary import Intensity

WAVE = Target("wave_id", "The wave.")
OPEN_WAVE = Target("wave_id", "The wave (open).")


@strawberry.input(description="A new round of the relationship survey.")
class OpenSurveyWaveInput:
    title: str = strawberry.field(description="Its title.")
    opened_on: date = strawberry.field(description="The day it opens.")


@change_of(WAVE, "The wave to close.")
class CloseSurveyWaveInput: ...


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


@change_of(OPEN_WAVE, "One actor's answer; a second answer replaces the first.")
class RecordSurveyResponseInput:
    respondent_actor_id: strawberry.ID = strawberry.field(description="The actor answering.")
    ratings: list[SurveyRatingInput] = strawberry.field(
        description="One rating per actor rated, none twice."
    )
