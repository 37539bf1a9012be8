"""Where an append's time goes: trips to the database per command, and a profile.

Measured live on every run, so the report's explanation follows the figures:

- SQLite: *thread hops* per command. aiosqlite runs every driver call (cursor,
  execute, fetch, close, commit, rollback) on the connection's own thread and
  wakes the event loop with the result; the count wraps
  ``aiosqlite.core.Connection._execute`` (and executor jobs, for the writer-thread
  prototype) for the length of one measurement.
- PostgreSQL: *round trips* per command: writes on the socket transport asyncpg
  uses (it waits for the answer to each one), counted by wrapping
  ``_SelectorSocketTransport.write`` for the length of one measurement.
- the latency of one bare hop (``SELECT 1`` through aiosqlite) or round trip
  (``SELECT 1`` through asyncpg), so hops x latency can be set against the
  time per command;
- a cProfile of the kernel's appends (one writer), its time grouped by where it
  is spent. cProfile slows Python code down, so the shares lean towards
  Python; they locate the time, the rates come from the unprofiled lines.

The counting wraps private attributes of third-party classes. That is fine for
a measurement that restores them at once, and is never done outside ``bench/``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import cProfile
import pstats
import time
from asyncio import selector_events
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

import aiosqlite
import aiosqlite.core
import asyncpg

from bench.contenders import BUILDERS, Runner
from bench.databases import PostgresSite, Site
from bench.workload import COMMANDS_PER_STREAM, Shape

SIZES: Final = (1, 10)
_LATENCY_SAMPLES: Final = 2000

#: (category, test on the profile entry's file name and function name), first match wins.
_CATEGORIES: Final = (
    (
        "waiting for the database (event loop idle)",
        lambda f, n: "epoll" in n or "select.select" in n,
    ),
    ("SQLAlchemy", lambda f, n: "sqlalchemy" in f or "greenlet" in n),
    (
        "driver (aiosqlite, asyncpg)",
        lambda f, n: "aiosqlite" in f or "asyncpg" in f or "SimpleQueue" in n,
    ),
    ("socket send/recv (wire, or the loop's wake-up pipe)", lambda f, n: "_socket.socket" in n),
    (
        "asyncio machinery (loop, tasks, futures, context managers)",
        lambda f, n: (
            any(part in f for part in ("asyncio", "selectors", "contextlib"))
            or "_contextvars" in n
            or "_asyncio" in n
        ),
    ),
    ("event ids", lambda f, n: "uuid" in f or "event_ids" in f),
    ("JSON", lambda f, n: "json" in f or "_json" in n),
    ("Trygnet kernel", lambda f, n: "trygnet_core" in f),
    ("benchmark loop", lambda f, n: "/bench/" in f),
)


@contextmanager
def _counting(owner: Any, attribute: str) -> Iterator[list[int]]:
    """Count calls of ``owner.attribute`` until the block ends, then put it back."""
    original = getattr(owner, attribute)
    count = [0]
    if asyncio.iscoroutinefunction(original):

        async def counted_async(*args: Any, **kwargs: Any) -> Any:
            count[0] += 1
            return await original(*args, **kwargs)

        setattr(owner, attribute, counted_async)
    else:

        def counted(*args: Any, **kwargs: Any) -> Any:
            count[0] += 1
            return original(*args, **kwargs)

        setattr(owner, attribute, counted)
    try:
        yield count
    finally:
        setattr(owner, attribute, original)


async def trips_per_command(site: Site, names: list[str]) -> dict[str, dict[str, float]]:
    """Hops (SQLite) or round trips (PostgreSQL) per command, per contender and size."""
    found: dict[str, dict[str, float]] = {}
    for name in names:
        found[name] = {}
        for size in SIZES:
            shape = Shape(site.backend, 1, size)
            runner = await BUILDERS[name](site, shape, f"diag_{name}_{size}")
            try:
                await runner.run(shape, commands_per_writer=COMMANDS_PER_STREAM, tag="warm")
                found[name][str(size)] = await _count_trips(site, runner, shape)
            finally:
                await runner.close()
    return found


async def _count_trips(site: Site, runner: Runner, shape: Shape) -> float:
    commands = COMMANDS_PER_STREAM
    if isinstance(site, PostgresSite):
        transport = selector_events._SelectorSocketTransport  # type: ignore[attr-defined]
        with _counting(transport, "write") as writes:
            await runner.run(shape, commands_per_writer=commands, tag="count")
        return writes[0] / commands
    with (
        _counting(aiosqlite.core.Connection, "_execute") as hops,
        _counting(concurrent.futures.ThreadPoolExecutor, "submit") as jobs,
    ):
        await runner.run(shape, commands_per_writer=commands, tag="count")
    return (hops[0] + jobs[0]) / commands


async def sqlite_hop_latency(folder: Path) -> float:
    """Microseconds for one bare aiosqlite call (``SELECT 1``), event loop to thread and back."""
    async with aiosqlite.connect(folder / "latency.db") as db:
        await db.execute_fetchall("SELECT 1")
        start = time.perf_counter()
        for _ in range(_LATENCY_SAMPLES):
            await db.execute_fetchall("SELECT 1")
        return (time.perf_counter() - start) / _LATENCY_SAMPLES * 1e6


async def postgres_round_trip_latency(url: str) -> float:
    """Microseconds for one prepared ``SELECT 1`` through asyncpg."""
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.fetchval("SELECT 1")
        start = time.perf_counter()
        for _ in range(_LATENCY_SAMPLES):
            await conn.fetchval("SELECT 1")
        return (time.perf_counter() - start) / _LATENCY_SAMPLES * 1e6
    finally:
        await conn.close()


async def profile_appends(site: Site, *, commands: int) -> dict[str, dict[str, Any]]:
    """The kernel's appends (1 writer) under cProfile: microseconds per command by category."""
    found: dict[str, dict[str, Any]] = {}
    for size in SIZES:
        shape = Shape(site.backend, 1, size)
        runner = await BUILDERS["trygnet"](site, shape, f"profile_{size}")
        try:
            await runner.run(shape, commands_per_writer=COMMANDS_PER_STREAM, tag="warm")
            profiler = cProfile.Profile()
            profiler.enable()
            start = time.perf_counter()
            await runner.run(shape, commands_per_writer=commands, tag="profiled")
            elapsed = time.perf_counter() - start
            profiler.disable()
        finally:
            await runner.close()
        found[str(size)] = {
            "profiled_us_per_command": elapsed / commands * 1e6,
            "us_per_command": _by_category(profiler, commands),
        }
    return found


async def postgres_commit_flush(site: PostgresSite) -> dict[str, float]:
    """Microseconds per one-row autocommit insert, with and without waiting for the WAL flush.

    The difference is what every single-writer command pays for durability,
    whichever library sends it.
    """
    schema = await site.new_schema("flush")
    conn = await asyncpg.connect(
        site.url.replace("postgresql+asyncpg://", "postgresql://"),
        server_settings={"search_path": schema},
    )
    found: dict[str, float] = {}
    try:
        await conn.execute("CREATE TABLE flush (id bigserial PRIMARY KEY, body text)")
        for setting in ("on", "off"):
            await conn.execute(f"SET synchronous_commit = {setting}")
            for _ in range(50):
                await conn.execute("INSERT INTO flush (body) VALUES ($1)", "warm")
            samples = _LATENCY_SAMPLES // 4
            start = time.perf_counter()
            for _ in range(samples):
                await conn.execute("INSERT INTO flush (body) VALUES ($1)", "x" * 200)
            found[f"synchronous_commit_{setting}_us"] = (
                (time.perf_counter() - start) / samples * 1e6
            )
    finally:
        await conn.close()
    return found


#: Where a relay batch spends its time: (label, file name part, function name).
_RELAY_PARTS: Final = (
    ("read committed events (SQL, plain rows)", "event_store.py", "read_for_relay"),
    (
        "build CloudEvents from the rows (headers, metadata JSON decode)",
        "relay_messages.py",
        "relay_messages",
    ),
    (
        "record batches for aiokafka (partitioner, batch building)",
        "relay_batches.py",
        "send_records",
    ),
    ("save the checkpoint", "relay.py", "_save_progress"),
)


def relay_breakdown(profiler: cProfile.Profile, *, seconds: float, events: int) -> dict[str, float]:
    """Microseconds per event of one profiled ``publish_pending``, by part."""
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    found: dict[str, float] = {}
    for label, file_part, function in _RELAY_PARTS:
        found[label] = sum(
            entry[3]
            for (file_name, _line, name), entry in stats.items()
            if name == function and file_part in file_name
        )
    # the relay builds each CloudEvent as it appends it to a record batch: not counted twice
    batches, cloudevents = _RELAY_PARTS[2][0], _RELAY_PARTS[1][0]
    found[batches] = max(0.0, found[batches] - found[cloudevents])
    found["event loop idle (waiting for acks or the database)"] = sum(
        entry[2] for (_f, _l, name), entry in stats.items() if "epoll" in name
    )
    found["everything else"] = max(0.0, seconds - sum(found.values()))
    return {label: value / events * 1e6 for label, value in found.items()}


def _by_category(profiler: cProfile.Profile, commands: int) -> dict[str, float]:
    """Own time by category; a C builtin that fits none is charged to its callers' categories."""
    totals: dict[str, float] = defaultdict(float)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (file_name, _line, function), (_cc, _nc, own_time, _cum, callers) in stats.items():
        if "gc.collect" in function:
            continue  # the benchmark's own collection before the clock starts
        category = _category(file_name, function)
        if category is None and file_name == "~" and callers:
            edges = {caller: edge[2] for caller, edge in callers.items()}
            share = sum(edges.values()) or 1.0
            for (caller_file, _, caller_function), edge_time in edges.items():
                charged = _category(caller_file, caller_function) or "other Python"
                totals[charged] += own_time * edge_time / share
            continue
        totals[category or "other Python"] += own_time
    ordered = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    return {category: seconds / commands * 1e6 for category, seconds in ordered}


def _category(file_name: str, function: str) -> str | None:
    for category, test in _CATEGORIES:
        if test(file_name, function):
            return category
    return None
