"""Relationship surveys' GraphQL types: a survey wave, each respondent's latest answer and
its ratings (intensity, trust and value, as the PARTNER tool asks), and
``survey_wave_by_id``, its batched loader."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import strawberry

from trygnet_gateway.activities.inputs.surveys import TrustScoresInput, ValueScoresInput
from trygnet_gateway.activities.reads import by_id
from trygnet_gateway.actors import actor_of
from trygnet_gateway.answers import FromAnswer, answered_as
from trygnet_gateway.context import Info
from trygnet_gateway.vocabulary import Intensity
from trygnet_gateway.writes import ABOUT_VERSION

T = TypeVar("T")


async def survey_wave_by_id(info: Info, wave_id: str, *, fresh: bool = False) -> SurveyWave | None:
    return await by_id(info, "surveys", SurveyWave.of, wave_id, fresh=fresh)


def read_back_as(given: type[Any], description: str) -> Callable[[type[T]], type[T]]:
    """The class as the GraphQL type ``description`` of the scores an input ``given`` holds,
    as a respondent's answer is read back: the same fields, each described with its range."""

    def made(cls: type[T]) -> type[T]:
        fields = given.__strawberry_definition__.fields
        cls.__annotations__ = {f.python_name: f.type for f in fields}
        for f in fields:
            about = f"{str(f.description).removesuffix('.')}, 1 (low) to 4 (high)."
            setattr(cls, f.python_name, strawberry.field(description=about))
        return strawberry.type(cls, description=description)

    return made


@read_back_as(
    TrustScoresInput,
    "How far a respondent trusts an actor, each from 1 (low) to 4 (high), as the PARTNER tool"
    " asks.",
)
class TrustScores: ...


@read_back_as(
    ValueScoresInput,
    "What an actor brings, as a respondent sees it, each from 1 (low) to 4 (high).",
)
class ValueScores: ...


@strawberry.type(description="How a respondent rates its relationship with one actor (1 to 4).")
class SurveyRating(FromAnswer):
    actor_id: strawberry.Private[str]
    intensity: Intensity = strawberry.field(description="How closely they work together.")
    trust: TrustScores = strawberry.field(description="How far the respondent trusts the actor.")
    value: ValueScores = strawberry.field(
        description="What the actor brings, as the respondent sees it."
    )

    actor = strawberry.field(resolver=actor_of("actor_id"), description="The actor rated.")


@strawberry.type(description="One actor's latest answer in a survey wave.")
class SurveyResponse:
    respondent_id: strawberry.Private[str]
    ratings: list[SurveyRating] = strawberry.field(description="Its ratings, one per actor rated.")

    respondent = strawberry.field(
        resolver=actor_of("respondent_id"), description="The actor that answered."
    )


def _responses(answered: dict[str, list[dict[str, Any]]] | None) -> list[SurveyResponse]:
    """The answer's ``{respondentId: [rating, ...]}``."""
    return [
        SurveyResponse(respondent_id=respondent, ratings=[SurveyRating.of(r) for r in ratings])
        for respondent, ratings in (answered or {}).items()
    ]


@strawberry.type(description="A round of the relationship survey (comparable with PARTNER).")
class SurveyWave(FromAnswer):
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the wave.")
    title: str = strawberry.field(description="Its title: Spring 2026.")
    opened_on: date | None = strawberry.field(description="The day it opened.")
    closed: bool = strawberry.field(description="True once closed: it takes no more answers.")
    responses: list[SurveyResponse] = strawberry.field(
        description="The latest answer of each respondent.", metadata=answered_as(read=_responses)
    )
    version: int = strawberry.field(description=ABOUT_VERSION)
