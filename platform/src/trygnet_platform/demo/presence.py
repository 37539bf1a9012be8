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
from trygnet_platform.tokens import DemoActors

PRESENCE = """
query($partner: String, $police: String) {
  areas(includeRetired: true) { id }
  actors(first: 1) { totalCount }
  partner: actors(externalId: $partner, first: 1) { edges { node { id } } }
  police: actors(externalId: $police, first: 1) { edges { node { id } } }
  strategy { safetyIndexResults { period } }
}"""


class Presence(enum.Enum):
    EMPTY = "empty"
    COMPLETE = "complete"
    PARTIAL = "partial"


@dataclass(frozen=True)
class Found:
    presence: Presence
    actors: DemoActors
    """The ids of the world's partner and police actors, if they are there."""


async def found(loader: Loader, world: World) -> Found:
    """Found by their external ids (a world's actor keys are their external ids)."""
    data = await loader.read(PRESENCE, partner=world.partner or "", police=world.police or "")
    actors = DemoActors(
        partner=next((e["node"]["id"] for e in data["partner"]["edges"]), None),
        police=next((e["node"]["id"] for e in data["police"]["edges"]), None),
    )
    strategy = data["strategy"]
    if strategy and strategy["safetyIndexResults"]:
        return Found(Presence.COMPLETE, actors)
    if not data["areas"] and not data["actors"]["totalCount"] and strategy is None:
        return Found(Presence.EMPTY, DemoActors())
    return Found(Presence.PARTIAL, actors)
