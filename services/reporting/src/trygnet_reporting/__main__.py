"""``trygnet-reporting``: run the reporting service (``--port``, default 8104), or
``trygnet-reporting rebuild``: drop every projection, replay the topics from the
start while printing progress, and stop once caught up. The command runs with the
service stopped: it reads every partition itself, with no consumer group to join."""

from __future__ import annotations

import asyncio
import sys

from trygnet_core.database import create_engine, migrate
from trygnet_core.serving import command_line, serve
from trygnet_reporting.bootstrap import Settings, consumer, create_app, migrations
from trygnet_reporting.rebuild import Rebuilds


def main() -> None:
    parser = command_line("trygnet-reporting", __doc__, 8104)
    parser.add_argument("command", nargs="?", choices=["serve", "rebuild"], default="serve")
    args = parser.parse_args()
    if args.command == "rebuild":
        sys.exit(asyncio.run(rebuild(Settings.from_env())))
    serve(create_app(), host=args.host, port=args.port)


async def rebuild(settings: Settings) -> int:
    """Replay everything into the settings' database; 0 once caught up."""
    if not settings.bootstrap_servers:
        print("KAFKA_BOOTSTRAP_SERVERS is not set: nothing to replay from", file=sys.stderr)
        return 2
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine, version_locations=[migrations()])
        rebuilds = Rebuilds(consumer(settings, engine, every_partition=True))
        await rebuilds.start()
        await rebuilds.consumer.start()
        try:
            while True:
                await asyncio.sleep(0.5)
                progress = await rebuilds.progress()
                print(
                    f"applied {progress['applied']} of {progress['end']} messages"
                    f" ({progress['percent'] or 0} %)",
                    file=sys.stderr,
                    flush=True,
                )
                if progress["state"] == "done":
                    print(f"rebuilt in {progress['seconds']} s", file=sys.stderr)
                    return 0
        finally:
            await rebuilds.consumer.stop()
    finally:
        await engine.dispose()


if __name__ == "__main__":
    main()
