"""The lean write path's goals, one row each: the figure the last run of its benchmark
reached, the yardstick of the same run where there is one, the goal, and the command
that measures it. Read from the benchmarks' own files (``bench/*.json``); a goal whose
benchmark has not been run says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.markdown import TIMES, table

BENCH = Path(__file__).resolve().parent


def _load(name: str) -> dict[str, Any] | None:
    path = BENCH / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _ratios(results: dict[str, Any], backend: str, writers: int | None = None) -> str:
    lines = [
        line["ratio"]["trygnet"]
        for line in results.get("appends", [])
        if line["backend"] == backend and (writers is None or line["writers"] == writers)
    ]
    return f"{min(lines):.2f}{TIMES} to {max(lines):.2f}{TIMES}" if lines else "not run"


def _write_read(found: dict[str, Any] | None, clients: int) -> str:
    if not found:
        return "not run"
    for r in found["rounds"]:
        if r["clients"] == clients:
            op = r["operation_ms"]
            return (
                f"p50 {op['p50']:.0f} ms, p99 {op['p99']:.0f} ms ({r['operations_per_second']} "
                "operations/s)"
            )
    return "not run"


def _platform(found: dict[str, Any] | None) -> tuple[str, str, str]:
    """One mutation's p50, CPU per command at the highest rate asked, the most commands a
    second taken with the lag's p99 within 100 ms."""
    if not found:
        return "not run", "not run", "not run"
    graph = found["graphql_ms"]
    mutation = graph.get("registerActor (position only)")
    one = f"p50 {mutation['p50']:.1f} ms (registerActor)" if mutation else "not measured"
    busiest = max(found["lag"], key=lambda r: r["rate"])
    cpu = f"{busiest['cpu_ms_per_command_total']:.1f} ms (at {busiest['rate']}/s asked)"
    within = [r for r in found["lag"] if r["lag_ms"] and r["lag_ms"]["p99"] <= 100]
    best = max(within, key=lambda r: r["achieved_per_second"], default=None)
    rate = (
        f"{best['achieved_per_second']}/s at p99 {best['lag_ms']['p99']:.0f} ms"
        if best
        else "none within 100 ms"
    )
    top = max(found["lag"], key=lambda r: r["achieved_per_second"])
    rate += f" (at most {top['achieved_per_second']}/s, p99 {top['lag_ms']['p99']:.0f} ms)"
    return one, cpu, rate


def section(results: dict[str, Any]) -> str:
    """The goals' table for ``docs/benchmarks.md``."""
    write_read = _load("write_read")
    one, cpu, rate = _platform(_load("platform"))
    relay = {r["backend"]: r for r in results.get("relay", [])}
    rebuild = _load("reporting")
    idle = _load("idle")
    rebuilt = (
        ", ".join(
            f"{r['database']} with {r.get('workers', 1)} "
            f"{'process' if r.get('workers', 1) == 1 else 'processes'}: "
            f"{r['events_per_second']:,} ev/s whole"
            + (
                f" ({r['events_per_cpu_second']:,} per CPU second)"
                if "events_per_cpu_second" in r
                else f" ({r['applying_events_per_second']:,} applying)"
            )
            for r in rebuild["rebuild"]
        )
        if rebuild
        else "not run"
    )
    rows = [
        [
            "write → consistent network read, 16 clients, p99",
            _write_read(write_read, 16),
            "≤ 50 ms",
            "`bench.write_read`",
        ],
        [
            "same, 1 client, p50 / p99",
            _write_read(write_read, 1),
            "≤ 20 / ≤ 40 ms",
            "`bench.write_read`",
        ],
        ["one mutation through the gateway, 1 client, p50", one, "≤ 8 ms", "`bench.platform`"],
        ["CPU per command, all processes", cpu, "≤ 3 ms", "`bench.platform`"],
        ["commands/s through the gateway at lag p99 ≤ 100 ms", rate, "≥ 400", "`bench.platform`"],
        [
            "appends vs eventsourcing, SQLite, every line",
            _ratios(results, "sqlite") + f" (8 writers: {_ratios(results, 'sqlite', 8)})",
            f"≥ 1.0{TIMES}, ≥ 1.5{TIMES} with 8 writers",
            "`bench.kernel`",
        ],
        [
            "appends vs eventsourcing, PostgreSQL, every line",
            _ratios(results, "postgresql"),
            f"≥ 1.5{TIMES}",
            "`bench.kernel`",
        ],
        [
            "relay vs a bare aiokafka producer, same broker",
            ", ".join(f"{name} {r['ratio']:.2f}{TIMES}" for name, r in relay.items()) or "not run",
            f"≥ 0.8{TIMES}",
            "`bench.kernel`",
        ],
        ["projection rebuild", rebuilt, "≥ 50,000 ev/s", "`bench.reporting`"],
        [
            "`make run` idle CPU, all processes",
            f"{idle['total_per_cent']:.1f} % of a core" if idle else "not run",
            "≤ 2 %",
            "`bench.idle`",
        ],
    ]
    return (
        "## The write path's goals\n\n"
        "Each goal with the figure of its benchmark's last run (`uv run python -m "
        "<command>`; the sections below give each run's date, its yardstick in the same "
        "run and where the time goes).\n\n"
        + table(["measure", "reached", "goal", "measured by"], rows)
    )
