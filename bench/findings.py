"""The report's reading of the figures: what limits each rate and what would lift it.

Every number in these paragraphs comes from the run's results, so the text
follows the figures when they change. What is fixed prose is what was found by
reading and profiling the code (which calls make the hops and round trips), and
it is stated next to the measurement that shows it.
"""

from __future__ import annotations

import statistics
from typing import Any, Final

from bench.markdown import TIMES

GOAL: Final = 1.5
_LABEL: Final = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _lines(results: dict[str, Any], backend: str) -> list[dict[str, Any]]:
    return [line for line in results["appends"] if line["backend"] == backend]


def _line(results: dict[str, Any], backend: str, writers: int, size: int) -> dict[str, Any]:
    for line in _lines(results, backend):
        if line["writers"] == writers and line["events_per_command"] == size:
            return line
    raise KeyError((backend, writers, size))


def _best(line: dict[str, Any], name: str) -> dict[str, float]:
    best: dict[str, float] = line["contenders"][name]["best"]
    return best


def _wall_us(line: dict[str, Any], name: str) -> float:
    """Microseconds per command, seen by one writer (so for 1-writer lines only)."""
    return 1e6 / _best(line, name)["commands_per_second"]


def _x(value: float) -> str:
    return f"{value:.2f}{TIMES}"


def _range(values: list[float]) -> str:
    low, high = min(values), max(values)
    return _x(low) if abs(high - low) < 0.005 else f"{_x(low)} to {_x(high)}"


def _ratios(results: dict[str, Any], backend: str, name: str) -> list[float]:
    return [line["ratio"][name] for line in _lines(results, backend)]


def _backends(results: dict[str, Any]) -> list[str]:
    return [b for b in ("sqlite", "postgresql") if _lines(results, b)]


def summary(results: dict[str, Any]) -> str:
    lines = results["appends"]
    met = [f"{_LABEL[x['backend']]} {x['label']}" for x in lines if x["ratio"]["trygnet"] >= GOAL]
    out = [
        f"The goal (from the issue): Trygnet's append rate at least {GOAL}{TIMES} "
        "eventsourcing's on every line, while Trygnet also stores the tenant, the metadata "
        "and what the outbox needs.",
        "",
        f"- **Trygnet as it is** reaches {GOAL}{TIMES} on {len(met)} of {len(lines)} lines"
        + (f" ({'; '.join(met)})" if met else "")
        + ".",
    ]
    for backend in _backends(results):
        ladder = results["ladders"][backend]
        out.append(
            f"- **{_LABEL[backend]}**: today {_range(_ratios(results, backend, 'trygnet'))}; "
            + "; ".join(
                f"{results['contenders'][name]} {_range(_ratios(results, backend, name))}"
                for name in ladder[2:]
            )
            + " (each step includes the ones before it)."
        )
    for relay in results["relay"]:
        out.append(
            f"- **Relay, {_LABEL[relay['backend']]}**: {relay['relay_events_per_second']:,.0f} "
            f"events/s from commit to broker ack, {_x(relay['ratio'])} a bare aiokafka "
            "producer sending the same messages."
        )
    out += [
        "",
        "Why, and what to change in `core/`, is in the last sections: the limits were found "
        "by counting the kernel's trips to the database and profiling its appends, and every "
        "proposed change was prototyped in `bench/` and measured on the same lines.",
    ]
    return "\n".join(out)


def limits(results: dict[str, Any]) -> str:
    parts = []
    if "sqlite" in results["diagnosis"]:
        parts += [_sqlite_limits(results), _sqlite_ceiling(results)]
    if "postgresql" in results["diagnosis"]:
        parts.append(_postgres_limits(results))
    if results["relay"]:
        parts.append(_relay_limits(results))
    return "\n\n".join(parts)


def _sqlite_limits(results: dict[str, Any]) -> str:
    d = results["diagnosis"]["sqlite"]
    trips = d["trips_per_command"]["trygnet"]
    one, ten = _line(results, "sqlite", 1, 1), _line(results, "sqlite", 1, 10)
    profile = d["profile"]["1"]["us_per_command"]
    total = sum(profile.values())
    share = {k.split(" (")[0]: v / total * 100 for k, v in profile.items()}
    eight_one, eight_ten = _line(results, "sqlite", 8, 1), _line(results, "sqlite", 8, 10)
    scale_one = (
        _best(eight_one, "trygnet")["events_per_second"]
        / _best(one, "trygnet")["events_per_second"]
    )
    scale_ten = (
        _best(eight_ten, "trygnet")["events_per_second"]
        / _best(ten, "trygnet")["events_per_second"]
    )
    wall_1, wall_10 = _wall_us(one, "trygnet"), _wall_us(ten, "trygnet")
    cpu_1, cpu_10 = (
        _best(one, "trygnet")["cpu_us_per_command"],
        _best(ten, "trygnet")["cpu_us_per_command"],
    )
    peer_wall, peer_cpu = _wall_us(one, "peer"), _best(one, "peer")["cpu_us_per_command"]
    return f"""**SQLite: the asyncio bridge, not the disk.** A 1-event command takes
{wall_1:,.0f} µs in the kernel today and {cpu_1:,.0f} µs of CPU in the benchmark process (all
its threads); a 10-event command {wall_10:,.0f} µs and {cpu_10:,.0f} µs of CPU. The append is
CPU-bound: SQLite's own work for it is a small part (see the storage floor).
SQLAlchemy's aiosqlite adapter turns every driver call (make a cursor, execute, fetch,
close it, for `BEGIN IMMEDIATE`, the stream move and the event insert; then commit;
then the pool's rollback when the connection is returned) into
a hop from the event loop to the connection's thread and back: **{trips["1"]:.0f} hops per
1-event command and {trips["10"]:.0f} per 10-event command**. The 10-event count is that high
because the kernel asks SQLAlchemy for `sort_by_parameter_order=True`, which SQLite cannot
honour in one statement, so SQLAlchemy inserts the events one at a time. A bare hop costs
{d["trip_latency_us"]:.0f} µs here; each hop also wakes a thread and hands the GIL over, and
every statement goes through SQLAlchemy's compiled-cache lookup, parameter processing and
result set-up. The profile of a 1-event append puts {share.get("SQLAlchemy", 0):.0f}% of the
event loop's time in SQLAlchemy, {share.get("asyncio machinery", 0):.0f}% in asyncio's machinery
and {share.get("waiting for the database", 0):.0f}% idle, waiting for the connection's thread.
eventsourcing calls `sqlite3` directly on the writing thread, with statements cached by the
driver: {peer_wall:,.0f} µs and {peer_cpu:,.0f} µs of CPU per 1-event command.

Eight writers bring the kernel {_x(scale_one)} its 1-writer rate on SQLite for 1-event
commands and {_x(scale_ten)} for 10-event commands, far from 8{TIMES}: the work is Python CPU,
and 8 tasks share one interpreter; and SQLite admits one writer at a time, so
the other connections wait for the write lock in SQLite's busy handler, which sleeps in
growing steps (1, 2, 5, 10 ms and up) rather than waking when the lock is free.
eventsourcing's pool lets one writer at a time through a lock in Python."""


def _sqlite_ceiling(results: dict[str, Any]) -> str:
    floor = results["diagnosis"]["sqlite"]["storage_floor"]
    one, ten = _line(results, "sqlite", 1, 1), _line(results, "sqlite", 1, 10)
    peer_one = _best(one, "peer")["commands_per_second"]
    peer_ten = _best(ten, "peer")["commands_per_second"]
    lean = [floor["trygnet_lean_index"][s] / floor["trygnet"][s] - 1 for s in ("1", "10")]
    ours_1, ours_10 = floor["trygnet"]["1"], floor["trygnet"]["10"]
    theirs_1, theirs_10 = floor["peer"]["1"], floor["peer"]["10"]
    return f"""**SQLite: the ceiling of today's tables.** With no Python framework at all (plain
`sqlite3`, one thread, same pragmas), the writes the kernel makes for a command (the
stream row, then per event tenant, stream, type, version, event id, data, metadata and
time, with a unique (tenant, stream, version), a unique event id and the (tenant, position)
and (transaction id, position) indexes) run at {ours_1:,.0f} 1-event and {ours_10:,.0f}
10-event commands/s. eventsourcing's writes, the same way, run at {theirs_1:,.0f} and
{theirs_10:,.0f}, and the eventsourcing library as a whole at {peer_one:,.0f} and {peer_ten:,.0f}.
So no implementation of today's tables, however lean, can pass
**{_x(ours_1 / peer_one)}** (1 event) or **{_x(ours_10 / peer_ten)}** (10 events) against
eventsourcing on SQLite: {GOAL}{TIMES} there would take fewer bytes and fewer indexes per
event, not only a faster path. Dropping the (transaction id, position) index, which
SQLite never uses (its transaction id is always 0; the relay reads by position there),
changes that floor by {lean[0] * 100:+.0f}% and {lean[1] * 100:+.0f}%. The floor is one
transaction per command; grouping several writers' commands into one transaction (which a
writer thread could do) is the one way past it, and only on the 8-writer lines."""


def _postgres_limits(results: dict[str, Any]) -> str:
    d = results["diagnosis"]["postgresql"]
    trips = d["trips_per_command"]
    one, ten = _line(results, "postgresql", 1, 1), _line(results, "postgresql", 1, 10)
    eight_one = _line(results, "postgresql", 8, 1)
    flush = d["commit_flush"]
    peer_scale = (
        _best(eight_one, "peer")["events_per_second"] / _best(one, "peer")["events_per_second"]
    )
    ours_scale = (
        _best(eight_one, "trygnet")["events_per_second"]
        / _best(one, "trygnet")["events_per_second"]
    )
    count, latency = trips["trygnet"]["1"], d["trip_latency_us"]
    flush_on, flush_off = flush["synchronous_commit_on_us"], flush["synchronous_commit_off_us"]
    cpu = {
        (n, size): _best(line, n)["cpu_us_per_command"]
        for n in ("trygnet", "peer")
        for size, line in ((1, one), (10, ten))
    }
    return f"""**PostgreSQL: round trips, the WAL flush, and Python.** The kernel makes
**{count:.0f} round trips per command** ({count * latency:,.0f} µs at {latency:.0f} µs each, of
the {_wall_us(one, "trygnet"):,.0f} µs a 1-event command takes with one writer): `pool_pre_ping`
pings at every checkout, and SQLAlchemy's asyncpg dialect pings with `BEGIN`, `;` and
`ROLLBACK` (three round trips, so that the ping works behind pgbouncer); then `BEGIN`, the
stream move, the event insert and `COMMIT`. eventsourcing sends its statements in
psycopg's pipeline mode, which from its code is two round trips (the pipeline is synced
after the insert, then `COMMIT`). Every command also waits for its own WAL flush: a
one-row commit takes {flush_on:.0f} µs here, {flush_off:.0f} µs without waiting for the flush.
And the benchmark process spends {cpu["trygnet", 1]:,.0f} µs of CPU per 1-event command in
the kernel (SQLAlchemy, asyncpg) against {cpu["peer", 1]:,.0f} µs in eventsourcing; with 10
events {cpu["trygnet", 10]:,.0f} µs against {cpu["peer", 10]:,.0f} µs.

With 8 writers eventsourcing reaches {_x(peer_scale)} its 1-writer rate: each insert takes
`LOCK TABLE ... IN EXCLUSIVE MODE` (so that notification ids commit in order), which
serialises the writers, commit flush included. The kernel lets writers commit at once
(its relay reads below the snapshot's oldest running transaction instead; see
`store/backends.py`), PostgreSQL flushes their commits together, and the kernel reaches
{_x(ours_scale)} its 1-writer rate. That is where it passes {GOAL}{TIMES} already; the next limit
there is the 2 cores that Python and the server share."""


def _relay_limits(results: dict[str, Any]) -> str:
    ratios = " and ".join(
        f"{_x(relay['ratio'])} its rate on {_LABEL[relay['backend']]}" for relay in results["relay"]
    )
    shares = []
    for backend, d in results["diagnosis"].items():
        parts = d.get("relay_us_per_event")
        if parts:
            ours = sum(v for k, v in parts.items() if k.startswith(("read", "build", "save")))
            shares.append(f"{ours / sum(parts.values()) * 100:.0f}% on {_LABEL[backend]}")
    return f"""**Relay.** Against a bare producer sending the same messages, the relay reaches
{ratios}. It is CPU-bound in one Python process: per event it reads the row
through SQLAlchemy and decodes its data and metadata JSON, builds the CloudEvent headers
and encodes the data again, and hands the message to aiokafka (which the bare producer
does too). Reading, building and saving the checkpoint are {" and ".join(shares)} of a
relayed event's profiled time (table above). Its batches run strictly one after another:
read, send, wait for every ack, save the checkpoint, read the next."""


def shortfall(results: dict[str, Any]) -> str:
    below = [
        f"{_LABEL[x['backend']]}, {x['label']}: {_x(x['ratio']['trygnet'])}"
        for x in results["appends"]
        if x["ratio"]["trygnet"] < GOAL
    ]
    out = [
        "Lines below the goal today: " + ("; ".join(below) if below else "none") + ".",
        "",
        "Proposals for `core/`, each prototyped in `bench/` (the prototypes keep what the "
        "kernel stores, its errors and its state updaters) and measured on every line above "
        "(each step includes the ones before it):",
        "",
    ]
    number = 1
    for backend in _backends(results):
        for name in results["ladders"][backend][2:]:
            ratios = ", ".join(
                f"{line['label']} {_x(line['ratio'][name])}" for line in _lines(results, backend)
            )
            trips = results["diagnosis"].get(backend, {}).get("trips_per_command", {}).get(name)
            counted = (
                f" Trips per command: {trips['1']:.0f} (1 event), {trips['10']:.0f} (10 events)."
                if trips
                else ""
            )
            out.append(
                f"{number}. **{_LABEL[backend]}, {results['contenders'][name]}**: "
                f"{results['details'][name]}. {_WHERE[name]} Measured against eventsourcing: "
                f"{ratios}.{counted}"
            )
            number += 1
    out.append(
        f"{number}. **Relay**: read `data` as text and send the stored JSON bytes as the "
        "message value (no decode and encode per event), and read the next batch while the "
        "current one waits for its acks (the checkpoint still moves only after the acks, in "
        "order). Not prototyped; the profile above says how much of an event's time each "
        "removes."
    )
    out += [
        "",
        _still_open(results),
    ]
    return "\n".join(out)


_WHERE: Final = {
    "fewer_calls": "In `store/event_store.py` and `database.py` (SQLite engines); prototype "
    "`bench/proposed_store.py`.",
    "writer_thread": "A SQLite backend that owns one writer thread per database; state "
    "updaters would become sync functions of a `Connection`, which PostgreSQL can run "
    "through `AsyncConnection.run_sync`, so one function serves both. Prototype "
    "`bench/sqlite_writer.py`.",
    "no_pre_ping": "In `database.create_engine`; keep `pool_recycle`, and let a statement on "
    "a dropped connection fail as a retryable `UNAVAILABLE` (the pool discards it).",
    "one_statement": "In `store/backends.py` and `store/event_store.py`; prototype "
    "`bench/proposed_store.py`.",
    "autocommit": "Only for an append that is its own transaction with no state updater; "
    "a service whose current-state tables change with its events keeps `BEGIN`/`COMMIT`, "
    "so for it the previous step is the figure that counts.",
}


def _still_open(results: dict[str, Any]) -> str:
    out = []
    if "sqlite" in results["diagnosis"]:
        best = max(_ratios(results, "sqlite", results["ladders"]["sqlite"][-1]))
        out.append(
            f"What stays open: on SQLite even the writer thread reaches at most {_x(best)}, and "
            "the storage floor above shows why no path can reach the goal with today's tables. "
            "Reaching it there means storing less per event (for example metadata once per "
            "command, fewer indexes) or deciding that SQLite, the development default, is held "
            "to a lower bar than PostgreSQL."
        )
    if "postgresql" in results["diagnosis"]:
        one_statement = _ratios(results, "postgresql", "one_statement")
        out.append(
            "On PostgreSQL the one-statement append in a transaction (what a service with "
            f"state updaters would see) gives {_range(one_statement)}; the single-writer lines "
            "stay bound by their own commit flush and Python's CPU per command."
        )
    return " ".join(out)


def fairness(results: dict[str, Any]) -> str:
    spreads = [
        max(t["events_per_second"] for t in c["rounds"])
        / min(t["events_per_second"] for t in c["rounds"])
        - 1
        for line in results["appends"]
        for c in line["contenders"].values()
        if len(c["rounds"]) > 1
    ]
    spread = ""
    if spreads:
        median, most = statistics.median(spreads) * 100, max(spreads) * 100
        spread = (
            f"Rounds of the same contender on the same line differed by {median:.0f}% (median) "
            f"and up to {most:.0f}%: read smaller differences as noise."
        )
    return f"""- **Trygnet** stores per command a stream row (inserted, or updated only at the
  expected version) and per event the tenant, stream id and type, version, event id
  (unique), type, schema version, data and metadata as JSON, the time and the writing
  transaction's id (for the outbox), and returns every event with its global position.
- **eventsourcing** stores per event (originator id, version, topic, state bytes); the
  primary key on (originator id, version) is its optimistic-concurrency check, and it
  returns the notification ids. No tenant, no metadata, no stream table, no unique event
  id. On PostgreSQL each insert also takes an exclusive table lock and sends `NOTIFY`; on
  SQLite its pool lets one writer in at a time.
- The peer is measured at its recorder, not through `Application` and an `Aggregate`:
  Trygnet's store is also the layer below the domain, and the application layer would add
  aggregate, mapper and transcoder work to the peer's side only.
- Same durability on both sides (above), same server, the same event data built in the
  timed loop, a fresh database per contender and line, turns in a rotating order, best
  round reported. The machine has 2 cores, shared by the benchmark, PostgreSQL and the
  broker. {spread}"""
