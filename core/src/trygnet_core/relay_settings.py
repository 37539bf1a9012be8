"""How a writing service runs its outbox relay: read from the environment here only.

- ``TRYGNET_RELAY``: ``in-process`` (the default: every replica runs a relay, and the
  one holding the topic's lease publishes, ``trygnet_core.relay_lease``) or
  ``separate`` (the service runs none; ``trygnet-relay`` publishes the topic).
- ``TRYGNET_RELAY_LEASE_SECONDS``: how long a lease lasts unrenewed, so how long a
  crashed holder keeps the others waiting (15 s by default; a relay that stops
  releases it at once).
- ``TRYGNET_RELAY_HOLDER``: this replica's name in the lease, unique per replica (by
  default the host's name and the process id; on Kubernetes the pod's name, so a
  container restarted in its pod takes its lease back at once).
- ``TRYGNET_RELAY_IDEMPOTENCE``: ``on``, ``off``, or ``auto`` (the default: the
  idempotent producer is used where the broker grants it).
- ``TRYGNET_RELAY_POLL_MS``: how often an idle relay looks for events committed by
  another process (250 ms by default). A relay is woken at once by its own process's
  commits, so a lone replica (``trygnet-run`` sets 10,000) can look seldom.
- ``TRYGNET_RELAY_LOSS_CHECK_MS``: how often an idle relay asks the broker whether it
  still holds what was published (2,000 by default): a broker that lost its log (the
  embedded one, restarted) is republished to at most this long after. ``trygnet-run``
  sets 10,000.
- ``TRYGNET_RELAY_LINGER_MS``: under load (two looks in a row published, within twice
  this), how long the relay waits before looking again, so that the commits of that
  time leave in one record batch per partition (10 by default; 0 never waits). At rest
  an event leaves at once. Fewer, larger batches cost the broker and every consumer
  less per event; the embedded broker, which finds a batch by reading its partition's
  batches one by one, most of all.
- ``TRYGNET_RELAY_PARTITIONS``: the partitions of a topic the relay creates (4 by
  default; a topic that exists keeps its own). ``trygnet-run`` sets 1 on its embedded
  broker: one process reads each topic there, and its batches are then fuller.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from typing import Any

from trygnet_core.consumer_settings import milliseconds, whole

MODES = ("in-process", "separate")
IDEMPOTENCE: dict[str, bool | None] = {"on": True, "off": False, "auto": None}


def default_holder() -> str:
    """Unique per process on a host, and names the host for an operator."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class RelaySettings:
    mode: str = "in-process"
    lease_seconds: float = 15.0
    holder: str = field(default_factory=default_holder)
    idempotence: bool | None = None
    """True: required; False: never; None: used when the broker grants it."""
    poll_seconds: float = 0.25
    loss_check_seconds: float = 2.0
    linger_seconds: float = 0.01
    partitions: int = 4

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"TRYGNET_RELAY is in-process or separate, not {self.mode!r}")
        if not self.lease_seconds >= 2:
            raise ValueError("TRYGNET_RELAY_LEASE_SECONDS must be a number of seconds, 2 or more")
        if not 0.01 <= self.poll_seconds <= 10:
            raise ValueError("TRYGNET_RELAY_POLL_MS must be a whole number from 10 to 10000")
        if not 0.1 <= self.loss_check_seconds <= 600:
            raise ValueError(
                "TRYGNET_RELAY_LOSS_CHECK_MS must be a whole number from 100 to 600000"
            )
        if not 0 <= self.linger_seconds <= 1:
            raise ValueError("TRYGNET_RELAY_LINGER_MS must be a whole number from 0 to 1000")
        if not 1 <= self.partitions <= 1000:
            raise ValueError("TRYGNET_RELAY_PARTITIONS must be a whole number from 1 to 1000")

    @classmethod
    def from_env(cls) -> RelaySettings:
        seconds = os.environ.get("TRYGNET_RELAY_LEASE_SECONDS", "15").strip()
        try:
            lease_seconds = float(seconds)
        except ValueError:
            raise ValueError(
                "TRYGNET_RELAY_LEASE_SECONDS must be a number of seconds, 2 or more"
            ) from None
        idempotence = os.environ.get("TRYGNET_RELAY_IDEMPOTENCE", "auto").strip().lower()
        if idempotence not in IDEMPOTENCE:
            raise ValueError(f"TRYGNET_RELAY_IDEMPOTENCE={idempotence!r}: use on, off or auto")
        return cls(
            poll_seconds=milliseconds("TRYGNET_RELAY_POLL_MS", "250") / 1000,
            loss_check_seconds=milliseconds("TRYGNET_RELAY_LOSS_CHECK_MS", "2000") / 1000,
            linger_seconds=milliseconds("TRYGNET_RELAY_LINGER_MS", "10") / 1000,
            partitions=whole("TRYGNET_RELAY_PARTITIONS", "4"),
            mode=os.environ.get("TRYGNET_RELAY", "in-process").strip().lower(),
            lease_seconds=lease_seconds,
            holder=os.environ.get("TRYGNET_RELAY_HOLDER", "").strip() or default_holder(),
            idempotence=IDEMPOTENCE[idempotence],
        )

    def options(self) -> dict[str, Any]:
        """The ``OutboxRelay`` arguments these settings give."""
        return {
            "lease_seconds": self.lease_seconds,
            "holder": self.holder,
            "idempotence": self.idempotence,
            "idle_interval": self.poll_seconds,
            "loss_check_interval": self.loss_check_seconds,
            "linger": self.linger_seconds,
            "partitions": self.partitions,
        }
