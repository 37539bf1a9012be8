"""How the portal asks the gateway: the generated, typed client (``client/``, from
``gateway/schema.graphql`` and the ``queries/*.graphql`` the pages ask) over one pool
of HTTP connections, each call carrying the signed-in person's own token and nothing
else. Nothing answered is kept after the page is rendered.

A page asks for its parts one query each (``ask``), so a part whose service is down
shows its own error ("the collaboration network is unavailable") while the rest of
the page works. The gateway's codes decide what a person sees: ``NOT_FOUND`` (an id
of another municipality, too) is the portal's 404 page, ``UNAUTHENTICATED`` signs
them out, ``FORBIDDEN`` says the part is not open to their role, ``UNAVAILABLE`` and
``TIMEOUT`` say it is unavailable."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Collection
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

import httpx

from trygnet_portal.client.async_base_client import Response
from trygnet_portal.client.exceptions import (
    GraphQLClientError,
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
)
from trygnet_portal.client.gateway import Gateway

log = logging.getLogger(__name__)
T = TypeVar("T")

_UNAVAILABLE: Final = frozenset({"UNAVAILABLE", "TIMEOUT", "RATE_LIMITED"})


class NotFound(Exception):
    """The thing asked for is not there for this person: the portal's 404 page."""


class SignedOut(Exception):
    """The gateway no longer accepts the person's token: sign in again."""


@dataclass(frozen=True)
class Failure:
    """A part of a page that could not be shown, and why, in the person's words."""

    part: str
    """Its message key: ``part.network``."""
    reason: Literal["unavailable", "forbidden", "failed"]


class _Authorised:
    """The shared connection pool, with one person's token on every request."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self._http = http
        self._authorization = f"Bearer {token}"

    async def post(
        self,
        url: Any,
        json: Any | None = None,
        data: Any | None = None,
        files: Any | None = None,
        headers: Any | None = None,
        **kwargs: Any,
    ) -> Response:
        sent = {**(headers or {}), "Authorization": self._authorization}
        return await self._http.post(url, json=json, data=data, files=files, headers=sent)

    async def aclose(self) -> None:
        """The pool is the portal's, not this person's: nothing to close."""


def gateway_for(http: httpx.AsyncClient, url: str, token: str) -> Gateway:
    """The typed client for one person's requests."""
    return Gateway(url=url, http_client=_Authorised(http, token))


def _codes(failure: GraphQLClientGraphQLMultiError) -> set[str]:
    return {str((error.extensions or {}).get("code", "INTERNAL")) for error in failure.errors}


async def ask(
    part: str, call: Awaitable[T], *, not_found: Collection[str] = ("NOT_FOUND",)
) -> T | Failure:
    """``call``'s answer, or the ``Failure`` of the part named ``part``.

    ``not_found``: the codes that mean the page's own subject is not there (the actor
    page adds ``BAD_USER_INPUT``: a malformed id in its URL is a page that does not
    exist); they raise ``NotFound``."""
    try:
        return await call
    except GraphQLClientGraphQLMultiError as failure:
        codes = _codes(failure)
        if codes & set(not_found):
            raise NotFound from None
        if "UNAUTHENTICATED" in codes:
            raise SignedOut from None
        if "FORBIDDEN" in codes:
            return Failure(part, "forbidden")
        if codes & _UNAVAILABLE:
            return Failure(part, "unavailable")
        log.warning("the gateway refused a part", extra={"part": part, "codes": sorted(codes)})
        return Failure(part, "failed")
    except GraphQLClientHttpError as failure:
        if failure.status_code == 401:
            raise SignedOut from None
        log.warning("the gateway answered %s", failure.status_code, extra={"part": part})
        return Failure(part, "unavailable")
    except (httpx.TransportError, GraphQLClientError) as failure:
        log.warning("the gateway could not be reached: %s", type(failure).__name__)
        return Failure(part, "unavailable")
