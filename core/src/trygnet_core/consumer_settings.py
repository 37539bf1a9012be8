"""How a service's consumers meet the broker: read from the environment here only.

- ``TRYGNET_CONSUMER_SESSION_TIMEOUT_MS``: the consumer group's session timeout (10 s
  by default, which suits a cluster whose consumers come and go; ``trygnet-run`` sets
  3 s on one machine). Joining a group takes about half of it; the heartbeat is a
  quarter of it, at most a second.
- ``TRYGNET_CONSUMER_FETCH_WAIT_MS``: how long a fetch waits at the broker for new
  messages (50 ms by default). The embedded broker holds a fetch to this limit even
  when messages arrive, so it bounds how soon an event reaches a projection; Apache
  Kafka answers as soon as there is data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ConsumerSettings:
    session_timeout_ms: int = 10_000
    fetch_max_wait_ms: int = 50

    def __post_init__(self) -> None:
        if self.session_timeout_ms < 1_000:
            raise ValueError("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS must be 1000 or more")
        if self.fetch_max_wait_ms < 0:
            raise ValueError("TRYGNET_CONSUMER_FETCH_WAIT_MS must be 0 or more")

    @classmethod
    def from_env(cls) -> ConsumerSettings:
        return cls(
            session_timeout_ms=_milliseconds("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", "10000"),
            fetch_max_wait_ms=_milliseconds("TRYGNET_CONSUMER_FETCH_WAIT_MS", "50"),
        )

    def options(self) -> dict[str, int]:
        """The ``Consumer`` arguments these settings give."""
        return {
            "session_timeout_ms": self.session_timeout_ms,
            "fetch_max_wait_ms": self.fetch_max_wait_ms,
        }


def _milliseconds(name: str, default: str) -> int:
    value = os.environ.get(name, default).strip()
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r}: a whole number of milliseconds") from None
