"""Relay connections over the services' pages (``{items, cursors, totalCount, pageInfo}``).

A list query takes its filters, ``first: First`` and ``after: After``, and answers
``await page(info, service, path, Item.of, first, after, areaId=area_id, ...)``: the
filters given, ``first`` checked against the largest page, as one call to the service.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeVar

import strawberry

if TYPE_CHECKING:
    from trygnet_gateway.context import Info

T = TypeVar("T")

First = Annotated[
    int | None,
    strawberry.argument(
        description="How many items at most: 1 to the largest page (100 unless the "
        "operator set another); without it, the largest page. Outside is BAD_USER_INPUT."
    ),
]

After = Annotated[
    str | None,
    strawberry.argument(
        description="The `endCursor` of the page before: the items that follow it. "
        "Without it, the first page."
    ),
]


@strawberry.type(description="Where a page is in its list (the Relay specification's).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="True when more items follow: pass `endCursor` as `after` to get them."
    )
    has_previous_page: bool = strawberry.field(
        description="True when the page was asked for `after` a cursor (items come before "
        "it); false for the first page. Lists page forward only."
    )
    start_cursor: str | None = strawberry.field(
        description="The cursor of the page's first item; null for an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last item; null for an empty page."
    )


@strawberry.type(description="One item of a list and its place in it.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(
        description="The item's place in the list: pass it as `after` for the items that "
        "follow. Opaque: do not take it apart."
    )


@strawberry.type(
    description="A page of a list (a Relay connection): its items in `edges`, and "
    "`pageInfo` to get the next page."
)
class Connection(Generic[T]):
    total_count: int = strawberry.field(
        description="How many items the whole list holds, over all pages (with the same filters)."
    )
    edges: list[Edge[T]] = strawberry.field(description="The page's items, in the list's order.")
    page_info: PageInfo = strawberry.field(
        description="Whether more follow, and the cursors to get them."
    )


def connection(page: Mapping[str, Any], node: Callable[[dict[str, Any]], T]) -> Connection[T]:
    """A service's page as a connection, each item turned into its node."""
    info = page["pageInfo"]
    return Connection(
        total_count=int(page["totalCount"]),
        edges=[
            Edge(node=node(item), cursor=cursor)
            for item, cursor in zip(page["items"], page["cursors"], strict=True)
        ],
        page_info=PageInfo(
            has_next_page=bool(info["hasNextPage"]),
            has_previous_page=bool(info.get("hasPreviousPage", False)),
            start_cursor=page["cursors"][0] if page["cursors"] else None,
            end_cursor=info["endCursor"],
        ),
    )


def page_query(info: Info, first: int | None, after: str | None, **filters: Any) -> dict[str, Any]:
    """The query of a page: the ``filters`` given (an enum as its value, a moment as ISO
    8601 text; those left out are not sent), ``first`` checked, and ``after``."""
    given = {name: query_value(value) for name, value in filters.items() if value is not None}
    return {
        **given,
        "first": info.context.page(first),
        **({} if after is None else {"after": after}),
    }


async def page(
    info: Info,
    service: str,
    path: str,
    node: Callable[[dict[str, Any]], T],
    first: int | None,
    after: str | None,
    **filters: Any,
) -> Connection[T]:
    """A page of ``path`` of ``service`` as a connection (``page_query``)."""
    query = page_query(info, first, after, **filters)
    return connection(await info.context.call(service, "GET", path, params=query), node)


def query_value(value: Any) -> Any:
    """A value as a query sends it: an enum as its value, a moment as ISO 8601 text."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
