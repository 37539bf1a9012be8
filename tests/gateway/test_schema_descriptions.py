"""Every element of the public schema is described (docs/api.md promises it): each type,
field, argument, input field and enum value, in the running schema and in the committed
``gateway/schema.graphql`` that integrators generate their clients from."""

from __future__ import annotations

from pathlib import Path

import graphql
import pytest

from trygnet_gateway.schema import build_schema
from trygnet_vocabulary import incidents as vocabulary
from trygnet_vocabulary.words import Word

SDL_FILE = Path(__file__).resolve().parents[2] / "gateway" / "schema.graphql"
BUILT_IN = frozenset({"String", "Int", "Float", "Boolean", "ID"})


def undescribed(schema: graphql.GraphQLSchema) -> list[str]:
    """Every type, field, argument, input field and enum value without a description."""
    missing: list[str] = []

    def check(described: object, what: str) -> None:
        if not (getattr(described, "description", None) or "").strip():
            missing.append(what)

    for name, kind in sorted(schema.type_map.items()):
        if name.startswith("__") or name in BUILT_IN:
            continue
        check(kind, f"type {name}")
        if isinstance(kind, graphql.GraphQLObjectType | graphql.GraphQLInterfaceType):
            for field_name, field in kind.fields.items():
                check(field, f"field {name}.{field_name}")
                for arg_name, arg in field.args.items():
                    check(arg, f"argument {name}.{field_name}({arg_name})")
        elif isinstance(kind, graphql.GraphQLInputObjectType):
            for field_name, field in kind.fields.items():
                check(field, f"input field {name}.{field_name}")
        elif isinstance(kind, graphql.GraphQLEnumType):
            for value_name, value in kind.values.items():
                check(value, f"enum value {name}.{value_name}")
    return missing


@pytest.mark.parametrize(
    "schema",
    [
        pytest.param(lambda: build_schema()._schema, id="running"),
        pytest.param(lambda: graphql.build_schema(SDL_FILE.read_text()), id="schema.graphql"),
    ],
)
def test_every_type_field_argument_and_enum_value_is_described(schema: object) -> None:
    missing = undescribed(schema())  # type: ignore[operator]
    assert not missing, "undescribed in the schema:\n  " + "\n  ".join(missing)


def test_the_check_finds_what_is_undescribed() -> None:
    bare = graphql.build_schema(
        '"A thing." type Query { "Described." a(x: Int): E b: Int }\n'
        'enum E { "One." ONE TWO }\ninput I { "Described." c: Int d: Int }\n'
        '"Extra." type Extra { "Uses I." e(i: I): Int }'
    )
    assert undescribed(bare) == [
        "type E",
        "enum value E.TWO",
        "argument Extra.e(i)",
        "type I",
        "input field I.d",
        "argument Query.a(x)",
        "field Query.b",
    ]


def test_an_enum_value_is_described_by_the_vocabulary_it_comes_from() -> None:
    """The words are written once, by the service that owns them: the schema shows them."""
    schema = build_schema()._schema
    severity_scale = schema.get_type("TaskPriority")
    assert isinstance(severity_scale, graphql.GraphQLEnumType)
    assert severity_scale.values["URGENT"].description == vocabulary.TaskPriority.URGENT.meaning
    assert severity_scale.description == vocabulary.TaskPriority.__doc__.strip()
    for word in Word.__subclasses__():
        assert all(member.meaning for member in word), f"{word.__name__} has a value without words"
