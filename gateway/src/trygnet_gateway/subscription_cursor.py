"""Where a live incident subscription stands, so that a client can go on from there.

Every gateway replica reads the whole incidents topic; a change it hands a subscriber
carries a cursor: the next offset on every partition of the topic once that change is
read. Offsets are the topic's own, the same for every replica, so when the gateway
holding a subscription goes away (a crash, a rolling restart), the client subscribes on
another with ``after`` set to the last cursor it received and is sent every change it
has not had: those read since from the topic, then the live ones, none twice.

A cursor is signed with the platform's cursor key like every list's cursor
(``trygnet_core.paging.Cursors``: the same key on every gateway and service) and names
the municipality it was sent to. So a cursor made up or edited (``0:0``, to have the
gateway read the whole topic again), or one sent to another municipality, is
``BAD_USER_INPUT`` naming ``after`` before anything is read.
"""

from __future__ import annotations

from collections.abc import Mapping

from trygnet_core.errors import BadUserInput
from trygnet_core.paging import Cursors


def cursor_of(cursors: Cursors, tenant: str, offsets: tuple[int, ...]) -> str:
    """The cursor of a change sent to ``tenant``; ``offsets`` in partition order."""
    return cursors.encode(tenant, *offsets)


def parse_cursor(
    cursors: Cursors, after: str, tenant: str, partitions: Mapping[int, int]
) -> dict[int, int]:
    """The offset per partition ``after`` names, or BAD_USER_INPUT naming ``after``:
    signed by the platform, sent to this municipality, one offset per partition the
    topic has (``partitions``, the hub's positions)."""
    key = cursors.decode(after, 1 + len(partitions))
    offsets = key[1:]
    if key[0] != tenant or not all(isinstance(o, int) and o >= 0 for o in offsets):
        raise BadUserInput("after is not a cursor from this list", field="after")
    return dict(zip(sorted(partitions), (int(o) for o in offsets), strict=True))
