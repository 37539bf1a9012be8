"""``Idempotency-Key`` on every write route of a service (the rule: ``idempotency``).

A ``POST``, ``PUT``, ``PATCH`` or ``DELETE`` with the header is looked up first:

- kept, same request: the kept answer is sent again (``Idempotent-Replayed: true``);
- kept, another request: 422 ``BAD_USER_INPUT`` naming ``Idempotency-Key``;
- in flight in this process: 409 ``CONFLICT`` naming ``Idempotency-Key`` (in another
  replica, the second request's claim waits for the first's commit and then answers
  as a retry would);
- not kept: the request runs with its call in context; the store's transaction
  claims the key and records the outcome, and the answer sent is kept afterwards.

A request whose token does not verify runs as if it had no key (the route answers
401); a key that is not well formed is refused before anything runs. The body is
read here and handed on unchanged.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, Final

from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trygnet_core import idempotency
from trygnet_core.app import problem_of
from trygnet_core.auth import Principal, TokenVerifier, checked
from trygnet_core.database import read_only, writing
from trygnet_core.errors import TrygnetError
from trygnet_core.request_limits import whole_body

log = logging.getLogger(__name__)

WRITES: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEPT_HEADERS: Final = ("content-type", "etag", "location")
MAX_KEPT_BODY: Final = 1024 * 1024
"""Larger answers are not kept byte for byte; a retry gets the outcome (``answer``)."""
REPLAYED: Final = (b"idempotent-replayed", b"true")
PURGE_EVERY_SECONDS: Final = 3600.0
"""Each process drops the keys past their time at most this often, after a write."""


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class IdempotentWrites:
    def __init__(self, app: ASGIApp, *, engine: AsyncEngine) -> None:
        self.app = app
        self.engine = engine
        self._running: set[tuple[str, str, str]] = set()
        """The keys of this process's requests in flight: a second one is 409 at once."""
        self._purged_at = time.monotonic()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _header(scope, b"idempotency-key") if scope["type"] == "http" else None
        if key is None or scope["method"] not in WRITES:
            await self.app(scope, receive, send)
            return
        try:
            idempotency.well_formed_key(key)
        except TrygnetError as error:
            await _refuse(error, scope, receive, send)
            return
        body, receive = await whole_body(receive)
        principal = await self._principal(scope)
        if principal is None:
            await self.app(scope, receive, send)
            return
        call = idempotency.IdempotentCall(
            tenant=principal.tenant,
            principal=principal.subject,
            key=key,
            fingerprint=idempotency.fingerprint(
                scope["method"],
                scope["path"],
                scope.get("query_string", b""),
                _header(scope, b"if-match"),
                body,
            ),
            route_status=lambda: int(getattr(scope.get("route"), "status_code", None) or 200),
        )
        async with read_only(self.engine) as conn:
            kept = await idempotency.recorded(conn, call)
        if kept is not None:
            await _replay(kept, call, scope, receive, send)
            return
        flight = (call.tenant, call.principal, call.key)
        if flight in self._running:
            await _refuse(idempotency.KeyInUse(), scope, receive, send)
            return
        self._running.add(flight)
        try:
            await self._run(call, scope, receive, send)
        finally:
            self._running.discard(flight)

    async def _principal(self, scope: Scope) -> Principal | None:
        verifier: TokenVerifier = scope["app"].state.token_verifier
        scheme, _, token = (_header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        try:
            return await checked(verifier, verifier.verify, token.strip())
        except TrygnetError:
            return None

    async def _run(
        self, call: idempotency.IdempotentCall, scope: Scope, receive: Receive, send: Send
    ) -> None:
        started: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = message
                if call.taken:  # answered below, from what the other request kept
                    return
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if call.taken:
                    return
            await send(message)

        token = idempotency.running(call)
        try:
            await self.app(scope, receive, capture)
        finally:
            idempotency.stop(token)
        if call.taken:
            async with read_only(self.engine) as conn:
                kept = await idempotency.recorded(conn, call)
            if kept is not None:
                await _replay(kept, call, scope, receive, send)
            else:  # the other request rolled back meanwhile: its retry is decided afresh
                await _send(send, started, b"".join(chunks))
            return
        if call.claimed and started is not None:
            await self._keep(call, started, b"".join(chunks))

    async def _keep(self, call: idempotency.IdempotentCall, started: Message, body: bytes) -> None:
        if len(body) > MAX_KEPT_BODY:
            return
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in started.get("headers", ())
            if name.decode("latin-1").lower() in KEPT_HEADERS
        }
        try:
            async with writing(self.engine) as conn:
                await idempotency.keep_answer(conn, call, started["status"], headers, body)
                if time.monotonic() - self._purged_at > PURGE_EVERY_SECONDS:
                    self._purged_at = time.monotonic()
                    await idempotency.forget_expired(conn)
        except Exception:  # the answer went out; a retry gets the outcome kept with the write
            log.exception("idempotent answer not kept")


async def _replay(
    kept: Row[Any], call: idempotency.IdempotentCall, scope: Scope, receive: Receive, send: Send
) -> None:
    if kept.fingerprint != call.fingerprint:
        await _refuse(idempotency.KeyReused(), scope, receive, send)
        return
    if kept.body is not None:
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in kept.headers.items()]
        body = bytes(kept.body)
    else:  # the service stopped after the write, before its answer was kept
        body = json.dumps(kept.answer, separators=(",", ":")).encode()
        headers = [(b"content-type", b"application/json")]
        if isinstance(kept.answer, dict) and "version" in kept.answer:
            headers.append((b"etag", f'"{kept.answer["version"]}"'.encode()))
    start = {"type": "http.response.start", "status": kept.status, "headers": [*headers, REPLAYED]}
    await _send(send, start, body)


async def _send(send: Send, started: Message | None, body: bytes) -> None:
    if started is None:
        return
    headers = [(k, v) for k, v in started.get("headers", ()) if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({**started, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _refuse(error: TrygnetError, scope: Scope, receive: Receive, send: Send) -> None:
    await problem_of(error)(scope, receive, send)
