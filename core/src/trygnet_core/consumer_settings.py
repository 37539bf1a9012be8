"""How a service's consumers meet the broker: read from the environment here only.

- ``TRYGNET_CONSUMER_SESSION_TIMEOUT_MS``: the consumer group's session timeout (10 s
  by default, which suits a cluster whose consumers come and go; ``trygnet-run`` sets
  3 s on one machine). Joining a group takes about half of it; the heartbeat is a
  quarter of it, at most a second.
- ``TRYGNET_CONSUMER_FETCH_WAIT_MS``: how long a fetch waits at the broker for new
  messages (50 ms by default). The embedded broker holds a fetch to this limit even
  when messages arrive, so it bounds how soon an event reaches a projection; Apache
  Kafka answers as soon as there is data.
- ``TRYGNET_CONSUMER_REST_AFTER_MS``: after this long without a message a consumer stops
  fetching (``consumer_rest``) until a reader waits for a write or
  ``TRYGNET_CONSUMER_REST_POLL_MS`` (1,000 by default) passes; 0 (the default) never
  rests. ``trygnet-run`` sets 10,000: the embedded broker answers every fetch only at the
  end of its wait, so idle consumers would keep it busy.
- ``TRYGNET_CONSUMER_GROUP``: ``on`` (the default) makes each consumer a member of its
  service's consumer group, so replicas share the partitions; ``off`` has each read
  every partition with no group (``consumer_partitions``): no joining and no heartbeats,
  for a service that runs one replica only (``trygnet-run`` sets it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ConsumerSettings:
    session_timeout_ms: int = 10_000
    fetch_max_wait_ms: int = 50
    rest_after_ms: int = 0
    rest_poll_ms: int = 1_000
    every_partition: bool = False
    """No group: the only replica reads every partition itself."""

    def __post_init__(self) -> None:
        if self.session_timeout_ms < 1_000:
            raise ValueError("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS must be 1000 or more")
        if self.fetch_max_wait_ms < 0:
            raise ValueError("TRYGNET_CONSUMER_FETCH_WAIT_MS must be 0 or more")
        if self.rest_after_ms < 0:
            raise ValueError("TRYGNET_CONSUMER_REST_AFTER_MS must be 0 or more")
        if self.rest_poll_ms < 100:
            raise ValueError("TRYGNET_CONSUMER_REST_POLL_MS must be 100 or more")

    @classmethod
    def from_env(cls) -> ConsumerSettings:
        return cls(
            session_timeout_ms=milliseconds("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", "10000"),
            fetch_max_wait_ms=milliseconds("TRYGNET_CONSUMER_FETCH_WAIT_MS", "50"),
            rest_after_ms=milliseconds("TRYGNET_CONSUMER_REST_AFTER_MS", "0"),
            rest_poll_ms=milliseconds("TRYGNET_CONSUMER_REST_POLL_MS", "1000"),
            every_partition=not on_or_off("TRYGNET_CONSUMER_GROUP", "on"),
        )

    def options(self) -> dict[str, int | bool]:
        """The ``Consumer`` arguments these settings give."""
        return {
            "session_timeout_ms": self.session_timeout_ms,
            "fetch_max_wait_ms": self.fetch_max_wait_ms,
            "rest_after_ms": self.rest_after_ms,
            "rest_poll_ms": self.rest_poll_ms,
            "every_partition": self.every_partition,
        }


def milliseconds(name: str, default: str) -> int:
    """A whole number of milliseconds from the environment; ``ValueError`` naming ``name``."""
    return whole(name, default, "a whole number of milliseconds")


def whole(name: str, default: str, what: str = "a whole number") -> int:
    """A whole number from the environment; ``ValueError`` naming ``name`` and ``what``."""
    value = os.environ.get(name, default).strip()
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r}: {what}") from None


def on_or_off(name: str, default: str) -> bool:
    """``on`` or ``off`` from the environment; ``ValueError`` naming ``name`` otherwise."""
    value = os.environ.get(name, default).strip().lower()
    if value not in ("on", "off"):
        raise ValueError(f"{name}={value!r}: on or off")
    return value == "on"
