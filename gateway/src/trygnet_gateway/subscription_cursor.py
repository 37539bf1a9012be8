"""Where a live incident subscription stands, so that a client can go on from there.

Every gateway replica reads the whole incidents topic; a change it hands a subscriber
carries a cursor: the next offset on every partition of the topic once that change is
read (``0:1042,1:977,2:1013,3:1120``). Offsets are the topic's own, the same for every
replica, so when the gateway holding a subscription goes away (a crash, a rolling
restart), the client subscribes on another with ``after`` set to the last cursor it
received and is sent every change it has not had: those read since from the topic,
then the live ones, none twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from trygnet_core.errors import BadUserInput

_CURSOR: Final = re.compile(r"\d{1,6}:\d{1,19}(,\d{1,6}:\d{1,19}){0,1023}")


def cursor_text(positions: Mapping[int, int]) -> str:
    return ",".join(f"{partition}:{offset}" for partition, offset in sorted(positions.items()))


def parse_cursor(text: str) -> dict[int, int]:
    """The offsets a cursor names, or BAD_USER_INPUT naming ``after``."""
    if not _CURSOR.fullmatch(text):
        raise BadUserInput(
            "after is the cursor of a change this subscription sent (partition:offset,…)",
            field="after",
        )
    pairs = (pair.split(":") for pair in text.split(","))
    return {int(partition): int(offset) for partition, offset in pairs}
