"""Whether a municipality's demo world is already in the platform, read from the
platform itself (no marker file), in one query.

The loader writes a world's safety-index results last, once every other write of the
world has been accepted (``write.py``), in one atomic command. So:

- safety-index results are there: the world is complete; nothing is written again;
- no area, no actor and no strategy: the municipality is empty; the world is loaded;
- anything else: an earlier load stopped half-way (or someone else wrote there).
  Writing the world again would double what is there, so nothing is written; the
  progress line says to delete the run's folder and start afresh.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from trygnet_platform.demo.load import Loader
from trygnet_platform.demo.world import World

PRESENCE = """
query($search: String) {
  areas(includeRetired: true) { id }
  actors(first: 1) { totalCount }
  partner: actors(search: $search, first: 20) { edges { node { id externalId } } }
  strategy { safetyIndexResults { period } }
}"""


class Presence(enum.Enum):
    EMPTY = "empty"
    COMPLETE = "complete"
    PARTIAL = "partial"


@dataclass(frozen=True)
class Found:
    presence: Presence
    partner: str | None
    """The id of the world's partner actor, if it is there."""


async def found(loader: Loader, world: World) -> Found:
    search = world.actor(world.partner).name if world.partner else None
    data = await loader.read(PRESENCE, search=search)
    partner = next(
        (
            edge["node"]["id"]
            for edge in data["partner"]["edges"]
            if world.partner and edge["node"]["externalId"] == world.partner
        ),
        None,
    )
    strategy = data["strategy"]
    if strategy and strategy["safetyIndexResults"]:
        return Found(Presence.COMPLETE, partner)
    if not data["areas"] and not data["actors"]["totalCount"] and strategy is None:
        return Found(Presence.EMPTY, None)
    return Found(Presence.PARTIAL, partner)
