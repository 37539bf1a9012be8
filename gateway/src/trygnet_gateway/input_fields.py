"""A write's error names the field of the GraphQL input as the caller sent it.

A mutation's ``input`` becomes a service's command: most fields go into the JSON body
under the same names, an id may go into the path (``updateActor``'s ``id`` into
``/actors/{id}``), ``expectedVersion`` into ``If-Match``. The service names what it
refuses in its own terms (``actorId``, ``If-Match``, ``body``); here each becomes the
input's field again (``id``, ``expectedVersion``, the field holding the text), so an
integrator can put the error beside the field it filled in. A service's id field
that is no part of the input (the municipality's strategy) is left out; what the
caller sent beside the input (the ``Idempotency-Key`` header) keeps its name.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import Any

from strawberry.types.unset import UNSET

from trygnet_core.errors import BadUserInput, TrygnetError

_HEAD = re.compile(r"^([^.\[]*)(.*)$", re.S)
_SENT_ANOTHER_WAY = {"If-Match": "expectedVersion"}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def input_fields(value: Any) -> set[str]:
    """The GraphQL names of an input's fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {camel(f.name) for f in dataclasses.fields(value)}
    return set()


def as_sent(error: TrygnetError, input: Any, in_path: Sequence[str]) -> TrygnetError:
    """``error`` naming the input's field (``in_path``: the input fields in the path)."""
    field = error.field
    fields = input_fields(input)
    if not field or not fields:
        return error
    head, rest = _HEAD.match(field).groups()  # type: ignore[union-attr]
    if head in fields:
        return error
    if head in _SENT_ANOTHER_WAY:
        named: str | None = _SENT_ANOTHER_WAY[head]
    elif head.endswith("Id"):
        named = _in_path(head, in_path)
        named = named + rest if named else None
    else:  # what the caller sent beside the input: the Idempotency-Key header
        return error
    answered = type(error)(error.detail, field=named)
    answered.__cause__ = error.__cause__
    return answered


def _in_path(head: str, in_path: Sequence[str]) -> str | None:
    """The path's input field a service's id field stands for: the one whose name ends
    the service's (``walkId`` for ``safetyWalkId``), else the path's only one (``id``
    for ``actorId``)."""
    names = [camel(name) for name in in_path]
    ending = [name for name in names if head.endswith(name[:1].upper() + name[1:])]
    if len(ending) == 1:
        return ending[0]
    return names[0] if len(names) == 1 else None


def refuse_nul_characters(input: Any) -> None:
    """PostgreSQL's text cannot hold U+0000, and every service refuses a body holding
    it; refused here, naming the field that holds it."""
    for where, text in _texts(input, ""):
        if "\x00" in text:
            raise BadUserInput(
                f"{where} holds the NUL character (U+0000), which Trygnet does not store",
                field=where,
            )


def _texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            inner = getattr(value, f.name)
            if inner is not UNSET:
                name = camel(f.name)
                yield from _texts(inner, f"{where}.{name}" if where else name)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}" if where else str(key))


def of_the_file(error: TrygnetError, field: str) -> TrygnetError:
    """An import's refusal of the whole file (a column missing, a line too long), which
    the service names by its column or ``file``, as an error of the input's ``field``
    that holds the file; the message says which column or line."""
    if error.code not in ("BAD_USER_INPUT", "TOO_LARGE"):
        return error
    answered = type(error)(error.detail, field=field)
    answered.__cause__ = error.__cause__
    return answered
