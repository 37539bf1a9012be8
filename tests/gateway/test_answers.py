"""A GraphQL type read from a service's camelCase answer by its own fields (``of_answer``)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import pytest
import strawberry

from trygnet_gateway.answers import (
    FromAnswer,
    answered_as,
    kept,
    of_answer,
    of_counts,
    of_values,
)
from trygnet_gateway.payloads import Payload, payload


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Span:
    from_: int | None = strawberry.field(name="from")
    to: int | None


@strawberry.type
class Sample:
    sample_id: strawberry.ID
    colour: Colour
    shades: list[Colour]
    counted_on: date
    seen_at: datetime | None
    share: float
    retired: bool
    span: Span
    owner_actor_id: strawberry.Private[str | None]
    note: str | None


ANSWER = {
    "sampleId": "s-1",
    "colour": "red",
    "shades": ["blue", "red"],
    "countedOn": "2026-09-14T08:00:00+00:00",
    "seenAt": "",
    "share": 3,
    "span": {"from": 12, "to": None},
    "ownerActorId": "actor-1",
}


def test_each_field_is_read_under_its_camel_case_name_and_converted_by_its_type() -> None:
    sample = of_answer(Sample, ANSWER)

    assert sample.sample_id == "s-1"
    assert sample.colour is Colour.RED and sample.shades == [Colour.BLUE, Colour.RED]
    assert sample.counted_on == date(2026, 9, 14)  # the day of a moment
    assert sample.seen_at is None  # empty text is null where null is allowed
    assert sample.share == 3.0 and isinstance(sample.share, float)
    assert sample.retired is False  # a flag left out is false
    assert sample.span == Span(from_=12, to=None)  # the GraphQL name `from`
    assert sample.owner_actor_id == "actor-1"  # private: as the service answered it
    assert sample.note is None


@strawberry.type
class Renamed(FromAnswer):
    id: strawberry.ID = strawberry.field(metadata=answered_as("sampleId"))
    owner_id: strawberry.Private[str | None] = kept("ownerActorId")
    area_ids: strawberry.Private[list[str]] = kept("areas", many=True)
    shades: int = strawberry.field(metadata=answered_as(read=lambda given: len(given or ())))


def test_a_field_the_answer_names_otherwise_is_read_under_that_name() -> None:
    renamed = Renamed.of({**ANSWER, "areas": ["area-1"]})

    assert (renamed.id, renamed.owner_id, renamed.area_ids) == ("s-1", "actor-1", ["area-1"])
    assert renamed.shades == 2  # read from the answer's value by the field's own reader
    left_out = Renamed.of({"sampleId": "s-2"})  # a list of ids left out is empty
    assert (left_out.owner_id, left_out.area_ids, left_out.shades) == (None, [], 0)

    @strawberry.type
    class Query:
        renamed: Renamed

    shown = strawberry.Schema(query=Query).as_str()
    assert "type Renamed {\n  id: ID!\n  shades: Int!\n}" in shown  # the kept ids stay private


def test_what_is_given_is_taken_as_it_is() -> None:
    sample = of_answer(Sample, ANSWER, colour=Colour.BLUE, note="as given")

    assert (sample.colour, sample.note) == (Colour.BLUE, "as given")


@strawberry.type
class AnsweredSpan(FromAnswer):
    from_: int | None = strawberry.field(name="from")
    to: int | None


def test_an_answered_type_is_read_by_its_own_of() -> None:
    span = AnsweredSpan.of({"from": "7"})

    assert isinstance(span, AnsweredSpan)
    assert (span.from_, span.to) == (7, None)


@strawberry.type
class Retired(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="The sample.", metadata=answered_as("sampleId")
    )
    retired: bool = strawberry.field(description="Retired.", metadata=answered_as("gone"))
    owner_ids: strawberry.Private[list[str] | None] = kept("owners")


def test_a_field_answered_under_another_name_is_read_from_it() -> None:
    renamed = Retired.of({"sampleId": "s-1", "gone": 1, "owners": ["a-1"], "id": "not this"})

    assert (renamed.id, renamed.retired, renamed.owner_ids) == ("s-1", True, ["a-1"])


def test_a_field_answered_under_another_name_is_required_under_it() -> None:
    with pytest.raises(KeyError, match="sampleId"):
        Retired.of({"id": "s-1"})


@strawberry.type
class ColourCount:
    colour: Colour
    samples: int


def test_counts_by_word_are_read_in_their_order_as_a_word_and_how_many() -> None:
    counts = of_counts(ColourCount, {"blue": "2", "red": 0})

    assert counts == [
        ColourCount(colour=Colour.BLUE, samples=2),
        ColourCount(colour=Colour.RED, samples=0),
    ]


def test_a_short_tuple_is_read_as_the_fields_in_their_order() -> None:
    assert of_values(Span, [12, "30"]) == Span(from_=12, to=30)
    assert of_answer(Sample, {**ANSWER, "span": [1, None]}).span == Span(from_=1, to=None)
    with pytest.raises(ValueError, match="shorter"):
        of_values(Span, [12])


def test_a_required_field_the_answer_leaves_out_is_refused() -> None:
    answer = {key: value for key, value in ANSWER.items() if key != "colour"}

    with pytest.raises(KeyError, match="colour"):
        of_answer(Sample, answer)


def test_a_payload_carries_position_and_its_objects_in_the_order_given() -> None:
    SamplePayload = payload(
        "SamplePayload", "What a write to a sample answers.", sample=(Sample, "The sample.")
    )

    made = SamplePayload(sample=of_answer(Sample, ANSWER), position="samples/s-1/3")

    assert isinstance(made, Payload) and made.position == "samples/s-1/3"
    definition = SamplePayload.__strawberry_definition__
    assert [f.name for f in definition.fields] == ["position", "sample"]
    assert definition.description == "What a write to a sample answers."
    assert definition.fields[1].description == "The sample."
