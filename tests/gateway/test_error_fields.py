"""Every mutation, from the schema: a bad value in each field of its input is refused
with an error naming a field of that input (as the caller sent it: ``id``, not the
service's ``actorId``), and no answer repeats the value sent.

The values are made from each field's type: text and ids carry a marker (an id that
is no id, and one well formed that names nothing), numbers are far out of range,
enums, dates, flags and objects get the marker where they expect something else.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    is_required_input_field,
)

from tests.gateway.conftest import GraphQL, token
from trygnet_gateway.errors import REFUSED
from trygnet_gateway.schema import build_schema

MARKER = "Ahmed Hansen MARKER 4711"
WELL_FORMED = "zzmarker4711"
LEAKS = ("MARKER", "zzmarker", "Ahmed")
SCHEMA = build_schema()._schema
MUTATIONS = SCHEMA.mutation_type.fields if SCHEMA.mutation_type else {}
GOOD_SCALARS: dict[str, Any] = {
    "ID": "zzmarker4711",
    "String": "Tingbjerg",
    "Int": 1,
    "Float": 1.0,
    "Boolean": True,
    "Date": "2026-03-01",
    "DateTime": "2026-03-01T10:00:00+01:00",
    "JSON": {},
}


def _named(kind: GraphQLInputType) -> Any:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return kind


def good(kind: GraphQLInputType) -> Any:
    """A value of the type that the schema accepts (ids name nothing)."""
    if isinstance(kind, GraphQLNonNull):
        return good(kind.of_type)
    if isinstance(kind, GraphQLList):
        return [good(kind.of_type)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            name: good(field.type)
            for name, field in kind.fields.items()
            if is_required_input_field(field)
        }
    assert isinstance(kind, GraphQLScalarType)
    return GOOD_SCALARS[kind.name]


def bad(kind: GraphQLInputType) -> list[Any]:
    """Values of the field the service or the schema refuses, each with the marker."""
    named = _named(kind)
    wrapped = isinstance(kind, GraphQLNonNull) and isinstance(kind.of_type, GraphQLList)
    wrapped = wrapped or isinstance(kind, GraphQLList)
    if isinstance(named, GraphQLScalarType) and named.name == "ID":
        values: list[Any] = [MARKER, WELL_FORMED]
    elif isinstance(named, GraphQLScalarType) and named.name in ("Int", "Float"):
        values = [MARKER, 10**12 if named.name == "Float" else -(2**31)]
    elif isinstance(named, GraphQLScalarType) and named.name == "String":
        values = [MARKER * 400, f" {MARKER}\u0000"]
    elif isinstance(named, GraphQLScalarType) and named.name == "JSON":
        values = [{"type": MARKER, "coordinates": MARKER}]
    else:
        values = [MARKER]
    return [[value] for value in values] if wrapped else values


def cases() -> list[Any]:
    found = []
    for name, mutation in sorted(MUTATIONS.items()):
        argument = mutation.args.get("input")
        if argument is None:
            continue
        kind = _named(argument.type)
        for field_name, field in kind.fields.items():
            for number, value in enumerate(bad(field.type)):
                found.append(
                    pytest.param(
                        name, kind.name, field_name, value, id=f"{name}.{field_name}.{number}"
                    )
                )
    return found


def first_name(field: str) -> str:
    return re.split(r"[.\[]", field)[0]


@pytest.mark.parametrize(("mutation", "input_type", "field", "value"), cases())
async def test_a_bad_value_is_refused_naming_a_field_of_the_input_and_not_repeated(
    graphql: GraphQL, tenant: str, mutation: str, input_type: str, field: str, value: Any
) -> None:
    kind = SCHEMA.get_type(input_type)
    assert isinstance(kind, GraphQLInputObjectType)
    sent = {**good(kind), field: value}
    query = f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ __typename }} }}"
    body = await graphql(query, token(tenant, "coordinator"), input=sent)
    errors = body.get("errors") or []
    for error in errors:
        code = error["extensions"]["code"]
        assert code not in ("INTERNAL", "UNAVAILABLE"), error
        named = error["extensions"].get("field")
        if code in ("BAD_USER_INPUT", "NOT_FOUND"):
            # a NOT_FOUND may be of no input's field: the municipality has no strategy yet
            assert named or error["message"].endswith(" yet"), error
            assert not named or first_name(named) in {*kind.fields, "input"}, error
            assert not error["message"].endswith(REFUSED), error  # the services' words
    answer = json.dumps(body)
    for leak in LEAKS:
        assert leak not in answer, (leak, errors)


NAMED_BY_ID = [
    ("updateActor", "UpdateActorInput", {"name": "SSP"}),
    ("deactivateActor", "DeactivateActorInput", {}),
    ("renameArea", "RenameAreaInput", {"name": "Husum"}),
    ("retireArea", "RetireAreaInput", {}),
    ("updateContact", "UpdateContactInput", {"name": "Jens"}),
]


@pytest.mark.parametrize(("mutation", "input_type", "given"), NAMED_BY_ID)
async def test_an_id_that_names_nothing_is_an_error_of_id_as_the_input_calls_it(
    graphql: GraphQL, tenant: str, mutation: str, input_type: str, given: dict[str, Any]
) -> None:
    query = f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ position }} }}"
    body = await graphql(query, token(tenant, "coordinator"), input={"id": WELL_FORMED, **given})
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "id"}
    assert error["message"].endswith("with that id")


async def test_an_existing_entitys_bad_value_names_the_input_field(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    define = "mutation($input: DefineAreaInput!) { defineArea(input: $input) { area { id } } }"
    area = await graphql.ok(define, coordinator, input={"name": "Tingbjerg", "kind": "DISTRICT"})
    rename = "mutation($input: RenameAreaInput!) { renameArea(input: $input) { position } }"
    body = await graphql(
        rename, coordinator, input={"id": area["defineArea"]["area"]["id"], "name": MARKER * 50}
    )
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "name"}
    assert "MARKER" not in error["message"]
