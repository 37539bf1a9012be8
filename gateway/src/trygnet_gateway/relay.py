"""Relay connections over the services' pages (``{items, cursors, totalCount, pageInfo}``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import strawberry

T = TypeVar("T")


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


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    total_count: int
    edges: list[Edge[T]]
    page_info: PageInfo


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
