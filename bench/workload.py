"""What one benchmark line writes: commands of incident timeline entries.

A *command* is one append (one transaction) of 1 or 10 events to one stream,
with an expected-version check. Each writer writes to its own streams and
starts a new stream every ``COMMANDS_PER_STREAM`` commands, so the streams
table sees both inserts (a stream's first command) and updates, as a service
does. Every contender gets the same event data, built the same way, inside the
timed loop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

COMMANDS_PER_STREAM: Final = 20
TENANT: Final = "0101"
STREAM_TYPE: Final = "Incident"
EVENT_TYPE: Final = "TimelineEntryAdded"
ACTOR: Final = "org-0101-police"

_KINDS: Final = ("observation", "action", "decision", "handover")
_SUMMARIES: Final = (
    "Patrol confirmed calm at the square; youth workers on site until 23:00",
    "Housing company closed the stairwell door and replaced the broken light",
    "School informed parents' network; extra adults at the bus stop tomorrow",
    "Fieldworkers met the group at the sports hall and agreed on a follow-up",
)


@dataclass(frozen=True, slots=True)
class Shape:
    """One line of the append table: a backend, how many writers, events per command."""

    backend: str
    writers: int
    events_per_command: int

    @property
    def label(self) -> str:
        writers = "1 writer" if self.writers == 1 else f"{self.writers} writers"
        events = "1 event" if self.events_per_command == 1 else f"{self.events_per_command} events"
        return f"{writers}, {events} per command"


def timeline_entry(stream_number: int, version: int) -> dict[str, Any]:
    """About 240 bytes of JSON, like an entry in an incident's joint-response timeline."""
    return {
        "entry_id": f"e-{stream_number:06d}-{version:04d}",
        "at": "2025-03-14T18:42:07.512Z",
        "kind": _KINDS[version % len(_KINDS)],
        "actor_id": "org-0101-police",
        "area_id": f"area-0101-{stream_number % 40:02d}",
        "summary": _SUMMARIES[version % len(_SUMMARIES)],
        "visibility": "open",
    }


def entry_size() -> int:
    """Bytes of one event's data as compact JSON (for the report)."""
    return len(json.dumps(timeline_entry(0, 1), separators=(",", ":")).encode())


def expected_version(command: int, events_per_command: int) -> int:
    """The stream's version before the writer's ``command``-th command."""
    return (command % COMMANDS_PER_STREAM) * events_per_command


@dataclass(slots=True)
class Timing:
    """One timed run of a contender: commands and events over elapsed seconds."""

    commands: int
    events: int
    seconds: float
    cpu_seconds: float = 0.0
    """CPU of the whole benchmark process (every thread) during the run."""

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds

    @property
    def commands_per_second(self) -> float:
        return self.commands / self.seconds

    @property
    def cpu_per_command_us(self) -> float:
        return self.cpu_seconds / self.commands * 1e6


@dataclass(slots=True)
class Contender:
    """One library's figures on one line: every timed round, the best one reported."""

    name: str
    rounds: list[Timing] = field(default_factory=list)
    commands_per_writer: int = 0

    @property
    def best(self) -> Timing:
        return max(self.rounds, key=lambda timing: timing.events_per_second)
