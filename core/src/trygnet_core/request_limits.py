"""Every request is bounded before any work is done for it: its body's size, how deep
its JSON nests, a GraphQL request's variables, how long its body may take to arrive and
how long it may run. Written once, as one ASGI middleware that every service and the
gateway are built with (``trygnet_core.app.create_service_app``); the headers' size and
time are bounded by the server itself (``trygnet_core.serving``), before a request
exists.

- **Body size**: a body over ``max_body_bytes`` (``max_upload_bytes`` for a CSV file,
  ``text/csv``) is answered 413 ``TOO_LARGE`` from its Content-Length alone, before a
  byte of it is read; a chunked body is counted as it streams and refused as soon as it
  passes the limit. The connection is then closed, so the rest is never read either.
- **Slow bodies**: a body must arrive within ``body_seconds`` of the request, or the
  answer is 408 ``TIMEOUT`` and the connection is closed (a client trickling its body
  byte by byte holds nothing for longer).
- **Nesting**: a JSON body nested deeper than ``max_json_depth`` is 422
  ``BAD_USER_INPUT`` (field ``body``), found on the bytes, before any parser recurses.
- **GraphQL variables** (the gateway): more than ``max_variables`` variables, or
  variables nested deeper than ``max_variable_depth``, are 422 ``BAD_USER_INPUT``
  (field ``variables``), in a POST body or a GET query string.
- **Deadline**: a request not answered ``request_seconds`` after its headers is
  answered 504 ``TIMEOUT`` (its handler is cancelled), without a trace; once an answer
  has begun (a streamed import's progress), the deadline no longer runs.

Refusals are 4xx (the deadline's 504 says the platform was too slow, not the caller
wrong), coded like every other error, logged with their code and the limit, never with
what was sent. A service answers problem+json; the gateway, GraphQL errors
(``create_service_app``'s ``refusals``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qs

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trygnet_core.asgi import HttpMiddleware
from trygnet_core.json_shape import depth_of, nests_deeper_than, variables_of

log = logging.getLogger(__name__)

MIB: Final = 1024 * 1024


@dataclass(frozen=True)
class RequestLimits:
    """The limits of one process (a service or the gateway), read from the environment
    by its settings (``from_env``); the variable of each is in ``VARIABLES``."""

    max_body_bytes: int = 1 * MIB
    """Largest request body (JSON) taken; a WebSocket message too."""
    max_upload_bytes: int = 20 * MIB
    """Largest CSV file (``Content-Type: text/csv``) taken: the imports."""
    max_header_bytes: int = 16 * 1024
    """Largest request line and headers, together."""
    max_json_depth: int = 32
    """Deepest a JSON body may nest."""
    max_variables: int | None = None
    """Most variables a GraphQL request may have (``None``: not a GraphQL server)."""
    max_variable_depth: int = 10
    """Deepest a GraphQL request's variables may nest (an input's deepest is 4)."""
    header_seconds: float = 10.0
    """Seconds from a connection's first byte to the end of a request's headers."""
    body_seconds: float = 20.0
    """Seconds from the end of the headers to the end of the body."""
    request_seconds: float = 30.0
    """Seconds a request may run, body included, before it is answered ``TIMEOUT``."""
    keep_alive_seconds: int = 5
    """Seconds an idle connection is kept open between two requests."""

    @classmethod
    def for_gateway(cls) -> RequestLimits:
        """The gateway's defaults: a larger body (``importActors`` sends its CSV file in
        a variable) and a GraphQL request's variables bounded."""
        return cls(max_body_bytes=4 * MIB, max_variables=50)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, defaults: RequestLimits | None = None
    ) -> RequestLimits:
        """``defaults`` (else the services' defaults), changed by the variables set."""
        environ = os.environ if environ is None else environ
        base = defaults or cls()
        changes: dict[str, Any] = {}
        for name, variable in VARIABLES.items():
            given = (environ.get(variable) or "").strip()
            if not given:
                continue
            kind = float if name.endswith("_seconds") and name != "keep_alive_seconds" else int
            try:
                value = kind(given)
            except ValueError:
                raise ValueError(f"{variable} must be a number") from None
            if value <= 0:
                raise ValueError(f"{variable} must be above 0")
            changes[name] = value
        return dataclasses.replace(base, **changes)

    def but(self, **changes: Any) -> RequestLimits:
        """These limits with some changed."""
        return dataclasses.replace(self, **changes)


VARIABLES: Final = {
    "max_body_bytes": "TRYGNET_MAX_BODY_BYTES",
    "max_upload_bytes": "TRYGNET_MAX_UPLOAD_BYTES",
    "max_header_bytes": "TRYGNET_MAX_HEADER_BYTES",
    "max_json_depth": "TRYGNET_MAX_JSON_DEPTH",
    "max_variables": "TRYGNET_MAX_VARIABLES",
    "max_variable_depth": "TRYGNET_MAX_VARIABLE_DEPTH",
    "header_seconds": "TRYGNET_HEADER_SECONDS",
    "body_seconds": "TRYGNET_BODY_SECONDS",
    "request_seconds": "TRYGNET_REQUEST_SECONDS",
    "keep_alive_seconds": "TRYGNET_KEEP_ALIVE_SECONDS",
}
"""The environment variable of each limit."""


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused, in words that repeat nothing of what was sent."""

    status: int
    code: str
    detail: str
    field: str
    close: bool = False
    """Close the connection after answering: the rest of the request was not read."""


Refusals = Callable[[Refusal], Response]
"""How a process answers a refusal: problem+json (a service) or GraphQL (the gateway)."""


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value)
    return None


def _media_type(scope: Scope) -> bytes:
    return (_header(scope, b"content-type") or b"").split(b";")[0].strip().lower()


def _is_json(media: bytes) -> bool:
    # A command route (``trygnet_core.command_routes``) reads a body without a
    # Content-Type as JSON too.
    return media in (b"", b"application/json") or media.endswith(b"+json")


def read_as_json(scope: Scope) -> bool:
    """Whether a request's body is one the platform reads as JSON: its Content-Type is
    ``application/json`` or ``…+json``, or it has none. The door's checks hold for
    exactly these (the depth here, the NUL character in ``nul_characters``), and a
    route reads no other body as JSON."""
    return _is_json(_media_type(scope))


class _PastLimit(Exception):
    """The body passed its limit while it was read."""


class LimitRequests(HttpMiddleware):
    """The ASGI middleware holding a process's ``RequestLimits`` (see the module)."""

    def __init__(self, app: ASGIApp, *, limits: RequestLimits, refusals: Refusals) -> None:
        super().__init__(app)
        self.limits = limits
        self.refusals = refusals

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        deadline = asyncio.timeout(self.limits.request_seconds)

        async def tracking(message: Message) -> None:
            if message["type"] == "http.response.start":
                deadline.reschedule(None)  # answering: a streamed answer goes on
            await send(message)

        try:
            async with deadline:
                refusal, replay = await self._admit(scope, receive)
                if refusal is None:
                    await self.app(scope, replay, tracking)
                    return
        except TimeoutError:
            if not deadline.expired():
                raise
            refusal = Refusal(
                504,
                "TIMEOUT",
                f"the request took longer than {self.limits.request_seconds:g} s",
                "request",
                close=True,
            )
        log.warning(
            "request refused",
            extra={"code": refusal.code, "status": refusal.status, "limit": refusal.field},
        )
        await self.refusals(refusal)(scope, receive, send)

    async def _admit(self, scope: Scope, receive: Receive) -> tuple[Refusal | None, Receive]:
        media = _media_type(scope)
        limit = self.limits.max_upload_bytes if media == b"text/csv" else self.limits.max_body_bytes
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return self._too_large(limit), receive
        try:
            async with asyncio.timeout(self.limits.body_seconds):
                body, last = await _read(receive, limit)
        except _PastLimit:
            return self._too_large(limit), receive
        except TimeoutError:
            detail = f"the body did not arrive within {self.limits.body_seconds:g} s"
            return Refusal(408, "TIMEOUT", detail, "body", close=True), receive
        refusal = self._shape(scope, media, body)
        return refusal, _replay(body, last, receive)

    def _too_large(self, limit: int) -> Refusal:
        detail = f"the body is larger than {limit} bytes"
        return Refusal(413, "TOO_LARGE", detail, "body", close=True)

    def _shape(self, scope: Scope, media: bytes, body: bytes) -> Refusal | None:
        limits = self.limits
        if body and _is_json(media) and nests_deeper_than(body, limits.max_json_depth):
            detail = f"the JSON nests deeper than {limits.max_json_depth} levels"
            return Refusal(422, "BAD_USER_INPUT", detail, "body")
        if limits.max_variables is None:
            return None
        for variables in _graphql_variables(scope, media, body):
            if isinstance(variables, dict) and len(variables) > limits.max_variables:
                detail = f"a request takes at most {limits.max_variables} variables"
                return Refusal(422, "BAD_USER_INPUT", detail, "variables")
            if depth_of(variables, limits.max_variable_depth) > limits.max_variable_depth:
                detail = f"the variables nest deeper than {limits.max_variable_depth} levels"
                return Refusal(422, "BAD_USER_INPUT", detail, "variables")
        return None


def _graphql_variables(scope: Scope, media: bytes, body: bytes) -> list[Any]:
    """A GraphQL request's variables: in its JSON body, or its query string (GET)."""
    found: list[Any] = []
    query: bytes = scope.get("query_string", b"")
    if b"variables" in query:
        for text in parse_qs(query.decode("latin-1")).get("variables", []):
            if not nests_deeper_than(text.encode(), 64):
                found += variables_of({"variables": _parsed(text.encode())})
    if body and _is_json(media):
        found += variables_of(_parsed(body))
    return found


def _parsed(text: bytes) -> Any:
    try:
        return json.loads(text)
    except ValueError:  # not JSON: the GraphQL server says so
        return None


async def whole_body(receive: Receive) -> tuple[bytes, Receive]:
    """The request's body, and a ``receive`` that hands it on again: for a middleware
    inside ``LimitRequests`` (which has bounded the body and hands it on in one piece)
    that must see the body before the route does."""
    body, last = await _read(receive, None)
    return body, _replay(body, last, receive)


async def _read(receive: Receive, limit: int | None) -> tuple[bytes, Message | None]:
    """The body, counted as it comes; raises ``_PastLimit`` past ``limit``. Also the
    message that ended it when that was no body (the client went away)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), message
        chunk = message.get("body", b"")
        size += len(chunk)
        if limit is not None and size > limit:
            raise _PastLimit
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), None


def _replay(body: bytes, last: Message | None, receive: Receive) -> Receive:
    """A ``receive`` that hands the body read on again, then listens to the client."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": last is not None}
        if last is not None:
            return last
        return await receive()

    return replay
