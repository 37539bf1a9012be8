"""Trygnet's side of an append line: asyncio tasks appending through an ``EventStore``.

Each command carries what a service's command handler gives the store: the
tenant, the stream and its type, the expected version, the events and the
metadata (actor and causation id); the store adds event ids, positions, time,
correlation and trace context, and the outbox's transaction id. With
``unit_of_work`` each append runs inside ``store.transaction()``, as a handler
runs it; without, it is an append of its own.
"""

from __future__ import annotations

import asyncio
import gc
import time
import uuid
from functools import partial

from bench.workload import (
    ACTOR,
    COMMANDS_PER_STREAM,
    EVENT_TYPE,
    STREAM_TYPE,
    TENANT,
    Shape,
    Timing,
    expected_version,
    timeline_entry,
)
from trygnet_core.envelope import NewEvent
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId


async def run_trygnet_writers(
    store: EventStore,
    shape: Shape,
    *,
    commands_per_writer: int,
    tag: str,
    unit_of_work: bool = False,
) -> Timing:
    """``shape.writers`` concurrent tasks, each appending ``commands_per_writer`` commands."""
    tenant = TenantId(TENANT)
    size = shape.events_per_command

    async def writer(number: int) -> None:
        for command in range(commands_per_writer):
            stream_number = command // COMMANDS_PER_STREAM
            expected = expected_version(command, size)
            append = partial(
                store.append,
                tenant=tenant,
                stream_id=f"incident-{tag}-w{number}-{stream_number}",
                stream_type=STREAM_TYPE,
                expected_version=expected,
                events=[
                    NewEvent(type=EVENT_TYPE, data=timeline_entry(stream_number, expected + i))
                    for i in range(1, size + 1)
                ],
                metadata={"actor": ACTOR, "causation_id": str(uuid.uuid4())},
            )
            if unit_of_work:
                async with store.transaction() as tx:
                    await append(tx)
            else:
                await append()

    gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    await asyncio.gather(*(writer(number) for number in range(shape.writers)))
    seconds = time.perf_counter() - start
    commands = commands_per_writer * shape.writers
    return Timing(
        commands=commands,
        events=commands * size,
        seconds=seconds,
        cpu_seconds=time.process_time() - cpu,
    )
