"""The input of a command on something that exists: it names that thing first and may
end with ``expectedVersion`` (sent as ``If-Match``: the change is made only if the thing
is still at that version). Each domain names its things once:

    INCIDENT = Target("incident_id", "The incident.")

    @change_of(INCIDENT, "A timeline entry to pin or unpin.")
    class TimelineEntryInput:
        entry_id: strawberry.ID = strawberry.field(description="The entry.")

is the GraphQL input ``TimelineEntryInput { incidentId entryId expectedVersion }``.

Fields several inputs share are a field group, a plain class the input derives from;
its fields come after the target's id, before the input's own:

    class Leaving:
        actor_id: strawberry.ID = strawberry.field(description="The actor leaving.")

    @change_of(FORUM, "An actor leaving a forum.")
    class LeaveForumInput(Leaving): ...
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from typing import NamedTuple, TypeVar, dataclass_transform

import strawberry

from trygnet_gateway.writes import EXPECTED_VERSION, expected_version

T = TypeVar("T")


class Target(NamedTuple):
    """The id field that names the thing a command changes, and its description."""

    field: str
    about: str


@dataclass_transform(kw_only_default=True, field_specifiers=(strawberry.field,))
def change_of(target: Target, description: str) -> Callable[[type[T]], type[T]]:
    """The class as the GraphQL input ``description`` of a change to ``target``: the
    target's id, the class's own fields, then ``expectedVersion``."""

    def made(cls: type[T]) -> type[T]:
        grouped = {
            name: kind
            for group in reversed(cls.__mro__[1:])
            for name, kind in inspect.get_annotations(group).items()
        }
        for name in grouped:  # each input its own copy of the group's field
            setattr(cls, name, copy.copy(getattr(cls, name)))
        own = {**grouped, **inspect.get_annotations(cls)}
        cls.__annotations__ = {target.field: strawberry.ID, **own, EXPECTED_VERSION: int | None}
        setattr(cls, target.field, strawberry.field(description=target.about))
        setattr(cls, EXPECTED_VERSION, expected_version())
        return strawberry.input(cls, description=description)

    return made
