"""Render ``docs/reliability.md`` from the figures of a fault run (``bench/faults.json``).

make faults                        # runs the fault tests, then this
uv run python -m bench.reliability # the page again from bench/faults.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from bench.machine import machine_facts
from bench.markdown import table
from bench.topology_reliability import topology_section

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = ROOT / "bench" / "faults.json"
PAGE: Final = ROOT / "docs" / "reliability.md"

INTRODUCTION: Final = """\
# Reliability: faults under load

What happens to Trygnet's events when the broker stalls or dies, when a service is
killed mid-stream, when Kafka delivers a message twice, and when many people change
one incident at once. Every figure below comes from one run of `make faults` on the
whole platform as `make run` starts it: the embedded broker, the four services and
the gateway as separate processes, on SQLite, and on PostgreSQL (a database per
service) when `TEST_POSTGRES_URL` is set.

## How each scenario is run

1. Clients send commands straight to the three writing services over REST at a steady
   {rate} a second (actors registered, activities created, incidents reported, in
   turn, for the municipalities 0101 and 0851).
2. After 3 s the fault happens; the load goes on through it and for 5 s (8 s after the
   broker restart) after it.
3. The load stops, and the check waits for reporting to converge: per municipality,
   for every stream of every service's event store, the version reporting has applied
   must be the store's version. A stream behind its store counts its missing events
   as **lost**; a stream ahead of its store (or one the store never had) counts as
   **applied twice**.
4. A fresh consumer in a group of its own builds reporting's projections again from
   the topics into an empty database; every document must equal the live service's.
   A document that differs counts as **applied twice** too.
5. Every topic is read from its start: messages carrying an event id that an earlier
   message already carried are **delivered more than once**. They are what the
   consumers had to recognise and skip (a relay resending a batch whose acks it did
   not get, the slice re-produced on purpose, the republished log after the broker
   came back empty).

The tests fail on any loss, any event applied twice, or any projection that differs
from the rebuild. They assert no time: how long convergence took is a figure here.

"""


FAULTS: Final = (
    (
        "broker paused",
        "`SIGSTOP` to the broker for 10 s, then `SIGCONT`. Commands keep committing (the "
        "outbox); the relays retry, the consumers reconnect.",
    ),
    (
        "reporting killed",
        "`SIGKILL` to the reporting service mid-stream; `make run` starts it again. "
        "Positions and projections are in one transaction, so it resumes where its last "
        "commit left it.",
    ),
    (
        "a service killed with unpublished events",
        "the broker is paused so that the actors relay cannot publish, commands go on "
        "committing, the actors service is killed (`SIGKILL`) holding that many "
        "unpublished events, the broker resumes; `make run` starts the service again and "
        "its relay publishes from its checkpoint.",
    ),
    (
        "messages delivered twice",
        "a test producer reads the newer half of every partition of the three topics and "
        "produces it again, unchanged (key, value, CloudEvents headers), as a producer "
        "retrying after a lost ack would.",
    ),
    (
        "broker restarted empty",
        "`SIGKILL` to the broker; `make run` starts a new, empty one on the same port. "
        "Each relay notices its log is gone, starts a new epoch and republishes its store "
        "from the start; each consumer sees the new epoch and re-reads from offset 0, "
        "skipping what it has applied.",
    ),
    (
        "50 clients, one incident",
        "fifty clients add a timeline entry to one incident through the GraphQL gateway, "
        "each with `expectedVersion` set to the version it read; a loser is answered "
        "`CONFLICT`, reads again and retries, while the steady load goes on beside them. "
        "Every entry must be there once, the incident's version must have grown by "
        "exactly 50, and every loser must have been told `CONFLICT`.",
    ),
)
"""Each scenario, and what is done in it."""


def render(results: dict[str, Any]) -> str:
    rate = results["rate"]
    rows = [
        [
            found["scenario"],
            found["backend"],
            f"{found['offered_per_second']}/s offered, {found['accepted_per_second']}/s taken",
            f"{found['events_stored']:,}",
            str(found["lost"]),
            str(found["applied_twice"]),
            f"{found['delivered_more_than_once']:,}",
            f"{found['caught_up_after_fault_seconds']:.2f} s",
            f"{found['converged_seconds']:.2f} s",
            _notes(found),
        ]
        for found in results["scenarios"]
    ]
    machine = results.get("machine") or machine_facts()
    figures = table(
        [
            "scenario",
            "database",
            "load",
            "events",
            "lost",
            "applied twice",
            "delivered more than once (in the log)",
            "caught up after the fault",
            "converged after the load",
            "notes",
        ],
        rows,
    )
    return (
        INTRODUCTION.format(rate=rate)
        + "## What each fault is\n\n"
        + table(["scenario", "what is done"], [list(fault) for fault in FAULTS])
        + "\n"
        + "\n## Figures\n\n"
        + f"Measured {results.get('generated_at', '')} on {machine['cores']} cores, "
        f"{machine['memory_gib']} GiB, {machine['os']}, Python {machine['python']}. "
        "**events** are those the scenario's commands stored. **caught up after the "
        "fault** runs from the end of the fault (the broker resumed or started again, the "
        "killed service started again, the copies produced, the fifty clients done) until "
        "reporting had applied everything stored by then, while the load went on; "
        "**converged after the load** from the moment the load stopped until reporting had "
        "applied every stored event. The log figure counts from the start of the run (or "
        "of the new log, after the broker came back empty).\n\n" + figures + "\n\n" + AFTERWORD
    )


def _notes(found: dict[str, Any]) -> str:
    notes = []
    refused = found.get("commands_refused") or {}
    if refused:
        notes.append(
            f"{sum(refused.values())} commands not taken "
            f"({', '.join(f'{k}: {v}' for k, v in sorted(refused.items()))})"
        )
    if "unpublished_when_killed" in found:
        notes.append(f"{found['unpublished_when_killed']} events unpublished at the kill")
    if "delivered_again" in found:
        notes.append(f"{found['delivered_again']:,} messages produced again")
    if "conflicts_told" in found:
        notes.append(f"{found['conflicts_told']} CONFLICT answers, all retried")
    return "; ".join(notes)


AFTERWORD: Final = """\
## What the figures say

- **Nothing lost, nothing applied twice**, in every scenario: what a service stored
  reached reporting exactly once in effect, and the projections equal a rebuild.
- A command is not taken only while the service that owns it is down: the
  connection is refused while `make run` starts it again (`ConnectError`), or cut by
  the kill (`ReadError`; such a command may have committed just before, and then it
  is in the store and counted like any other). Commands never wait for the broker:
  they commit to the service's own store and the relay publishes later, so a paused
  or restarted broker refuses none.
- Duplicates in the log are normal and harmless: consumers apply an event only as the
  next version of its stream, so a copy is recognised and skipped.
- The slowest recoveries are the restarts. A broker that came back empty makes every
  relay republish its whole store and every consumer re-read from offset 0, skipping
  what it has: a few seconds for the tens of thousands of events of a run. A killed
  reporting service is back after its process starts and its consumer joins the
  group again (`make run` sets a 3 s session timeout). A paused broker costs about a
  second once it resumes.
- The last scenario runs fifty GraphQL clients and the steady load from one test
  process on the same two cores as the platform, so less of the load is taken. Where
  its clients saw connections cut (`ReadError`), the services logged no error; what
  they stored reached reporting like everything else.

## Running it

```sh
make faults                                  # SQLite; writes bench/faults.json and this page
TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test make faults   # and PostgreSQL
TRYGNET_FAULTS_RATE=150 make faults          # another steady rate
```

`make test` runs the same scenarios (CI runs them on both databases) without writing
the figures.
"""


def main() -> None:
    results = json.loads(RESULTS.read_text())
    PAGE.write_text(render(results) + topology_section())
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
