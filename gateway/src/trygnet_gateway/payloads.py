"""What a mutation answers: ``position`` (the ``Payload`` interface) beside the objects
the write changed, each payload type built from one line that names it:

    ForumPayload = payload(
        "ForumPayload", "What a write to a forum answers.", forum=(Forum, AFTER_WRITE % "forum")
    )

Most payloads follow one of two sentences, each made by one function: a write to one
object (``of_write``) and a write that adds a part to a whole (``of_part``):

    ForumPayload = of_write("ForumPayload", "a forum", Forum)
    MeetingPayload = of_part(
        "MeetingPayload", RECORDED, "a meeting", forum=THE_FORUM, meeting=Meeting
    )

A payload's objects are null when only ``position`` was asked for (nothing is read
back then, ``writes.position_only``); the GraphQL schema still shows them as the write
gives them.
"""

from __future__ import annotations

from typing import Any

import strawberry

AFTER_WRITE = "The %s after the write (null if only `position` was asked for)."
"""An object's description in the payload of a write to it: ``AFTER_WRITE % "forum"``."""


@strawberry.interface(description="What every mutation answers beside its entity.")
class Payload:
    position: str = strawberry.field(
        description="The consistency token of this write (`service/streamId/version`); "
        "pass it as `atLeast` to a report to see the write there."
    )


def payload(name: str, description: str, **objects: tuple[Any, str]) -> Any:
    """The GraphQL type ``name`` implementing ``Payload``: ``position``, then each of
    ``objects`` as ``field=(type, description)``, in the order given."""
    namespace: dict[str, Any] = {
        "__annotations__": {field: kind for field, (kind, _) in objects.items()},
        **{field: strawberry.field(description=about) for field, (_, about) in objects.items()},
    }
    return strawberry.type(type(name, (Payload,), namespace), description=description)


ADDED = ("adding", "added")
RECORDED = ("recording", "recorded")
"""How a write makes a part (``of_part``): the deed, and the part after it."""


def of_write(name: str, a_thing: str, kind: Any) -> Any:
    """The payload of a write to ``a_thing`` (with its article: "an activity"): "What a
    write to an activity answers.", with ``activity`` as ``AFTER_WRITE`` says."""
    thing = a_thing.split(" ", 1)[1]
    field = thing.replace(" ", "_")
    return payload(
        name, f"What a write to {a_thing} answers.", **{field: (kind, AFTER_WRITE % thing)}
    )


def of_part(name: str, deed: tuple[str, str], a_part: str, **objects: Any) -> Any:
    """The payload of a write that makes a part of a whole ("What adding a task
    answers."): the whole, given as ``field=(type, description)``, then the part, given as
    ``field=type`` ("The task added.")."""
    (whole, about_whole), (part, kind) = objects.items()
    described = f"The {a_part.split(' ', 1)[1]} {deed[1]}."
    return payload(
        name, f"What {deed[0]} {a_part} answers.", **{whole: about_whole, part: (kind, described)}
    )
