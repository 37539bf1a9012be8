"""Server-side sessions: the browser holds only a random id (an HttpOnly, SameSite=Lax
cookie, Secure over TLS); the person's access token stays here, in this process's
memory, and never reaches a page, an attribute or a script.

The store is bounded: at most ``limit`` signed-in sessions and as many anonymous ones,
each list dropping its least recently used first, so a flood of anonymous visitors
can never push a signed-in person out. A session unused for ``idle_seconds`` is over;
so is one whose token has expired. Signing in gives a new session id (an id an
attacker planted before sign-in is worth nothing after it)."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

COOKIE: Final = "trygnet_session"


@dataclass(frozen=True)
class Identity:
    """Who is signed in, as the gateway's ``me`` answered for their token."""

    subject: str
    tenant: str
    roles: tuple[str, ...]
    actor_id: str | None = None

    @property
    def role(self) -> str:
        return self.roles[0] if self.roles else "partner"


@dataclass
class Session:
    id: str
    csrf: str
    language: str
    last_used: float
    token: str | None = field(default=None, repr=False)
    identity: Identity | None = None
    expires_at: float | None = None
    """When the token expires (wall clock), if known."""
    sign_in_state: dict[str, Any] = field(default_factory=dict, repr=False)
    """An OpenID Connect sign-in under way (state, PKCE verifier, nonce, where to go
    next): what authlib keeps between the redirect and the callback."""

    @property
    def signed_in(self) -> bool:
        return self.token is not None and self.identity is not None


def _new_id() -> str:
    return secrets.token_urlsafe(32)


class SessionStore:
    def __init__(
        self,
        *,
        limit: int,
        idle_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.limit = limit
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.wall_clock = wall_clock
        self._signed_in: OrderedDict[str, Session] = OrderedDict()
        self._anonymous: OrderedDict[str, Session] = OrderedDict()

    def __len__(self) -> int:
        return len(self._signed_in) + len(self._anonymous)

    def new(self, language: str) -> Session:
        session = Session(_new_id(), secrets.token_urlsafe(32), language, self.clock())
        self._keep(self._anonymous, session)
        return session

    def get(self, session_id: str | None, *, use: bool = True) -> Session | None:
        """The live session of ``session_id``, or None; marked as used unless ``use`` is
        false (a check made for the person, not by them: the live board's, which would
        otherwise keep a session left open in a tab from ever going idle)."""
        if not session_id:
            return None
        pool = self._signed_in if session_id in self._signed_in else self._anonymous
        session = pool.get(session_id)
        if session is None:
            return None
        now = self.clock()
        expired = session.expires_at is not None and self.wall_clock() >= session.expires_at
        if now - session.last_used > self.idle_seconds or expired:
            del pool[session_id]
            return None
        if use:
            session.last_used = now
            pool.move_to_end(session_id)
        return session

    def sign_in(
        self, session: Session, token: str, identity: Identity, expires_at: float | None
    ) -> Session:
        """A new session (new id, new CSRF token) holding ``token``; the old one is gone."""
        self.drop(session.id)
        signed = Session(
            _new_id(),
            secrets.token_urlsafe(32),
            session.language,
            self.clock(),
            token=token,
            identity=identity,
            expires_at=expires_at,
        )
        self._keep(self._signed_in, signed)
        return signed

    def drop(self, session_id: str) -> None:
        self._signed_in.pop(session_id, None)
        self._anonymous.pop(session_id, None)

    def _keep(self, pool: OrderedDict[str, Session], session: Session) -> None:
        pool[session.id] = session
        while len(pool) > self.limit:
            pool.popitem(last=False)
