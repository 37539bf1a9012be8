"""How long ``make run`` takes to be ready: the first start on an empty folder (the
databases migrated, the demo data loaded through the GraphQL API) and restarts on
the same folder (the data there, a new empty broker to which every service publishes
its events again).

    uv run python -m bench.startup               # 1 first start and 3 restarts
    uv run python -m bench.startup --quick       # 1 and 1, results not saved

Each start is ``trygnet-run --exit-when-ready`` in a process of its own, timed from
the moment it is started (as ``make run`` after the install) to the line saying it
is ready; ``.trygnet/run.json`` says when it served and how long the demo load took.
A full run writes ``bench/startup.json`` and the section of ``docs/benchmarks.md``.
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from bench.machine import machine_facts
from trygnet_core.broker import free_port

BENCH: Final = Path(__file__).resolve().parent
GOAL_SECONDS: Final = 15.0


async def start_once(folder: Path, tenants: int) -> dict[str, float]:
    began = time.monotonic()
    env = {key: value for key, value in os.environ.items() if key != "KAFKA_BOOTSTRAP_SERVERS"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "trygnet_platform.run",
        "--exit-when-ready",
        "--folder",
        str(folder),
        "--port",
        str(free_port()),
        "--tenants",
        str(tenants),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**env, "NO_COLOR": "1"},
    )
    assert process.stdout is not None
    ready_at = None
    tail: list[str] = []
    while line := await process.stdout.readline():
        text = line.decode(errors="replace").rstrip()
        tail = [*tail[-40:], text]
        if ready_at is None and "Trygnet is ready after" in text:
            ready_at = time.monotonic() - began
    if await process.wait() != 0 or ready_at is None:
        raise RuntimeError("trygnet-run did not get ready:\n" + "\n".join(tail))
    run = json.loads((folder / "run.json").read_text())
    return {
        "ready_seconds": round(ready_at, 2),
        "serving_seconds": run["serving_seconds"],
        "demo_seconds": run.get("demo_seconds", 0.0),
    }


async def measure(restarts: int, tenants: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="trygnet-startup-") as where:
        folder = Path(where) / ".trygnet"
        first = await start_once(folder, tenants)
        print(f"first start: ready after {first['ready_seconds']} s", flush=True)
        again = []
        for _ in range(restarts):
            again.append(await start_once(folder, tenants))
            print(f"restart: ready after {again[-1]['ready_seconds']} s", flush=True)
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(),
        "tenants": tenants,
        "goal_seconds": GOAL_SECONDS,
        "first": first,
        "restarts": again,
        "restart_median": {
            key: round(statistics.median(start[key] for start in again), 2) for key in first
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one restart, results not saved")
    parser.add_argument("--tenants", type=int, default=8, help="municipalities in the demo")
    args = parser.parse_args()
    results = asyncio.run(measure(1 if args.quick else 3, args.tenants))
    print(json.dumps(results["first"]), json.dumps(results["restart_median"]))
    if not args.quick:
        (BENCH / "startup.json").write_text(json.dumps(results, indent=2) + "\n")
        from bench import report

        report.main()


if __name__ == "__main__":
    main()
