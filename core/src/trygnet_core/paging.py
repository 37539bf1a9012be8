"""Paged lists: keyset pages over a table with an opaque cursor, the same in every service.

    page = await fetch_page(conn, documents, conditions, key=(documents.c.title,
                            documents.c.stream_id), first=50, after=after)
    {"items": [...page.rows], "totalCount": page.total,
     "pageInfo": {"startCursor": ..., "endCursor": page.end_cursor,
                  "hasPreviousPage": ..., "hasNextPage": page.has_next}}

``hasPreviousPage`` follows the Relay specification for forward paging: true when the
page was asked for after a cursor (there are rows before it), false for the first page.

The cursor is the sort key of a page's last row as URL-safe text; one that this
list did not make is a 422 naming ``after``. A page is two queries: the rows (one
more than asked, to know if there is a next page) and the total count.
"""

from __future__ import annotations

import base64
import json
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
    descending: bool = False,
) -> Page:
    """Rows of ``source`` meeting ``conditions`` ordered by ``key`` (unique), after ``after``."""
    if not 1 <= first <= MAX_PAGE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE}", field="first")
    query = select(source).where(*conditions)
    if after:
        last = tuple_(*decode_cursor(after, len(key)))
        query = query.where(tuple_(*key) < last if descending else tuple_(*key) > last)
    order = [column.desc() if descending else column for column in key]
    rows = list((await conn.execute(query.order_by(*order).limit(first + 1))).all())
    total = (
        await conn.execute(select(func.count()).select_from(source).where(*conditions))
    ).scalar_one()
    page = rows[:first]
    cursors = [encode_cursor(*(getattr(row, column.name) for column in key)) for row in page]
    return Page(page, int(total), cursors, len(rows) > first, has_previous=bool(after))


def encode_cursor(*key: str | int) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


MAX_CURSOR = 2048
"""Characters in a cursor; one this module made is a few hundred at most."""
_SMALLEST, _LARGEST = -(2**63), 2**63 - 1  # what a BIGINT (and SQLite's INTEGER) holds
_MAX_TEXT = 1000


def decode_cursor(after: str, size: int) -> tuple[str | int, ...]:
    """The sort key ``encode_cursor`` made, of ``size`` parts, or ``BadUserInput``.

    Only what a sort key can hold gets through: integers a database column holds
    (a larger one made the database driver fail: a 500), text without the NUL
    character (PostgreSQL refuses it) and of a column's length; never a boolean
    (JSON's ``true`` is a Python ``int`` too), a float or a nested value.
    """
    key: Any = None
    if len(after) <= MAX_CURSOR:
        try:
            key = json.loads(base64.urlsafe_b64decode(after.encode()))
        except (ValueError, RecursionError):  # not base64, not JSON, or nested too deep
            key = None
    if not isinstance(key, list) or len(key) != size or not all(map(_sortable, key)):
        raise BadUserInput("after is not a cursor from this list", field="after")
    return tuple(key)


def _sortable(part: Any) -> bool:
    if isinstance(part, bool):
        return False
    if isinstance(part, int):
        return _SMALLEST <= part <= _LARGEST
    return isinstance(part, str) and len(part) <= _MAX_TEXT and "\x00" not in part
