"""What every aggregate's rules share, written once: folding its events into its state,
and the two checks each ``decide`` starts with (a command that creates the aggregate
finds none yet; any other finds one), with ``deciding``, the ``decide`` that makes both
checks and leaves the aggregate only its own rules: its creation and its changes. The
rules themselves stay in each domain."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar, cast

from trygnet_core.errors import Conflict, NotFound
from trygnet_core.events import DomainEvent

S = TypeVar("S")  # the aggregate's state
# ``deciding``'s: the command that creates the aggregate, the commands that change it, and
# what the handler looks up for them (``_in``: the same, as a ``Decide`` takes them).
N = TypeVar("N")
C = TypeVar("C")
K = TypeVar("K")
N_in = TypeVar("N_in", contravariant=True)
C_in = TypeVar("C_in", contravariant=True)
S_in = TypeVar("S_in", contravariant=True)
K_in = TypeVar("K_in", contravariant=True)


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


def started_by(
    state_type: Callable[..., S], event: DomainEvent, *, details: type | None = None
) -> S:
    """The state an aggregate's creating event starts: the event's own fields, by name;
    with ``details``, only that dataclass's (what else the event holds, personal text
    above all, stays in the event)."""
    fields = dataclasses.fields(details or event)
    return state_type(**{f.name: getattr(event, f.name) for f in fields})


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


class Decide(Protocol[N_in, C_in, S_in, K_in]):
    """An aggregate's ``decide(command, state, *, known=…)``: the events a command makes
    of the state, ``known`` being what the handler looked up for it."""

    def __call__(
        self, command: N_in | C_in, state: S_in | None, *, known: K_in = ...
    ) -> list[DomainEvent]: ...


def deciding(
    creates: type[N],
    what: str,
    *,
    field: str,
    create: Callable[[N, K], DomainEvent],
    change: Callable[[C, S, K], list[DomainEvent]],
    nothing_known: K,
) -> Decide[N, C, S, K]:
    """The aggregate's ``decide``: the command ``creates`` must be new (``must_be_new``)
    and makes the event ``create`` gives; any other needs the state (``must_exist``,
    ``what`` without its article: "an activity" finds "no activity with that id") and
    makes the events ``change`` gives. ``field`` names the aggregate's id on the wire;
    ``known`` is ``nothing_known`` when the caller looked nothing up."""
    noun = what.split(" ", 1)[1]

    def decide(command: N | C, state: S | None, *, known: K = nothing_known) -> list[DomainEvent]:
        if isinstance(command, creates):
            must_be_new(state, what, field=field)
            return [create(command, known)]
        changing = cast(C, command)  # every command but the creating one
        return change(changing, must_exist(state, noun, field=field), known)

    return decide
