"""The demo worlds: which municipalities (``plan``), and loading them all at once
(``load_worlds``), each only if it is not there yet (``presence.py``)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence

import httpx

from trygnet_platform.demo import aalborg, copenhagen, huddinge, municipalities, synthetic
from trygnet_platform.demo.load import Loader, Written, gates, note
from trygnet_platform.demo.presence import Presence, found
from trygnet_platform.demo.world import World
from trygnet_platform.demo.write import WorldWriter
from trygnet_platform.tokens import DemoActors, DemoTokens

Say = Callable[[str], None]
MOST: int = len(municipalities.NAMED) + len(municipalities.SYNTHETIC)


def plan(tenants: int = 8, seed: int = 2026) -> tuple[World, ...]:
    """The first ``tenants`` worlds: Copenhagen, Aalborg and Huddinge, then synthetic
    Danish municipalities in code order (at most ``MOST`` in all)."""
    if not 0 <= tenants <= MOST:
        raise ValueError(f"tenants is from 0 to {MOST}, not {tenants}")
    named = (copenhagen.world(), aalborg.world(), huddinge.world())
    drawn = tuple(
        synthetic.world(code, town, seed)
        for code, town in municipalities.SYNTHETIC[: max(0, tenants - len(named))]
    )
    return (*named, *drawn)[:tenants]


async def load_world(loader: Loader, world: World, *, say: Say = print) -> DemoActors:
    """Loads ``world`` into the municipality of ``loader``'s token unless it is there;
    answers the ids of its partner and police actors (``None`` where it has none, or
    they are not there)."""
    began = time.monotonic()
    there = await found(loader, world)
    name = f"{world.code} {world.label}"
    if there.presence is Presence.COMPLETE:
        say(f"{name}: already loaded")
        return there.actors
    if there.presence is Presence.PARTIAL:
        say(
            f"{name}: holds part of the demo data only (an earlier load stopped half-way?); "
            "loading it again would double it, so it is left as it is: stop the platform "
            "and delete its folder (.trygnet/) to load everything afresh"
        )
        return there.actors
    try:
        actors = await WorldWriter(loader, world).write()
    except BaseExceptionGroup as group:
        raise _first(group) from None
    say(f"{name}: {world.summary()} loaded in {time.monotonic() - began:.1f} s")
    return actors


async def load_worlds(
    http: httpx.AsyncClient,
    tokens: DemoTokens,
    worlds: Sequence[World],
    *,
    say: Say = print,
    written: Written | None = None,
) -> dict[str, DemoActors]:
    """Every world at once, as its municipality's coordinator, sharing the gates; what
    each wrote in ``written``."""
    shared = gates()
    loaders = {world.code: Loader(http, tokens.coordinator(world.code), shared) for world in worlds}
    try:
        async with asyncio.TaskGroup() as group:
            loading = {
                world.code: group.create_task(load_world(loaders[world.code], world, say=say))
                for world in worlds
            }
    except BaseExceptionGroup as failed:
        raise _first(failed) from None
    for code, loader in loaders.items():
        note(written, code, loader)
    return {code: task.result() for code, task in loading.items()}


def _first(group: BaseExceptionGroup[BaseException]) -> BaseException:
    error = group.exceptions[0]
    return _first(error) if isinstance(error, BaseExceptionGroup) else error
