"""The section of ``docs/reliability.md`` on the production shape, from the figures of
``make rehearse-faults`` (``bench/topology_faults.json``); ``bench.reliability`` adds it
to the page when the file is there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from bench.machine import machine_facts
from bench.markdown import table

RESULTS: Final = Path(__file__).resolve().parent / "topology_faults.json"

INTRODUCTION: Final = """\
## On the production shape: Apache Kafka, PostgreSQL and replicas

The same checks, on the shape operators run (`tests/support/topology.py`, started by
`make rehearse`; docs/operations.md, "Local rehearsal of the Kubernetes deployment"):
Apache Kafka 4.1 as three combined KRaft nodes (replication factor 3,
`min.insync.replicas=2`), a PostgreSQL 15 server with a database per service, **two
replicas** of actors, activities, incidents and reporting and two gateways, each pair
behind a round-robin proxy as a Kubernetes Service is. Every writing replica runs a
relay and the relay lease lets one publish; reporting's replicas are one consumer group
on one database. Clients send 100 commands a second to the proxies (as in the
scenarios above) and ten GraphQL reads a second to the gateways' proxy.

Beside the checks (nothing lost, nothing applied twice, projections equal to a
rebuild, no log read as lost): **taken during the fault** is the share of commands
answered `201` among those answered while the fault lasted; **longest without a
write** the longest time between two commands taken in the whole run of the
scenario; **caught up** how long after the fault reporting had applied everything
stored by then; **reads** the share of GraphQL reads answered with data during the
fault.

"""

FAULTS: Final = {
    "one broker of three killed (SIGKILL)": "node 1 `SIGKILL`ed, down 10 s, started "
    "again on its data; the fault ends when every partition has its three replicas in sync",
    "rolling restart of the three brokers": "each node in turn stopped (`SIGTERM`, a "
    "controlled shutdown), started again and waited for until every partition is in sync",
    "the relay lease holder killed (SIGKILL)": "the actors replica holding the relay "
    "lease `SIGKILL`ed; the other takes the lease once it lapses (15 s); the killed one "
    "is started again",
    "a reporting replica killed (SIGKILL)": "reporting-1 `SIGKILL`ed, down 10 s (the "
    "group gives its partitions to reporting-2), started again",
    "rolling restart of every service": "every service and the gateways rolled at once, "
    "each one replica at a time: `SIGTERM`, started again, ready (`/readyz`) before its "
    "next replica",
    "PostgreSQL restarted (fast shutdown)": "`pg_ctl restart -m fast` of the server every "
    "service's database is on",
}


def section(results: dict[str, Any]) -> str:
    scenarios = [found for found in results["scenarios"] if "backend" in found]
    started = next((f for f in results["scenarios"] if f["scenario"] == "topology started"), {})
    rows = [
        [
            found["scenario"],
            f"{found['fault_seconds']:.0f} s",
            _share(found.get("taken_during_fault_share")),
            f"{found['longest_without_a_write_seconds']:.1f} s",
            f"{found['accepted_per_second']}/s",
            f"{found['events_stored']:,}",
            str(found["lost"]),
            str(found["applied_twice"]),
            f"{found['caught_up_after_fault_seconds']:.1f} s",
            _share(found.get("gateway_reads_answered_during_fault_share")),
            f"{found['wall_seconds']:.0f} s",
            f"{found.get('load_average', '')}",
            _notes(found),
        ]
        for found in scenarios
    ]
    machine = results.get("machine") or machine_facts()
    wall = started.get("seconds", 0) + sum(found["wall_seconds"] for found in scenarios)
    figures = table(
        [
            "scenario",
            "fault lasted",
            "taken during the fault",
            "longest without a write",
            "taken (whole run)",
            "events",
            "lost",
            "applied twice",
            "caught up",
            "reads",
            "wall time",
            "load average",
            "notes",
        ],
        rows,
    )
    what = table(["scenario", "what is done"], [[k, v] for k, v in FAULTS.items()])
    return (
        INTRODUCTION
        + what
        + "\n\n"
        + f"Measured {results.get('generated_at', '')} on {machine['cores']} cores "
        f"({machine.get('cpu', '')}), {machine['memory_gib']} GiB, {machine['os']}, "
        f"Python {machine['python']}, shared with other work; the topology started in "
        f"{started.get('seconds', '?')} s and the six scenarios took {wall / 60:.1f} minutes "
        "in all.\n\n" + figures + "\n\n" + AFTERWORD
    )


AFTERWORD: Final = """\
What the figures say:
- **Nothing lost, nothing applied twice, projections equal to a rebuild** after every
  fault, with two replicas of everything, and no relay or consumer took a broker's log
  for lost. The copies in the log (the same 18 all through the run) are a relay's batch
  sent again around the first broker's kill, skipped by the consumers.
- **A broker, a lease holder, a reporting replica or a service replica going away
  costs the writers nothing or almost nothing**: commands commit to PostgreSQL, not to
  Kafka, and the proxies send new connections to the replica that is left. What was not
  taken is the commands in flight on a connection to a replica as it died (`ReadError`,
  `RemoteProtocolError`); such a command may have committed, and then it is in the
  store and counted like any other. The longest time without a write stays under 3 s.
- **The relay lease** went to the other replica 12 s after its holder was killed (the
  lease lasts 15 s unrenewed); commands went on being taken meanwhile, and reporting
  caught up 1.7 s after the fault.
- **PostgreSQL restarting** is the one fault every writer feels: for the 4 s the
  server was away, almost no command was taken and the gateways' reads (of the actors
  service) failed too. The services answered those commands `500` in this run; they
  now answer `503 UNAVAILABLE` with `Retry-After: 1` (found here), and serve again as
  soon as the server is back: no process restarted.
- **Rate**: the clients offered 100 commands a second; the platform took 21 to 75 a
  second on two cores shared with other work (load average 10 to 19), so commands
  queued at the clients and were taken late rather than refused. The figures to
  compare are the shares taken during each fault, not the rates.
"""


def _share(value: float | None) -> str:
    return "none answered" if value is None else f"{value:.1%}"


def _notes(found: dict[str, Any]) -> str:
    notes = []
    refused = found.get("commands_refused") or {}
    if refused:
        notes.append(f"not taken: {', '.join(f'{k} {v}' for k, v in sorted(refused.items()))}")
    if "lease_taken_over_after_seconds" in found:
        notes.append(f"lease taken over after {found['lease_taken_over_after_seconds']} s")
    if found.get("delivered_more_than_once"):
        notes.append(f"{found['delivered_more_than_once']:,} copies in the log, skipped")
    return "; ".join(notes)


def topology_section() -> str:
    """The section, or nothing when the rehearsal's figures are not there."""
    if not RESULTS.exists():
        return ""
    results = json.loads(RESULTS.read_text())
    results.setdefault("machine", machine_facts())
    return "\n" + section(results)
