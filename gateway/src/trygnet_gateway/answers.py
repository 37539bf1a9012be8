"""A GraphQL type read from a service's camelCase answer, by the type's own fields.

Most types copy what a service answers: ``areaId`` becomes ``area_id``, an enum's
value its member, ISO 8601 text a date, a list of objects a list of their types. So
a type lists its fields once (its annotations) and ``of_answer`` reads each one under
its camelCase name, converted by the field's GraphQL type; what a type computes (or
finds elsewhere in the answer) is ``given``:

    of_answer(SituationDecision, item, overdue=overdue)

A field the answer leaves out (or gives as empty text) is null where the type allows it;
a list left out is empty, a flag false; any other is refused as the read of a missing
key would be. A private field (``strawberry.Private``) is taken as the service answered
it. An object the service answers as a short tuple (a pair of ids, an interval) is read
as its fields in their order (``of_values``).

A field the answer names otherwise, or gives in another shape, says so where it is
declared, so a type that needs nothing ``given`` takes its ``of`` from ``FromAnswer``:

    class Area(FromAnswer):
        id: strawberry.ID = strawberry.field(description=…, metadata=answered_as("areaId"))
        area_ids: strawberry.Private[list[str]] = kept("areas", many=True)
        roles: list[Role] = strawberry.field(description=…, metadata=answered_as(read=roles_of))

Each type's readers are made once (``_readers``), so an answer of many objects (a
network's nodes and ties) is read without looking at the types again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, Self, TypeVar

from strawberry.types.base import (
    StrawberryList,
    StrawberryOptional,
    has_object_definition,
)
from strawberry.types.enum import StrawberryEnumDefinition
from strawberry.types.private import is_private

from trygnet_gateway.input_fields import camel

T = TypeVar("T")
Reader = Callable[[Mapping[str, Any]], Any]

_PRIVATE = object()  # a field GraphQL does not show: the answer's value as it is
_PRIVATE_LIST = object()  # ... a list of them: empty when left out
_KEY = "trygnet.answer_key"
_MANY = "trygnet.answer_many"
_READ = "trygnet.answer_read"
_FROM_TEXT: dict[Any, Any] = {
    date: lambda text: date.fromisoformat(text[:10]),  # the day of a moment too
    datetime: datetime.fromisoformat,
}
_NUMBERS = (int, float, bool)
_KNOWN: dict[type[Any], tuple[tuple[str, str, Any], ...]] = {}
_READERS: dict[type[Any], tuple[tuple[str, Reader], ...]] = {}
_CONVERTERS: dict[int, tuple[Any, Callable[[Any], Any]]] = {}


def of_answer(cls: type[T], item: Mapping[str, Any], **given: Any) -> T:
    """``cls`` from ``item``: the fields ``given`` as they are, every other one read."""
    readers = _readers(cls)
    if not given:
        return cls(**{name: read(item) for name, read in readers})
    read = {name: reader(item) for name, reader in readers if name not in given}
    return cls(**read, **given)


def of_values(cls: type[T], values: Iterable[Any]) -> T:
    """``cls`` from the values of its fields in their order, as a service answers a
    short tuple: ``[12.5, 30.1]`` is ``WilsonInterval(low=12.5, high=30.1)``."""
    return of_answer(cls, dict(zip((key for _, key, _ in _fields(cls)), values, strict=True)))


def of_counts(cls: type[T], counts: Mapping[str, Any]) -> list[T]:
    """A ``cls`` of two fields, a word and how many, for each of ``counts`` in its order:
    ``{"frontline": 3}`` is ``[LevelCount(level=Level.FRONTLINE, actors=3)]``."""
    return [of_values(cls, pair) for pair in counts.items()]


def answered_as(
    key: str | None = None, *, read: Callable[[Any], Any] | None = None
) -> dict[str, Any]:
    """The metadata (``strawberry.field(…, metadata=)``) of a field the answer names
    ``key``, or whose value is ``read(the answer's value)`` (``None`` if left out)."""
    return {_KEY: key, _READ: read}


def kept(key: str, *, many: bool = False) -> Any:
    """A private field read from the answer's ``key`` as it is (``many``: a list, empty
    when left out)."""
    return dataclasses.field(metadata={_KEY: key, _MANY: many})


class FromAnswer:
    """A type read from a service's answer by its own fields alone: ``X.of(item)``."""

    @classmethod
    def of(cls, item: Mapping[str, Any]) -> Self:
        return of_answer(cls, item)


def _fields(cls: type[Any]) -> tuple[tuple[str, str, Any], ...]:
    """``(name, key, GraphQL type)`` of each field the constructor takes: the key is the
    field's GraphQL name (``from`` for ``from_``), as every service's answer names it,
    or the one it is ``answered_as``."""
    if (known := _KNOWN.get(cls)) is not None:
        return known
    definition = cls.__strawberry_definition__
    shown = {f.python_name: f for f in definition.fields if not is_private(f.type)}
    _KNOWN[cls] = tuple(_read_as(f, shown.get(f.name)) for f in dataclasses.fields(cls) if f.init)
    return _KNOWN[cls]


def _read_as(field: dataclasses.Field[Any], shown: Any) -> tuple[str, str, Any]:
    key = field.metadata.get(_KEY)
    if shown is None:
        private = _PRIVATE_LIST if field.metadata.get(_MANY) else _PRIVATE
        return field.name, key or camel(field.name), private
    read = field.metadata.get(_READ)
    kind = shown.type if read is None else _ReadWith(read)
    return field.name, key or shown.graphql_name or camel(field.name), kind


@dataclasses.dataclass(frozen=True)
class _ReadWith:
    read: Callable[[Any], Any]


def _readers(cls: type[Any]) -> tuple[tuple[str, Reader], ...]:
    """``(name, read)`` of each field of ``cls``: ``read(item)`` is the field's value."""
    if (known := _READERS.get(cls)) is not None:
        return known
    _READERS[cls] = tuple((name, _reader(kind, key)) for name, key, kind in _fields(cls))
    return _READERS[cls]


def _reader(kind: Any, key: str) -> Reader:
    if isinstance(kind, _ReadWith):
        read = kind.read
        return lambda item: read(item.get(key))
    if kind is _PRIVATE_LIST:
        return lambda item: list(item.get(key) or ())
    if kind is _PRIVATE:
        return lambda item: item.get(key)
    convert = _converter(kind)
    if isinstance(kind, StrawberryOptional):
        return lambda item: convert(item.get(key))
    if kind is bool:
        return lambda item: convert(item.get(key, False))
    if isinstance(kind, StrawberryList):
        return lambda item: convert(item.get(key) or [])
    return lambda item: convert(item[key])


def _converter(kind: Any) -> Callable[[Any], Any]:
    """How a value of GraphQL type ``kind`` is read from the answer, made once per type."""
    if (known := _CONVERTERS.get(id(kind))) is not None:
        return known[1]
    convert = _convert(kind)
    _CONVERTERS[id(kind)] = (kind, convert)  # the type kept, so its id stays its own
    return convert


def _convert(kind: Any) -> Callable[[Any], Any]:
    if isinstance(kind, StrawberryOptional):
        inner = _converter(kind.of_type)
        return lambda value: None if value is None or value == "" else inner(value)
    if isinstance(kind, StrawberryList):
        each = _converter(kind.of_type)
        return lambda value: [each(one) for one in value or ()]
    if isinstance(kind, StrawberryEnumDefinition):
        return _member_of(kind.wrapped_cls)
    if has_object_definition(kind):
        return lambda value: (
            of_values(kind, value) if isinstance(value, list | tuple) else of_answer(kind, value)
        )
    if kind in _FROM_TEXT:
        return _FROM_TEXT[kind]  # type: ignore[no-any-return]
    if kind in _NUMBERS:
        return kind  # type: ignore[no-any-return]
    return _as_it_is


def _member_of(enum: type[Any]) -> Callable[[Any], Any]:
    """An enum's member by its value, looked up in a dictionary (calling the enum
    costs ten times as much, and a network's nodes hold a few hundred); a value of no
    member is refused by the enum itself."""
    members = {member.value: member for member in enum}

    def member(value: Any) -> Any:
        found = members.get(value)
        return enum(value) if found is None else found

    return member


def _as_it_is(value: Any) -> Any:
    return value
