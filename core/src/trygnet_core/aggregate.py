"""What every aggregate's rules share, written once: folding its events into its state,
and the two checks each ``decide`` starts with (a command that creates the aggregate
finds none yet; any other finds one). The rules themselves stay in each domain."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TypeVar

from trygnet_core.errors import Conflict, NotFound
from trygnet_core.events import DomainEvent

S = TypeVar("S")


def folding(
    evolve: Callable[[S | None, DomainEvent], S | None],
) -> Callable[[Iterable[DomainEvent]], S | None]:
    """The aggregate's ``fold``: its events, in order, applied by ``evolve`` to nothing."""

    def fold(events: Iterable[DomainEvent]) -> S | None:
        state: S | None = None
        for event in events:
            state = evolve(state, event)
        return state

    return fold


def started_by(state_type: Callable[..., S], event: DomainEvent) -> S:
    """The state an aggregate's creating event starts: the event's own fields, by name."""
    return state_type(**{f.name: getattr(event, f.name) for f in dataclasses.fields(event)})


def must_be_new(state: object | None, what: str, *, field: str) -> None:
    """A creating command: ``Conflict`` "<what> with that id exists already" (``what`` with
    its article: "an activity") when the stream holds one."""
    if state is not None:
        raise Conflict(f"{what} with that id exists already", field=field)


def must_exist(state: S | None, what: str, *, field: str) -> S:
    """Any other command: ``NotFound`` "no <what> with that id" when there is none yet;
    the state when there is."""
    if state is None:
        raise NotFound(f"no {what} with that id", field=field)
    return state
