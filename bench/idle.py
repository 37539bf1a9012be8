"""What ``make run`` costs while nobody uses it: the CPU of every process of the
platform (the embedded broker, each service, the gateway, the portal) over a quiet
minute after its demo data is loaded, in per cent of one core.

    uv run python -m bench.idle                # 60 s measured, results kept
    uv run python -m bench.idle --quick        # 15 s, results not saved

``trygnet-run`` runs in a process of its own on an empty folder with the demo data;
once it says it is ready and a settling pause has passed, the CPU time of each process
of its tree is read from ``/proc`` at the start and at the end of the window. A full
run writes ``bench/idle.json`` and the section of ``docs/benchmarks.md``. Nothing here
asserts a figure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from bench.machine import machine_facts
from bench.platform import start

GOAL_PER_CENT: Final = 2.0
SETTLE_SECONDS: Final = 15.0
TICKS: Final = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a process, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after the command's name
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def _tree(root: int) -> dict[int, float]:
    """CPU seconds of ``root`` and of every process below it."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) is not None:
            parents[int(entry.name)], used[int(entry.name)] = found
    inside = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in inside and pid not in inside:
                inside.add(pid)
                grew = True
    return {pid: used[pid] for pid in inside if pid in used}


async def measure(seconds: float, tenants: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="trygnet-idle-") as where:
        platform = await start(Path(where) / ".trygnet", tenants)
        try:
            await asyncio.sleep(SETTLE_SECONDS)
            before, began = _tree(platform.process.pid), time.monotonic()
            await asyncio.sleep(seconds)
            after, took = _tree(platform.process.pid), time.monotonic() - began
            known = {pid: name for name, pid in platform.pids().items()}
            names = {pid: known.get(pid, "trygnet-run and its helpers") for pid in after}
        finally:
            await platform.stop()
    by_name: dict[str, float] = defaultdict(float)
    for pid, used in after.items():
        by_name[names[pid]] += used - before.get(pid, 0.0)
    per_cent = {name: round(100 * used / took, 2) for name, used in sorted(by_name.items())}
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(),
        "tenants": tenants,
        "seconds": round(took, 1),
        "goal_per_cent": GOAL_PER_CENT,
        "per_cent_of_a_core": per_cent,
        "total_per_cent": round(sum(per_cent.values()), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="15 s measured, results not saved")
    parser.add_argument("--tenants", type=int, default=8, help="municipalities in the demo")
    args = parser.parse_args()
    results = asyncio.run(measure(15.0 if args.quick else 60.0, args.tenants))
    for name, share in results["per_cent_of_a_core"].items():
        print(f"{name:>12}: {share:5.2f} % of a core")
    print(f"{'all':>12}: {results['total_per_cent']:5.2f} % of a core over {results['seconds']} s")
    if not args.quick:
        from bench import report

        report.keep("idle", results)


if __name__ == "__main__":
    main()
