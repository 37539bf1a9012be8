"""``keys_in``: the rows whose composite key is one of many, found through the key's
index on every database.

``tuple_(a, b, c).in_([...])`` is the natural way to ask for many rows by a key of
several columns, and PostgreSQL answers it through the index. SQLite does not: for a
list of two or more row values its planner searches the index by the columns compared
with ``=`` elsewhere in the query, if any, and filters everything else, so a consumer's
applied versions (``consumer_streams``), reporting's documents (``report_docs``) and a
command's activity documents were each read by a scan of every row of the table (or of
the consumer): a cost that grew with every stream ever written. (Measured: 400 keys
among 50,000 documents, 12.4 ms by the row-value list, 1.3 ms here; among 100,000
streams of one consumer, 10 keys, 11.9 ms against 0.02 ms.)

On SQLite the keys are therefore sent as one JSON array of arrays and the same row
value is compared with ``SELECT value ->> 0, value ->> 1, ... FROM json_each(?)``, which
SQLite's planner does take through the index, one search per key. Elsewhere it is the
row-value ``IN`` with an expanding parameter. Either way the statement is built and
compiled once, and the caller passes the keys as a list of tuples under ``name``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, Final, TypeVar

from sqlalchemy import String, bindparam, tuple_
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import NullType, TypeDecorator

K = TypeVar("K")


class _KeysAsJson(TypeDecorator[Any]):
    """SQLite's side: the list of keys as one JSON text."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str:
        return json.dumps([list(key) for key in value], separators=(",", ":"))


class KeysIn(ColumnElement[bool]):
    """``(columns) IN :name``, by the index on SQLite too (the module's docstring)."""

    __visit_name__ = "keys_in"
    inherit_cache = True
    type = NullType()  # type: ignore[assignment]
    """Not ``Boolean``: SQLite would be sent ``... = 1``, which its planner does not take
    through the index either."""
    _traverse_internals = [
        ("columns", InternalTraversal.dp_clauseelement_tuple),
        ("name", InternalTraversal.dp_string),
    ]

    def __init__(self, columns: Sequence[ColumnElement[Any]], name: str) -> None:
        self.columns = tuple(columns)
        self.name = name


def keys_in(columns: Sequence[ColumnElement[Any]], name: str = "keys") -> KeysIn:
    """The condition that a row's ``columns`` are one of the keys given as ``name``
    (at most ``KEYS_AT_ONCE`` of them: ``key_chunks``)."""
    return KeysIn(columns, name)


KEYS_AT_ONCE: Final = 400
"""Keys one statement is given at most: PostgreSQL takes at most 32,767 parameters a
statement, and a key of three columns is three of them."""


def key_chunks(keys: Sequence[K]) -> Iterator[Sequence[K]]:
    """``keys`` in runs of at most ``KEYS_AT_ONCE``, in order: one statement each."""
    for start in range(0, len(keys), KEYS_AT_ONCE):
        yield keys[start : start + KEYS_AT_ONCE]


@compiles(KeysIn)
def _row_values(element: KeysIn, compiler: SQLCompiler, **kw: Any) -> str:
    condition = tuple_(*element.columns).in_(bindparam(element.name, expanding=True))
    return str(compiler.process(condition, **kw))


@compiles(KeysIn, "sqlite")
def _json_each(element: KeysIn, compiler: SQLCompiler, **kw: Any) -> str:
    row = ", ".join(str(compiler.process(column, **kw)) for column in element.columns)
    values = ", ".join(f"value ->> {i}" for i in range(len(element.columns)))
    keys = compiler.process(bindparam(element.name, type_=_KeysAsJson()), **kw)
    # only compiled column names and a bound parameter go in: no value is ever in the text
    return f"({row}) IN (SELECT {values} FROM json_each({keys}))"  # noqa: S608
