"""What introspection costs: it is answered from the schema in memory, so its price is
about the number of values it answers, its lists bounded by the schema's own average
sizes (``query_cost`` prices the rest of a query as any other)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)

INTROSPECTION_VALUES_PER_UNIT: Final = 5
"""Introspection is answered from the schema in memory: about 2 µs a value, measured
(fifty copies of a whole introspection, 11 MB, in 2.1 s), against the unit's 10 µs."""

_BOUNDS_OF: dict[int, tuple[GraphQLSchema, Mapping[str, int]]] = {}


def introspection_bounds(schema: GraphQLSchema) -> Mapping[str, int]:
    """How many items each introspection list answers, on average over the schema (the
    types, a type's fields…): an introspection query's price is then about the number
    of values it answers. Worked out once per schema."""
    kept = _BOUNDS_OF.get(id(schema))
    if kept is not None and kept[0] is schema:
        return kept[1]
    types = list(schema.type_map.values())
    fields = [
        field
        for named in types
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
        for field in named.fields.values()
    ]

    def per(total: int, among: int) -> int:
        return max(1, -(-total // max(1, among)))

    bounds = {
        "__Schema.types": len(types),
        "__Schema.directives": len(schema.directives),
        "__Type.fields": per(len(fields), len(types)),
        "__Type.inputFields": per(
            sum(len(t.fields) for t in types if isinstance(t, GraphQLInputObjectType)),
            len(types),
        ),
        "__Type.enumValues": per(
            sum(len(t.values) for t in types if isinstance(t, GraphQLEnumType)), len(types)
        ),
        "__Type.interfaces": 1,
        "__Type.possibleTypes": 1,
        "__Field.args": per(sum(len(f.args) for f in fields), len(fields)),
        "__Directive.args": per(
            sum(len(d.args) for d in schema.directives), len(schema.directives)
        ),
    }
    _BOUNDS_OF[id(schema)] = (schema, bounds)
    return bounds
