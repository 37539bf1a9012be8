"""The incident status rule, as data: which step moves an incident from which statuses
to which, recording which event.

An incident starts ``reported``. Each move is one command of the incidents service
(its ``step``: the last segment of its path, ``POST /incidents/{id}/activate``), the
event it records, the statuses it may start from and the status it leads to, and
whether it takes a reason. The incidents domain decides and folds by it; the
incidents view, the reporting projection and the gateway (which step a wanted status
needs) read it through the functions here, and the public schema's description of
the status is written from it, so a change to ``MOVES`` is seen everywhere at once.
Beside the word it rules (``trygnet_vocabulary.incidents.IncidentStatus``): this is the
one place the incidents service, reporting and the gateway all read.
"""

from __future__ import annotations

from dataclasses import dataclass

from trygnet_vocabulary.incidents import IncidentStatus

FIRST = IncidentStatus.REPORTED


@dataclass(frozen=True)
class Move:
    """One move of an incident's status."""

    step: str
    event: str
    sources: frozenset[IncidentStatus]
    target: IncidentStatus
    reason: bool


_OPEN = frozenset({IncidentStatus.REPORTED, IncidentStatus.ACTIVE, IncidentStatus.STABLE})

MOVES: tuple[Move, ...] = (
    Move(
        "activate",
        "IncidentActivated",
        frozenset({IncidentStatus.REPORTED, IncidentStatus.STABLE}),
        IncidentStatus.ACTIVE,
        reason=False,
    ),
    Move(
        "stabilise",
        "IncidentStabilised",
        frozenset({IncidentStatus.ACTIVE}),
        IncidentStatus.STABLE,
        reason=False,
    ),
    Move("close", "IncidentClosed", _OPEN, IncidentStatus.CLOSED, reason=True),
    Move(
        "reopen",
        "IncidentReopened",
        frozenset({IncidentStatus.CLOSED}),
        IncidentStatus.ACTIVE,
        reason=True,
    ),
)


def by_step(step: str) -> Move:
    """The move a step makes."""
    return next(m for m in MOVES if m.step == step)


def events() -> tuple[str, ...]:
    """The types of the events that change an incident's status after its report."""
    return tuple(dict.fromkeys(m.event for m in MOVES))


def status_after(event_type: str) -> IncidentStatus | None:
    """The status an event of this type leads to, if it moves the status."""
    return next((m.target for m in MOVES if m.event == event_type), None)


def moves_to(target: IncidentStatus) -> tuple[Move, ...]:
    """The moves that lead to ``target``, in the rule's order (none lead back to the
    first status)."""
    return tuple(m for m in MOVES if m.target is target)


def move_between(current: IncidentStatus, target: IncidentStatus) -> Move | None:
    """The move from ``current`` to ``target``, if there is one."""
    return next((m for m in moves_to(target) if current in m.sources), None)


def description() -> str:
    """The status's description in the public schema: where it may move from each
    status."""
    ways = [
        f"{status} → {' or '.join(m.target for m in MOVES if status in m.sources)}"
        for status in IncidentStatus
        if any(status in m.sources for m in MOVES)
    ]
    return f"Where an incident's response stands. It starts {FIRST} and moves {'; '.join(ways)}."
