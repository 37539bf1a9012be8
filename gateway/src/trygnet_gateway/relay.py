"""Relay connections over the services' pages (``{items, cursors, totalCount, pageInfo}``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import strawberry

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


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
        page_info=PageInfo(has_next_page=bool(info["hasNextPage"]), end_cursor=info["endCursor"]),
    )
