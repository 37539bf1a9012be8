"""``trygnet-reporting rebuild [--workers N]``: every projection dropped and replayed from
the topics, by one process or split over ``N``.

The command's own process drops the projections and the consumer's positions
(``Rebuilds.start``, one transaction), then it and ``N - 1`` processes it starts each
read a share of the partitions (``Share``: every ``N``-th in topic and partition order)
from offset 0. A stream's events are all on one partition, so each stream is replayed by
one process; their batches take turns at the database as replicas' do, while the
fetching and parsing of the messages, most of a rebuild's work, run side by side. Each
process prints its progress and stops once its share is caught up; the command ends
with 0 when every one has, and with 1 (the others stopped) as soon as one fails. More
workers than partitions would have nothing to read: ``N`` is lowered to their number.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event

from trygnet_core.consumer import Consumer
from trygnet_core.consumer_partitions import Share, partitions_of
from trygnet_core.database import create_engine, migrate
from trygnet_reporting.rebuild import Rebuilds, caught_up, percent
from trygnet_reporting.settings import Settings, consumer, migrations

PRINT_EVERY = 0.5


async def rebuild(settings: Settings, workers: int = 1) -> int:
    """Replay everything into the settings' database; 0 once every share caught up."""
    if not settings.bootstrap_servers:
        print("KAFKA_BOOTSTRAP_SERVERS is not set: nothing to replay from", file=sys.stderr)
        return 2
    if workers < 1:
        print(f"--workers must be 1 or more, not {workers}", file=sys.stderr)
        return 2
    found = await partitions_of(settings.bootstrap_servers, settings.topics)
    workers = max(1, min(workers, len(found)))
    spawn = multiprocessing.get_context("spawn")
    dropped = spawn.Event()  # the helpers import meanwhile, and start once it is set
    helpers = [
        spawn.Process(target=run_share, args=(settings, Share(k, workers), dropped), daemon=True)
        for k in range(1, workers)
    ]
    for helper in helpers:
        helper.start()
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine, version_locations=[migrations()])
        rebuilds = Rebuilds(consumer(settings, engine, share=Share(0, workers)))
        began = time.monotonic()
        await rebuilds.start()  # dropped and committed before any share starts
        dropped.set()
        done = await follow(rebuilds.consumer, helpers)
    finally:
        for helper in helpers:
            if helper.is_alive():
                helper.terminate()
            helper.join()
        await engine.dispose()
    if not done or any(helper.exitcode != 0 for helper in helpers):
        print("the rebuild failed: run it again", file=sys.stderr)
        return 1
    print(f"rebuilt in {time.monotonic() - began:.2f} s", file=sys.stderr)
    return 0


def run_share(settings: Settings, share: Share, dropped: Event) -> None:
    """A helper process: once the projections are ``dropped``, replay ``share`` of the
    partitions, then exit (0 once caught up; 1 if the command ended before the drop)."""
    command = os.getppid()
    while not dropped.wait(1.0):
        if os.getppid() != command:  # the command is gone: nothing to replay for
            sys.exit(1)
    sys.exit(asyncio.run(_replay_share(settings, share)))


async def _replay_share(settings: Settings, share: Share) -> int:
    engine = create_engine(settings.database_url)
    try:
        done = await follow(consumer(settings, engine, share=share), [])
        return 0 if done else 1
    finally:
        await engine.dispose()


async def follow(reading: Consumer, helpers: Sequence[BaseProcess]) -> bool:
    """Run ``reading`` until its share is caught up and every helper has exited; False as
    soon as a helper fails."""
    await reading.start()
    label = "" if reading.share.of == 1 else f"share {reading.share}: "
    try:
        mine = False
        while not mine or any(helper.is_alive() for helper in helpers):
            await asyncio.sleep(PRINT_EVERY)
            if any(helper.exitcode not in (None, 0) for helper in helpers):
                return False
            if mine:
                continue
            reached = await reading.progress()
            print(
                f"{label}applied {reached['applied']:.0f} of {reached['end']:.0f} messages"
                f" ({percent(reached) or 0} %)",
                file=sys.stderr,
                flush=True,
            )
            mine = caught_up(reached)
        return True
    finally:
        await reading.stop()
