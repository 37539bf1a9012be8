"""Idempotent writes: a retried request with the same ``Idempotency-Key`` is done once.

Integrations retry. A client that sends a write with a key of its choosing (a UUID
per intended change) and sends it again after a timeout or a lost answer gets the
first answer again; the work is done once. The rules, as payment APIs have them:

- the same key with the same request (method, path, query, ``If-Match`` and body)
  answers what the first one answered (status, body, ``ETag``), with the header
  ``Idempotent-Replayed: true``; nothing is written again;
- the same key with another request is 422 ``BAD_USER_INPUT`` naming
  ``Idempotency-Key``: a key names one change;
- a key whose first request is still being written is 409 ``CONFLICT`` naming
  ``Idempotency-Key``: ask again in a moment;
- keys belong to one tenant and one principal (the token's ``tenant`` and ``sub``):
  another caller's key never answers for you; a key is kept for ``KEPT`` (24 hours)
  after its first use, then it may be used again as if new;
- only a request that wrote something records its key: a refused request (bad
  input, a conflict, a forbidden change) or a dry run leaves nothing behind, and
  its retry is decided afresh.

Why in the same transaction as the append: the key's row is claimed at the start of
the write transaction (``claim``) and completed at its end (``settle``), with the
events. If the service stops between commit and answer, the retry finds the key
taken and answers from the row (``answer``, the outcome the transaction stored)
instead of writing again; a write that rolled back took its key's row with it.
Two requests with one key at once: the second's claim waits for the first's
transaction (PostgreSQL's unique index, SQLite's write lock) and then finds the
key taken, so it writes nothing and answers as a retry would.

``IdempotentWrites`` (``idempotent_writes.py``) is the HTTP side; this module holds
the rule and the ledger table's statements.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import and_, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.schema import idempotency_keys as ledger

HEADER: Final = "Idempotency-Key"
KEPT: Final = timedelta(hours=24)
"""How long a key answers for its first request."""
_WELL_FORMED: Final = re.compile(r"[\x21-\x7e]{1,255}")
"""Printable ASCII without spaces, 1 to 255 characters (a UUID is 36)."""


def well_formed_key(value: str) -> str:
    """The key, or ``BAD_USER_INPUT`` naming the header (the value is never repeated)."""
    if not _WELL_FORMED.fullmatch(value):
        raise BadUserInput(
            f"{HEADER} must be 1 to 255 printable ASCII characters without spaces", field=HEADER
        )
    return value


def fingerprint(method: str, path: str, query: bytes, if_match: str | None, body: bytes) -> str:
    """What makes two requests the same request: a JSON body counts by its content
    (key order and spacing aside), any other body byte for byte."""
    try:
        content = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        content = body
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, (if_match or "").encode(), content):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class KeyInUse(Conflict):
    """The key was taken by another request while this one ran."""

    def __init__(self) -> None:
        super().__init__(
            f"another request with this {HEADER} is being written; ask again", field=HEADER
        )


class KeyReused(BadUserInput):
    def __init__(self) -> None:
        super().__init__(f"this {HEADER} was used for another request", field=HEADER)


@dataclass
class IdempotentCall:
    """One write request carrying a key, while it runs (``current()``)."""

    tenant: str
    principal: str
    key: str
    fingerprint: str
    route_status: Callable[[], int] = lambda: 200
    """The route's status for a success (``answer``'s, if the service stops before
    it answers); known once the request is routed."""
    made: dict[str, Any] = field(default_factory=dict)
    """Ids the route made before the command ran (``taskId``), part of its answer."""
    outcome: dict[str, Any] | None = None
    claimed: bool = False
    """A transaction holding this key's row committed."""
    taken: bool = False
    """Another request holds the key: this one wrote nothing."""

    def where(self) -> Any:
        return and_(
            ledger.c.tenant_id == self.tenant,
            ledger.c.principal == self.principal,
            ledger.c.key == self.key,
        )

    def answer(self) -> dict[str, Any]:
        """The body a command route answers: ``{"id", "version", "position", ...made}``."""
        return {**(self.outcome or {}), **self.made}

    async def claim(self, conn: AsyncConnection) -> None:
        """Take the key at the start of a write transaction, or raise ``KeyInUse``."""
        if self.claimed:
            return
        now = datetime.now(UTC)
        await conn.execute(delete(ledger).where(self.where(), ledger.c.expires_at <= now))
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(ledger)
            .values(
                tenant_id=self.tenant,
                principal=self.principal,
                key=self.key,
                fingerprint=self.fingerprint,
                created_at=now,
                expires_at=now + KEPT,
            )
            .on_conflict_do_nothing()
        )
        if (await conn.execute(statement)).rowcount != 1:
            self.taken = True
            raise KeyInUse()

    async def settle(self, conn: AsyncConnection) -> None:
        """At the end of the write transaction: what it wrote, in case no answer follows."""
        await conn.execute(
            update(ledger)
            .where(self.where())
            .values(status=self.route_status(), answer=self.answer())
        )


_current: contextvars.ContextVar[IdempotentCall | None] = contextvars.ContextVar(
    "idempotent_call", default=None
)


def current() -> IdempotentCall | None:
    """The running request's call, if it carries a key."""
    return _current.get()


def running(call: IdempotentCall | None) -> contextvars.Token[IdempotentCall | None]:
    return _current.set(call)


def stop(token: contextvars.Token[IdempotentCall | None]) -> None:
    _current.reset(token)


def note_outcome(outcome: dict[str, Any]) -> None:
    """The stream, version and position a command wrote (the unit of work calls this)."""
    if (call := current()) is not None:
        call.outcome = outcome


def note_made(made: dict[str, Any]) -> None:
    """Ids a route made for its command, answered beside the outcome."""
    if (call := current()) is not None:
        call.made = made


async def recorded(conn: AsyncConnection, call: IdempotentCall) -> Row[Any] | None:
    """The key's row while it is kept, whoever wrote it."""
    query = select(ledger).where(call.where(), ledger.c.expires_at > datetime.now(UTC))
    return (await conn.execute(query)).first()


async def keep_answer(
    conn: AsyncConnection, call: IdempotentCall, status: int, headers: dict[str, str], body: bytes
) -> None:
    """The answer as sent, replayed byte for byte to a retry."""
    await conn.execute(
        update(ledger).where(call.where()).values(status=status, headers=headers, body=body)
    )


async def forget_expired(conn: AsyncConnection) -> int:
    """Drop the keys past their time; the number dropped."""
    result = await conn.execute(delete(ledger).where(ledger.c.expires_at <= datetime.now(UTC)))
    return int(result.rowcount or 0)
