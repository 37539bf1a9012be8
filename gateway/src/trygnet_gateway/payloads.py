"""What a mutation answers: ``position`` (the ``Payload`` interface) beside the objects
the write changed, each payload type built from one line that names it:

    ForumPayload = payload(
        "ForumPayload", "What a write to a forum answers.", forum=(Forum, AFTER_WRITE % "forum")
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
