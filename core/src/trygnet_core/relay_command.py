"""``trygnet-relay``: run a service's outbox relay as its own process.

    trygnet-relay --service actors --database-url sqlite:///.trygnet/actors.db

The service itself then runs without one (``TRYGNET_RELAY=separate``), so that it can
have several replicas while one relay publishes its topic. The relay brings the
database to the service's revisions (those of the installed ``trygnet_<service>``
package, or ``--migrations``) before it starts, as the service does.

The broker comes from ``--bootstrap-servers`` or ``KAFKA_BOOTSTRAP_SERVERS``; the
topic defaults to ``trygnet.<service>``. Stops cleanly on SIGTERM or Ctrl-C, releasing
its lease. Several may run for one topic: the one holding the topic's lease publishes
(``trygnet_core.relay_lease``; ``TRYGNET_RELAY_LEASE_SECONDS``, ``TRYGNET_RELAY_HOLDER``),
the others stand by.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import importlib.util
import os
import signal

from trygnet_core.database import create_engine, migrate
from trygnet_core.relay import OutboxRelay
from trygnet_core.relay_settings import RelaySettings
from trygnet_core.service_settings import migrations_of
from trygnet_core.store import EventStore
from trygnet_core.telemetry import configure_logging


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="trygnet-relay", description=__doc__.splitlines()[0])
    parser.add_argument("--service", required=True, help="the service whose events to publish")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL"), help="the service database"
    )
    parser.add_argument("--topic", help="default: trygnet.<service>")
    parser.add_argument("--bootstrap-servers", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS"))
    parser.add_argument(
        "--partitions",
        type=int,
        help="of the topic it creates (default: TRYGNET_RELAY_PARTITIONS, 4)",
    )
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument(
        "--migrations", help="the service's Alembic revisions (default: its installed package's)"
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is required")
    if not args.bootstrap_servers:
        parser.error("--bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) is required")
    if args.partitions is not None and not 1 <= args.partitions <= 1000:
        parser.error(f"--partitions must be from 1 to 1000, not {args.partitions}")
    return args


def _service_migrations(args: argparse.Namespace) -> list[str]:
    if args.migrations:
        return [args.migrations]
    package = f"trygnet_{args.service}"
    return [migrations_of(package)] if importlib.util.find_spec(package) else []


async def run(args: argparse.Namespace) -> None:
    settings = RelaySettings.from_env()
    if args.partitions is not None:  # the option before the environment
        settings = dataclasses.replace(settings, partitions=args.partitions)
    engine = create_engine(args.database_url)
    await migrate(engine, version_locations=_service_migrations(args))
    relay = OutboxRelay(
        EventStore(engine),
        service=args.service,
        topic=args.topic or f"trygnet.{args.service}",
        bootstrap_servers=args.bootstrap_servers,
        batch_size=args.batch_size,
        **settings.options(),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await relay.start()
    try:
        await stop.wait()
    finally:
        await relay.stop()
        await engine.dispose()


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    configure_logging(f"{args.service}-relay")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
