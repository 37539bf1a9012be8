"""How much each caller may ask of the platform per minute: token buckets by caller.

- A **person** (a token without the ``integration`` role) has a bucket of its own, keyed
  by municipality and token subject; an **integration client** likewise, keyed by its
  client id (its token's subject, as OAuth's client-credentials tokens set it), with a
  budget of its own size. One busy user never limits another user of the municipality.
- Each bucket counts **cost** (``query_cost``) and **operations** (so that a stream of
  cheap queries is bounded too): both refill continuously to their per-minute size.
- A request **without a valid token** is counted against its **client address** (an
  IPv6 address by its /64, which one host is given), before any token is verified when
  the address has none left: a flood of forged tokens cannot make the gateway verify
  signatures or fetch keys at will.
- Buckets are kept for at most ``buckets_kept`` callers of each kind, least recently
  used dropped first, and a full bucket (one that has refilled) carries nothing worth
  keeping, so a stream of new subjects or addresses cannot grow memory without bound.

A refusal says when to come back: ``RATE_LIMITED`` with ``retryAfter`` (seconds) and,
over HTTP, status 429 with a ``Retry-After`` header.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

from trygnet_core.auth import Principal
from trygnet_gateway.settings import Limits

INTEGRATION: Final = "integration"
SWEEP_SECONDS: Final = 60.0
"""How often the buckets that have refilled are dropped (a scan of them all)."""


class TokenBuckets:
    """Buckets of one size by key, refilled at ``per_minute``; at most ``kept`` keys."""

    def __init__(self, per_minute: float, kept: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.kept = kept
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._swept = time.monotonic()

    def _level(self, key: str, now: float) -> float:
        tokens, at = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - at) * self.rate)

    def wait(self, key: str, amount: float = 1.0) -> float:
        """Seconds until ``amount`` is there (0 when it is there now); takes nothing."""
        missing = min(amount, self.capacity) - self._level(key, time.monotonic())
        return 0.0 if missing <= 0 else missing / self.rate

    def take(self, key: str, amount: float = 1.0) -> float:
        """Takes ``amount`` and answers 0, or takes nothing and answers the seconds to
        wait. An amount above the bucket's size is taken from a full bucket (the query
        cost limit, not the budget, refuses queries that are too big)."""
        now = time.monotonic()
        level = self._level(key, now)
        wanted = min(amount, self.capacity)
        if level < wanted:
            self._keep(key, level, now)
            return (wanted - level) / self.rate
        self._keep(key, level - wanted, now)
        return 0.0

    def _keep(self, key: str, level: float, now: float) -> None:
        self._buckets[key] = (level, now)
        self._buckets.move_to_end(key)
        if now - self._swept > SWEEP_SECONDS:
            self._swept = now
            for full in [k for k in self._buckets if self._level(k, now) >= self.capacity]:
                del self._buckets[full]
        while len(self._buckets) > self.kept:
            self._buckets.popitem(last=False)

    def __len__(self) -> int:
        return len(self._buckets)


@dataclass(frozen=True)
class Refusal:
    retry_after: int
    """Whole seconds to wait (at least 1)."""
    detail: str


class Budgets:
    """The buckets of every kind of caller, sized by ``Limits``."""

    def __init__(self, limits: Limits) -> None:
        kept = limits.buckets_kept
        self.people_cost = TokenBuckets(limits.cost_per_minute, kept)
        self.clients_cost = TokenBuckets(limits.client_cost_per_minute, kept)
        self.operations = TokenBuckets(limits.rate_per_minute, kept)
        self.addresses = TokenBuckets(limits.anonymous_per_minute, kept)

    def address_exhausted(self, address: str) -> Refusal | None:
        """Before any token is verified: is this address out of unauthenticated requests?"""
        wait = self.addresses.wait(address_key(address))
        return _refused(wait, "too many requests without a valid token from this address")

    def unauthenticated(self, address: str) -> Refusal | None:
        """A request without a valid token, counted against its address."""
        wait = self.addresses.take(address_key(address))
        return _refused(wait, "too many requests without a valid token from this address")

    def charge(self, principal: Principal, cost: int) -> Refusal | None:
        """One operation of ``cost`` by this caller; nothing is taken when refused."""
        client = principal.has_role(INTEGRATION)
        key = f"{'client' if client else 'user'}:{principal.tenant}:{principal.subject}"
        buckets = self.clients_cost if client else self.people_cost
        wait = max(self.operations.wait(key), buckets.wait(key, cost))
        if wait > 0:
            who = "integration client" if client else "user"
            return _refused(wait, f"this {who} has used its budget for the minute: slow down")
        self.operations.take(key)
        buckets.take(key, cost)
        return None


def _refused(wait: float, detail: str) -> Refusal | None:
    return Refusal(max(1, math.ceil(wait)), detail) if wait > 0 else None


def address_key(address: str) -> str:
    """An IPv4 address as it is; an IPv6 address by its /64 (what one host is given)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
