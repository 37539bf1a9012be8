"""A state's JSON in the words of the wire: camelCase field names, ids kept as they are.

A service keeps a state as JSON in its own (snake_case) field names, which its tags and
filters use; its reads answer the same JSON with the names camelCase, like every other
wire. The state's type says which keys are names: a dataclass's fields, and the keys of
a record (a mapping of ``Any``: ``{follow_up_id, actor_id, due}``, nested too), are
names; the keys of a mapping of anything else (``{actor id: role}``, ``{meeting id:
minutes}``) are ids, kept as they are.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

from trygnet_core.checks import camel


def camel_json(hint: Any, value: Any) -> Any:
    """``value``, the JSON of a ``hint`` (a state or event type), with its names camelCase."""
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        concrete = [a for a in args if a is not type(None)]
        return camel_json(concrete[0], value) if len(concrete) == 1 else camel_keys(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, Mapping):
        fields = _field_types(hint)
        return {camel(k): camel_json(fields.get(k, Any), v) for k, v in value.items()}
    if origin in (dict, Mapping) and isinstance(value, Mapping):
        inner = args[1] if args else Any
        if inner is Any:
            return camel_keys(value)
        return {k: camel_json(inner, v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_json(args[0] if args else Any, item) for item in value]
    return camel_keys(value) if hint is Any else value


def camel_keys(value: Any) -> Any:
    """A record's keys camelCase, in nested records too."""
    return renamed_keys(value, camel)


def renamed_keys(value: Any, name: Callable[[str], str]) -> Any:
    """A record's keys renamed by ``name``, in nested records too."""
    if isinstance(value, Mapping):
        return {name(str(k)): renamed_keys(v, name) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed_keys(item, name) for item in value]
    return value


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
