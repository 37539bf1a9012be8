"""``trygnet-reporting rebuild --workers N`` on the topics a benchmark made under names of
its own: the command's code in a process of its own, as an operator runs it.

    python -m bench.rebuild_run DATABASE_URL BOOTSTRAP_SERVERS TOPICS_JSON WORKERS

Prints ``ready`` once imported (``bench.reporting`` times from there), then exits with the
command's code."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid

from trygnet_core.auth import AuthSettings
from trygnet_reporting.rebuild_command import rebuild
from trygnet_reporting.settings import Settings


def main() -> None:
    url, bootstrap_servers, named, workers = sys.argv[1:5]
    topics = json.loads(named)
    settings = Settings(
        database_url=url,
        bootstrap_servers=bootstrap_servers,
        auth=AuthSettings(dev_mode=True, dev_secret="bench-" + uuid.uuid4().hex),
        actors_topic=topics["actors"],
        activities_topic=topics["activities"],
        incidents_topic=topics["incidents"],
        consumer_options=(("batch_size", 5000),),
    )
    print("ready", flush=True)
    sys.exit(asyncio.run(rebuild(settings, int(workers))))


if __name__ == "__main__":
    main()
