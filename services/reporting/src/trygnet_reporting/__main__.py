"""``trygnet-reporting``: run the reporting service (``--port``, default 8104), or
``trygnet-reporting rebuild [--workers N]``: drop every projection, replay the topics
from the start while printing progress, and stop once caught up. The command runs with
the service stopped: it reads the partitions itself, with no consumer group to join,
split over ``N`` processes (1 by default; ``rebuild_command``)."""

from __future__ import annotations

import asyncio
import sys

from trygnet_core.serving import command_line, serve
from trygnet_reporting.bootstrap import Settings, create_app
from trygnet_reporting.rebuild_command import rebuild


def main() -> None:
    parser = command_line("trygnet-reporting", __doc__, 8104)
    parser.add_argument("command", nargs="?", choices=["serve", "rebuild"], default="serve")
    parser.add_argument(
        "--workers", type=int, default=1, help="rebuild: processes to split the replay over"
    )
    args = parser.parse_args()
    if args.command == "rebuild":
        sys.exit(asyncio.run(rebuild(Settings.from_env(), args.workers)))
    serve(create_app(), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
