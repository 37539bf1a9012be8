"""What every resolver gets: the caller (from the bearer token only), the services,
the limits, and this request's DataLoaders."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Awaitable, Callable, Hashable, Iterable
from typing import Any, TypeVar, Unpack

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from trygnet_core.auth import Principal, TokenVerifier
from trygnet_core.errors import BadUserInput, NotFound, TrygnetError, Unauthenticated
from trygnet_gateway.clients import Sent, Services
from trygnet_gateway.settings import Limits

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class Context(BaseContext):
    def __init__(
        self,
        *,
        services: Services,
        verifier: TokenVerifier,
        limits: Limits,
        token: str | None,
    ) -> None:
        super().__init__()
        self.services = services
        self.verifier = verifier
        self.limits = limits
        self.token = token
        self._principal: Principal | None = None
        self._rejection: TrygnetError | None = None
        self._loaders: dict[str, DataLoader[Any, Any]] = {}
        self.app_state: Any = None
        """The app's state (the subscription hub lives there)."""
        self.writes_made: Counter[str] = Counter()
        """Writes sent per mutation of this request (``idempotency.key_headers``)."""
        self.represented: dict[str, dict[str, Any]] = {}
        """What a write of this request changed, as the service answered it, by id
        (``writes.write``): taken by the next read of it instead of a call."""

    @property
    def bearer(self) -> str | None:
        """The bearer token: the request's ``Authorization`` header or, on a WebSocket,
        the ``connection_init`` payload's ``{"Authorization": "Bearer …"}``."""
        if self.token is None and isinstance(self.connection_params, dict):
            given = self.connection_params.get("Authorization")
            given = given or self.connection_params.get("authorization")
            if isinstance(given, str) and given[:7].lower() == "bearer ":
                self.token = given[7:].strip() or None
        return self.token

    @property
    def principal(self) -> Principal:
        """The caller, verified; ``UNAUTHENTICATED`` without a valid token."""
        if self._principal is None:
            if self._rejection is None:
                try:
                    self._principal = self.verifier.verify(self.bearer)
                except TrygnetError as error:
                    self._rejection = error
            if self._principal is None:
                raise self._rejection or Unauthenticated("a bearer token is needed")
        return self._principal

    async def call(
        self,
        service: str,
        method: str,
        path: str,
        **sent: Unpack[Sent],
    ) -> Any:
        """A service call as the caller (whose token is verified here first)."""
        self.principal  # noqa: B018 (verify before calling anyone)
        assert self.token is not None
        return await self.services.call(service, method, path, token=self.token, **sent)

    def loader(self, name: str, load: Callable[[list[K]], Awaitable[list[V]]]) -> DataLoader[K, V]:
        """This request's loader of that name: lookups made in one tick go as one batch."""
        found = self._loaders.get(name)
        if found is None:
            found = DataLoader(load_fn=load, max_batch_size=self.limits.max_page)
            self._loaders[name] = found
        return found

    def forget_everything(self) -> None:
        """Drop every loader of this request (after a write nothing read back)."""
        self._loaders.clear()

    def page(self, first: int | None) -> int:
        """``first`` checked against the largest page."""
        size = self.limits.max_page if first is None else first
        if not 1 <= size <= self.limits.max_page:
            raise BadUserInput(f"first must be between 1 and {self.limits.max_page}", field="first")
        return size


def found(value: T | None, what: str, field: str = "id") -> T:
    """``NOT_FOUND`` for an id that is not the caller's municipality's (or does not exist)."""
    if value is None:
        raise NotFound(f"no {what} with that id", field=field)
    return value


async def load_one(
    context: Context,
    loader: DataLoader[str, T],
    key: str,
    node: Callable[[dict[str, Any]], Any],
    *,
    fresh: bool = False,
) -> T:
    """What ``loader`` holds of ``key``: read with the others of this tick as one batch;
    ``fresh`` after a write to it (``read_again``), so a later read in the same request
    is not answered what the loader held before the write."""
    if fresh:
        read_again(context, loader, key, node)
    return await loader.load(key)


def read_again(
    context: Context, loader: DataLoader[str, Any], key: str, node: Callable[[dict[str, Any]], Any]
) -> None:
    """After a write to ``key``: the loader forgets what it held, and holds what the write
    answered instead, where the service answered it (no call then)."""
    forget(loader, key)
    if (shown := context.represented.pop(key, None)) is not None:
        loader.prime(key, node(shown))


def forget(loader: DataLoader[Any, Any], *keys: Hashable) -> None:
    """Drop what this request's loader holds of those keys, so a read after a write
    goes to the service (Strawberry's ``clear`` raises for a key never loaded)."""
    for key in keys:
        with contextlib.suppress(KeyError):
            loader.clear(key)


Info = strawberry.Info[Context, None]


async def each(
    info: Info, ids: Iterable[str], load: Callable[[Info, str], Awaitable[V | None]]
) -> list[V]:
    """The objects of those ids that exist, in the order given, asked for in one tick
    (one batch of the loader ``load`` reads through)."""
    loaded = await asyncio.gather(*(load(info, i) for i in ids))
    return [item for item in loaded if item is not None]
