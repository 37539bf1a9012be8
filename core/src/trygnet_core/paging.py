"""Paged lists: keyset pages over a table with an opaque cursor, the same in every service.

    page = await fetch_page(conn, documents, conditions, key=(documents.c.title,
                            documents.c.stream_id), first=50, after=after)
    {"items": [...page.rows], "totalCount": page.total,
     "pageInfo": {"startCursor": ..., "endCursor": page.end_cursor,
                  "hasPreviousPage": ..., "hasNextPage": page.has_next}}

``hasPreviousPage`` follows the Relay specification for forward paging: true when the
page was asked for after a cursor (there are rows before it), false for the first page.

A cursor is opaque and tamper-evident (``Cursors``): a version, the sort key of its
row as URL-safe text, and an HMAC-SHA256 of both with the platform's cursor key, so
a cursor edited or made up by a client is a 422 naming ``after`` before anything is
read, and a change of its layout is a new version. A page is two queries: the rows
(one more than asked, to know if there is a next page) and the total count.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.errors import BadUserInput

MAX_PAGE = 200


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    total: int
    cursors: list[str]
    has_next: bool
    has_previous: bool = False

    @property
    def start_cursor(self) -> str | None:
        return self.cursors[0] if self.cursors else None

    @property
    def end_cursor(self) -> str | None:
        return self.cursors[-1] if self.cursors else None

    def answer(self, items: list[Any]) -> dict[str, Any]:
        """The REST shape of a page whose rows became ``items``; ``cursors`` holds each
        item's cursor, for clients that page from any item (Relay edges)."""
        return {
            "items": items,
            "cursors": self.cursors,
            "totalCount": self.total,
            "pageInfo": {
                "startCursor": self.start_cursor,
                "endCursor": self.end_cursor,
                "hasPreviousPage": self.has_previous,
                "hasNextPage": self.has_next,
            },
        }


async def fetch_page(
    conn: AsyncConnection,
    source: FromClause,
    conditions: Sequence[ColumnElement[bool]],
    *,
    key: Sequence[Any],
    first: int,
    after: str | None,
    cursors: Cursors,
    descending: bool = False,
) -> Page:
    """Rows of ``source`` meeting ``conditions`` ordered by ``key`` (unique), after ``after``."""
    if not 1 <= first <= MAX_PAGE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE}", field="first")
    query = select(source).where(*conditions)
    if after:
        last = tuple_(*cursors.decode(after, len(key)))
        query = query.where(tuple_(*key) < last if descending else tuple_(*key) > last)
    order = [column.desc() if descending else column for column in key]
    rows = list((await conn.execute(query.order_by(*order).limit(first + 1))).all())
    total = (
        await conn.execute(select(func.count()).select_from(source).where(*conditions))
    ).scalar_one()
    page = rows[:first]
    made = [cursors.encode(*(getattr(row, column.name) for column in key)) for row in page]
    return Page(page, int(total), made, len(rows) > first, has_previous=bool(after))


MAX_CURSOR = 2048
"""Characters in a cursor; one this module made is a few hundred at most."""
_SMALLEST, _LARGEST = -(2**63), 2**63 - 1  # what a BIGINT (and SQLite's INTEGER) holds
_MAX_TEXT = 1000
VERSION = "v1"
_SIGNATURE_BYTES = 16


class Cursors:
    """Makes and reads the cursors of every list with one key (``cursor_key``): each
    service's replicas, and the services among themselves, read each other's."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("the cursor key must be at least 32 bytes")
        self._key = key

    def _signature(self, payload: str) -> str:
        digest = hmac.new(self._key, f"{VERSION}.{payload}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:_SIGNATURE_BYTES]).decode().rstrip("=")

    def encode(self, *key: str | int) -> str:
        return self.signed(list(key))

    def signed(self, value: Any) -> str:
        """Any JSON value as a signed cursor (``encode`` signs a sort key)."""
        payload = base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
        return f"{VERSION}.{payload}.{self._signature(payload)}"

    def decode(self, after: str, size: int) -> tuple[str | int, ...]:
        """The sort key ``encode`` made, of ``size`` parts, or ``BadUserInput``.

        The signature is checked first (in constant time), so nothing a client made
        up is parsed. Only what a sort key can hold gets through then: integers a
        database column holds, text without the NUL character and of a column's
        length; never a boolean, a float or a nested value.
        """
        key: Any = None
        parts = after.split(".") if len(after) <= MAX_CURSOR else []
        if len(parts) == 3 and parts[0] == VERSION:
            expected = self._signature(parts[1])
            if hmac.compare_digest(expected.encode(), parts[2].encode()):
                try:
                    padded = parts[1] + "=" * (-len(parts[1]) % 4)
                    key = json.loads(base64.urlsafe_b64decode(padded.encode()))
                except (ValueError, RecursionError):
                    key = None
        if not isinstance(key, list) or len(key) != size or not all(map(_sortable, key)):
            raise BadUserInput("after is not a cursor from this list", field="after")
        return tuple(key)


def cursor_key(auth_dev_secret: str | None, *, dev_mode: bool, environ: Any = None) -> bytes:
    """``TRYGNET_CURSOR_KEY`` (at least 32 bytes, the same for every service and the
    gateway); in development, when it is not set, a key derived from the development
    token secret. Outside development it must be set: a key of each process's own
    would make one replica's cursors another's 422."""
    env = os.environ if environ is None else environ
    given = (env.get("TRYGNET_CURSOR_KEY") or "").strip()
    if given:
        return given.encode()
    if dev_mode:
        seed = (auth_dev_secret or "trygnet development").encode()
        return hmac.new(seed, b"trygnet cursors", hashlib.sha256).digest()
    raise ValueError("TRYGNET_CURSOR_KEY is not set: every service needs the same cursor key")


def _sortable(part: Any) -> bool:
    if isinstance(part, bool):
        return False
    if isinstance(part, int):
        return _SMALLEST <= part <= _LARGEST
    return isinstance(part, str) and len(part) <= _MAX_TEXT and "\x00" not in part
