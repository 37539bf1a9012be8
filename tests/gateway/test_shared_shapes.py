"""The pieces the gateway's domains share instead of writing them again: a list's page
query (``relay.page_query``), the two usual payload sentences (``of_write``, ``of_part``)
and the usual root fields (``root_fields.one``, ``page_by_area``)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from types import SimpleNamespace
from typing import Any

import pytest
import strawberry

from trygnet_core.errors import BadUserInput, NotFound
from trygnet_gateway.answers import FromAnswer
from trygnet_gateway.context import Context
from trygnet_gateway.payloads import ADDED, RECORDED, of_part, of_write
from trygnet_gateway.relay import page_query
from trygnet_gateway.root_fields import one, page_by_area
from trygnet_gateway.settings import Limits


class Kind(Enum):
    FIGHT = "fight"


def _info(max_page: int = 100) -> Any:
    """An ``info`` whose context checks ``first`` as a request's context does
    (``Context.page``, with the operator's largest page)."""
    context = SimpleNamespace(limits=Limits(max_page=max_page))
    context.page = lambda first: Context.page(context, first)  # type: ignore[arg-type]
    return SimpleNamespace(context=context)


def test_a_page_query_sends_the_filters_given_as_the_service_reads_them() -> None:
    since = datetime(2026, 9, 1, 12, tzinfo=UTC)

    query = page_query(
        _info(), 20, "c-1", areaId="a-1", kind=Kind.FIGHT, search=None, **{"from": since}
    )

    assert query == {
        "areaId": "a-1",
        "kind": "fight",
        "from": "2026-09-01T12:00:00+00:00",
        "first": 20,
        "after": "c-1",
    }


def test_a_page_query_without_first_or_after_asks_for_the_largest_first_page() -> None:
    assert page_query(_info(max_page=50), None, None) == {"first": 50}


def test_a_page_query_refuses_first_outside_the_page_naming_first() -> None:
    with pytest.raises(BadUserInput) as refused:
        page_query(_info(max_page=50), 51, None)
    assert refused.value.field == "first"


@strawberry.type
class Whole:
    name: str


@strawberry.type
class Part:
    name: str


def test_a_write_to_one_object_answers_it_in_one_sentence() -> None:
    made = of_write("WholeWritePayload", "an old whole", Whole).__strawberry_definition__

    assert made.description == "What a write to an old whole answers."
    assert [(f.name, f.description) for f in made.fields] == [
        ("position", made.fields[0].description),
        ("old_whole", "The old whole after the write (null if only `position` was asked for)."),
    ]


@pytest.mark.parametrize(
    ("deed", "sentence", "part_after"),
    [
        (ADDED, "What adding a side part answers.", "The side part added."),
        (RECORDED, "What recording a side part answers.", "The side part recorded."),
    ],
)
def test_a_write_making_a_part_answers_the_whole_then_the_part(
    deed: tuple[str, str], sentence: str, part_after: str
) -> None:
    made = of_part(
        f"Part{deed[1]}Payload", deed, "a side part", whole=(Whole, "The whole."), side_part=Part
    ).__strawberry_definition__

    assert made.description == sentence
    assert [(f.name, f.description) for f in made.fields][1:] == [
        ("whole", "The whole."),
        ("side_part", part_after),
    ]


@strawberry.type
class Thing(FromAnswer):
    id: strawberry.ID
    name: str


async def _thing_by_id(info: Any, thing_id: str) -> Thing | None:
    return Thing(id=strawberry.ID(thing_id), name="kept") if thing_id == "t-1" else None


@strawberry.type
class Query:
    thing = one(_thing_by_id, Thing, "thing")
    things = page_by_area("things", "/things", Thing, "Things.", area="Only things there.")


def test_the_usual_root_fields_are_one_line_each_with_their_arguments_described() -> None:
    shown = strawberry.Schema(query=Query).as_str()

    assert '"""One thing; NOT_FOUND for an id not in the municipality."""' in shown
    assert '"""The thing\'s id."""\n    id: ID!\n  ): Thing!' in shown
    assert '"""Only things there."""\n    areaId: ID = null' in shown
    assert "first: Int = null" in shown and "after: String = null\n  ): ThingConnection!" in shown


async def test_one_answers_the_thing_or_not_found_naming_id() -> None:
    schema = strawberry.Schema(query=Query)

    found = await schema.execute('{ thing(id: "t-1") { name } }')
    missing = await schema.execute('{ thing(id: "t-2") { name } }')

    assert found.data == {"thing": {"name": "kept"}}
    assert missing.errors and isinstance(missing.errors[0].original_error, NotFound)
    assert missing.errors[0].original_error.field == "id"


async def test_a_page_by_area_asks_the_service_for_that_area_s_page() -> None:
    asked: list[tuple[str, str, str, Any]] = []

    async def call(service: str, method: str, path: str, *, params: Any) -> Any:
        asked.append((service, method, path, params))
        page_info = {"hasNextPage": False, "endCursor": "c-1"}
        item = {"id": "t-1", "name": "kept"}
        return {"items": [item], "cursors": ["c-1"], "totalCount": 1, "pageInfo": page_info}

    context = _info(max_page=50).context
    context.call = call
    answer = await strawberry.Schema(query=Query).execute(
        '{ things(areaId: "a-1") { totalCount edges { node { name } } } }', context_value=context
    )

    assert answer.data == {"things": {"totalCount": 1, "edges": [{"node": {"name": "kept"}}]}}
    assert asked == [("things", "GET", "/things", {"areaId": "a-1", "first": 50})]
