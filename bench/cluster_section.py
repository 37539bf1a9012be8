"""The section of ``docs/benchmarks.md`` on Apache Kafka (``bench.cluster``'s figures),
beside the embedded broker's (``bench/results.json``, ``bench/platform.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from bench.markdown import table
from bench.report import lag_cells, versus_bare

BENCH: Final = Path(__file__).resolve().parent


def _embedded(name: str) -> dict[str, Any]:
    path = BENCH / name
    return json.loads(path.read_text()) if path.exists() else {}


def _embedded_ratio(line: dict[str, Any] | None) -> str:
    if line is None:
        return ""
    return (
        f"{line['relay_events_per_second']:,.0f} / {line['bare_events_per_second']:,.0f} "
        f"ev/s = {line['ratio']:.2f}"
    )


def render(found: dict[str, Any], embedded: list[dict[str, Any]]) -> str:
    machine = found["machine"]
    load = found["load_average"]
    embedded_relay = {r["backend"]: r for r in embedded}
    relay = table(
        ["database", "events", "relay", "bare producer", "relay/bare", "embedded: relay/bare"],
        [
            [*versus_bare(r, "relay"), _embedded_ratio(embedded_relay.get(r["backend"]))]
            for r in found["relay"]
        ],
    )
    consumer = table(
        ["database", "events", "kernel's consumer", "bare consumer", "consumer/bare"],
        [versus_bare(c, "consumer") for c in found["consumer"]],
    )
    text = (
        "## On Apache Kafka: three nodes, and the production shape\n\n"
        f"Measured {found['generated_at']} by `{found['command']}` on {machine['broker']} "
        "(`tests/support/kafka.py`: replication 3, `min.insync.replicas=2`, the jars "
        f"`make kafka` fetches; the cluster started in {found['kafka_startup_seconds']} s), "
        f"on the machine above ({machine['cores']} cores, {machine.get('cpu', '')}, "
        f"{machine['memory_gib']} GiB), shared with other work: load average (1, 5, 15 "
        f"minutes) {load['start']} at the start, {load.get('after_kernel', '?')} after the "
        f"relay and consumer, {load['end']} at the end. The cluster's three JVMs, the "
        "databases and the clients share the two cores.\n\n"
        "**Relay**: `bench.relay_rate` as the kernel's benchmark runs it (commit to "
        "`acks=all`, batches of 1,000), against a bare aiokafka producer with the relay's "
        "settings sending the same messages. On Apache Kafka the relay's producer is "
        f"idempotent ({_idempotence(found)}), and so is the bare producer. The last column "
        "is the embedded broker's line of the section Relay above.\n\n"
        + relay
        + "\n\n**Consumer**: the kernel's `Consumer` reading the relay's topic from the start "
        "into a fresh database, with a handler that applies nothing (what the consumer "
        "itself costs: parsing each CloudEvent, one transaction a batch of up to 5,000, its "
        "positions stored), against a bare aiokafka consumer with the same client "
        "settings, in a group of its own, counting the same messages (the median of "
        "three). Both from their start (joining the group) to the last message; a first, "
        "untimed read makes the cluster's `__consumer_offsets` topic. Reporting's "
        "projections add their own cost to this: see Reporting above.\n\n" + consumer
    )
    if "platform" in found:
        text += "\n\n" + _platform(found["platform"])
    return text


def _idempotence(found: dict[str, Any]) -> str:
    flags = {r.get("idempotent") for r in found["relay"]}
    return "as granted in every run" if flags == {True} else f"granted: {sorted(map(str, flags))}"


def _platform(found: dict[str, Any]) -> str:
    embedded = {r["rate"]: r for r in _embedded("platform.json").get("lag", [])}
    rows = []
    for r in found["lag"]:
        e = embedded.get(r["rate"], {})
        rows.append(
            [
                *lag_cells(r, ".0f"),
                f"{r['cpu_ms_per_command_total']:.1f} ms",
                (
                    f"{e['achieved_per_second']}/s; p50 {e['lag_ms'].get('p50', 0):.0f} ms, "
                    f"p99 {e['lag_ms'].get('p99', 0):.0f} ms"
                    if e
                    else ""
                ),
            ]
        )
    figures = table(
        [
            "commands/s asked",
            "taken/s",
            "failed",
            "unfinished",
            "lag p50",
            "p95",
            "p99",
            "CPU per command (all processes)",
            "embedded broker (`trygnet-run`)",
        ],
        rows,
    )
    return (
        "**The platform on the production shape**: `bench.platform`'s lag rounds "
        f"({found['seconds_per_rate']:.0f} s a rate, `registerActor` through the gateways' "
        "proxy, a sample of the commands followed to reporting with `consistentWith`) "
        "sent to the rehearsal of the Kubernetes deployment (`tests/support/topology.py`) "
        "on the same cluster: PostgreSQL, two replicas of every service behind round-robin "
        "proxies, two gateways, the relay lease (started in "
        f"{found['startup_seconds']} s). The last column is the embedded broker's round "
        "at the same rate from The platform under load above (one process a service, "
        "SQLite).\n\n"
        + figures
        + f"\n\nHighest rate held: {found['highest_rate_held'] or 'none of those asked'}; "
        f"the most taken in a round: {found['platform_events_per_second']} commands/s.\n\n"
        + AFTERWORD
    )


AFTERWORD: Final = """\
What the figures say:
- **On Apache Kafka the relay keeps at least its share of a bare producer** on the
  embedded broker (the last column), with its producer idempotent. The rates themselves
  are not comparable between the two tables: three replicated nodes ack differently
  from one process in memory, and rates on this shared machine swing from run to run
  with the other work on it. Each ratio is measured within a minute.
- **The consumer reaches a quarter of a bare consumer's rate** with nothing to apply:
  a bare consumer only counts what it fetched, the kernel's parses every CloudEvent
  and commits a transaction with its positions per batch. Either is far above what a
  projection applies (Reporting above), so the consumer's own cost is not what limits
  a rebuild.
- **The production shape took about 100 commands a second on these two cores**
  (three JVMs, PostgreSQL, eight service and two gateway processes, under a load
  average near 10): 500 asked left half the commands unfinished 15 s after the round.
- **Lag to reporting is in seconds there, against tens to hundreds of
  milliseconds in `trygnet-run`**, and it did not grow over a round. Three things add to it on the
  production shape that `trygnet-run` does not have: a command committed on the writing
  replica that does not hold the relay lease is published at the relay's next poll
  (every 0.25 s), not at once; the probe asks a reporting replica through the proxy, and
  when the other replica applied the event the waiting one learns it from the database,
  which it asks once a second; and everything shares two cores with a load average near
  10. The column "taken/s" is counted until the round's last probe is answered, so
  seconds of lag also lower it at 50 a second.
- **Weighing them**: short rounds (`--quick`, 3 s a rate, not kept) a minute apart at a
  load average near 5 gave, at 50 commands/s, a lag p50 of 776 ms with two replicas of
  everything, 256 ms with one (`--replicas 1`), and 31 ms on `trygnet-run`
  (`bench.platform --quick`). At 200 a second both shapes were at 1.1 to 1.3 s, the CPU
  spent. So about two thirds of the lag at a light load comes with the second replica
  (where the relay's poll and reporting's once-a-second look come in), and what is
  left (Apache Kafka, PostgreSQL, the lease) is still eight times `trygnet-run`'s: the
  next thing to measure apart.
"""
