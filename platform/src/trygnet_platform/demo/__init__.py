"""Demo data shaped like the real world (DOMAIN.md), written through the public GraphQL
API as each municipality's coordinator would: deterministic, so every run looks alike.

- ``0101`` Copenhagen: Tingbjerg-Husum as the study counted it (60 actors, 37
  activities, 7 fora with meetings, 13 after-school-job actors sharing no forum), the
  safety partnership and its mandate, a shooting and an extortion case with the whole
  joint response, safety walks, the strategy and the safety index over five years;
- ``0851`` Aalborg: the joint strategy's seven focus areas, indicators, safety walks,
  89 % feeling safe in every district;
- ``0126`` Huddinge: Vårby gård's projects, and the partnership against crime formed
  over them;
- then synthetic Danish municipalities (real kommunekoder), seeded, up to ``tenants``
  in all, so the national tables have figures;
- then the exchange between them: Aalborg and Vårby gård share practices, the national
  body publishes support offers (``exchange.py``).

Loading is idempotent: a municipality whose world is complete is not written again,
and one holding only part of it (a first load interrupted half-way) is left alone with
a progress line saying so; delete the run's folder (``.trygnet/``) to start afresh
(``presence.py``). ``python -m trygnet_platform.demo`` loads into a running platform.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from trygnet_platform.demo.exchange import load_exchange
from trygnet_platform.demo.load import Loader, LoadFailed, Written
from trygnet_platform.demo.world import World
from trygnet_platform.demo.worlds import load_world, load_worlds, plan
from trygnet_platform.tokens import DemoActors, DemoTokens

__all__ = [
    "LoadFailed",
    "Loader",
    "World",
    "Written",
    "load_demo",
    "load_world",
    "load_worlds",
    "plan",
]


async def load_demo(
    http: httpx.AsyncClient,
    tokens: DemoTokens,
    *,
    tenants: int = 8,
    seed: int = 2026,
    say: Callable[[str], None] = print,
    written: Written | None = None,
) -> dict[str, DemoActors]:
    """Loads the first ``tenants`` municipalities (those not there yet) through the
    gateway at ``http.base_url``; answers, for each, the actors its demo partner and
    police tokens work for, and keeps the positions written in ``written`` (by
    municipality). Raises ``LoadFailed`` if the platform refuses a write."""
    worlds = plan(tenants, seed)
    actors = await load_worlds(http, tokens, worlds, say=say, written=written)
    if worlds:  # no municipality, no exchange between them (and no gateway asked)
        codes = {world.code for world in worlds}
        await load_exchange(http, tokens, codes, say=say, written=written)
    return actors
