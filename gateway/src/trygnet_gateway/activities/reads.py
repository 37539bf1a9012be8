"""How the activities' types read the activities service: one batched loader per kind
(``by_id``: the lookups of one tick are one call, ``fresh`` after a write), the strategy's
reads made once per query (``strategy_read``, ``forget_strategy`` after a write to it).
The actors and areas an item names are read as one batch by the actors domain's
``actors_by_id`` and ``areas_by_id``; a page of a kind is ``relay.page``. The actors
taking part in an activity or a partnership come as ``{actorId: role}`` (``in_roles``),
each an actor in a role (``in_role``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from trygnet_core.errors import NotFound
from trygnet_gateway.actors import actor_of
from trygnet_gateway.context import Info, load_one
from trygnet_gateway.vocabulary import PartnerRole

T = TypeVar("T")

SERVICE = "activities"


async def by_id(
    info: Info,
    kind: str,
    node: Callable[[dict[str, Any]], T],
    item_id: str,
    *,
    fresh: bool = False,
) -> T | None:
    """One item of a kind (``activities``, ``fora``, ...): lookups of one tick are one
    call. ``fresh`` after a write: a mutation later in the same request must not be
    answered what the loader cached before it."""
    context = info.context

    async def load(ids: list[str]) -> list[T | None]:
        params = [("id", i) for i in ids] + [("first", len(ids))]
        page = await context.call(SERVICE, "GET", f"/{kind}", params=params)
        known = {item["id"]: node(item) for item in page["items"]}
        return [known.get(i) for i in ids]

    loader = context.loader(f"{SERVICE}/{kind}", load)
    return await load_one(context, loader, item_id, node, fresh=fresh)


def in_roles(kind: Callable[..., T]) -> Callable[[dict[str, str] | None], list[T]]:
    """How a field reads an answer's ``{actorId: role}``: each actor as ``kind(actor_id=,
    role=)`` (``answers.answered_as(read=in_roles(kind))``)."""

    def read(roles: dict[str, str] | None) -> list[T]:
        answered = (roles or {}).items()
        return [kind(actor_id=actor, role=PartnerRole(role)) for actor, role in answered]

    return read


def in_role(description: str, *, role: str, actor: str) -> Callable[[type[T]], type[T]]:
    """The class as the GraphQL type ``description`` of an actor in a role, as ``in_roles``
    reads it: the actor's id (private), its ``role`` and the ``actor`` itself."""

    def made(cls: type[T]) -> type[T]:
        cls.__annotations__ = {"actor_id": strawberry.Private[str], "role": PartnerRole}
        shown = {
            "role": strawberry.field(description=role),
            "actor": strawberry.field(resolver=actor_of("actor_id"), description=actor),
        }
        for name, field in shown.items():
            setattr(cls, name, field)
        return strawberry.type(cls, description=description)

    return made


def forget_strategy(info: Info) -> None:
    """After a write to the strategy: its reads are made again."""
    _strategy_loader(info).clear_all()


async def strategy_read(info: Info, path: str) -> Any:
    """``/strategy`` and its records, each read once per query however many ask;
    ``None`` before the strategy is adopted."""
    return await _strategy_loader(info).load(path)


def _strategy_loader(info: Info) -> DataLoader[str, Any]:
    context = info.context

    async def load(paths: list[str]) -> list[Any]:
        async def one(p: str) -> Any:
            try:
                return await context.call(SERVICE, "GET", p)
            except NotFound:
                return None

        return list(await asyncio.gather(*(one(p) for p in paths)))

    return context.loader(f"{SERVICE}/strategy", load)
