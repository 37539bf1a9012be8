"""The root fields every kind of entity has, each one line of its domain's ``Query``:
one entity by id (``one``) and a page of them, of one area or of all (``page_by_area``).

    partnerships = page_by_area(SERVICE, "/partnerships", Partnership, "Partnerships, by "
                                "name.", area="Only partnerships covering this area.")
    partnership = one(partnership_by_id, Partnership, "partnership")

is the GraphQL ``partnerships(areaId: ID, first: Int, after: String):
PartnershipConnection!`` and ``partnership(id: ID!): Partnership!`` (NOT_FOUND for an id
the municipality does not hold). A root field with other arguments is written out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Protocol, TypeVar

import strawberry

from trygnet_gateway.context import Info, found
from trygnet_gateway.relay import After, Connection, First, page

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

ONE = "One %s; NOT_FOUND for an id not in the municipality."
"""The description of ``one``'s field unless another is given: ``ONE % "activity"``."""


class Answered(Protocol[T_co]):
    """A type read from a service's answer by its ``of``."""

    def of(self, item: dict[str, Any], /) -> T_co: ...


def one(
    load: Callable[[Info, str], Awaitable[T | None]],
    kind: type[T],
    thing: str,
    *,
    about_id: str | None = None,
    description: str | None = None,
) -> Any:
    """The root field of one ``thing`` by its ``id`` (``about_id``, else "The thing's
    id."), read with ``load``: NOT_FOUND naming ``id`` when it answers none."""

    async def resolve(root: Any, info: Info, id: strawberry.ID) -> T:
        return found(await load(info, id), thing)

    about = about_id or f"The {thing}'s id."
    resolve.__annotations__ = {
        "root": Any,
        "info": Info,
        "id": Annotated[strawberry.ID, strawberry.argument(description=about)],
        "return": kind,
    }
    return strawberry.field(resolver=resolve, description=description or ONE % thing)


def page_by_area(service: str, path: str, kind: Answered[T], description: str, *, area: str) -> Any:
    """The root field of a page of ``path`` of ``service`` (``relay.page``), each item
    read by ``kind.of``: of the area ``areaId`` names (described ``area``), or of all."""

    async def resolve(
        root: Any,
        info: Info,
        area_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[T]:
        return await page(info, service, path, kind.of, first, after, areaId=area_id)

    resolve.__annotations__ = {
        "root": Any,
        "info": Info,
        "area_id": Annotated[strawberry.ID | None, strawberry.argument(description=area)],
        "first": First,
        "after": After,
        "return": Connection[kind],  # type: ignore[valid-type]  # for strawberry, at run time
    }
    return strawberry.field(resolver=resolve, description=description)
