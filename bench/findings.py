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


def _rate(line: dict[str, Any], name: str) -> float:
    return _best(line, name)["events_per_second"]


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


def _kernel_paths(results: dict[str, Any], backend: str) -> list[str]:
    """The contenders of a backend that are the kernel itself (not the peer, no proposal)."""
    proposals = results.get("proposals", [])
    return [n for n in results["ladders"][backend] if n != "peer" and n not in proposals]


def _below(results: dict[str, Any], backend: str, name: str) -> list[str]:
    return [
        f"{line['label']} ({_x(line['ratio'][name])})"
        for line in _lines(results, backend)
        if line["ratio"][name] < GOAL
    ]


def summary(results: dict[str, Any]) -> str:
    names = results["contenders"]
    out = [
        f"The goal (from the issue): Trygnet's append rate at least {GOAL}{TIMES} "
        "eventsourcing's on every line, while Trygnet also stores the tenant, the metadata "
        "and what the outbox needs. **Trygnet** below is the kernel as it is in `core/`; "
        "a contender marked *proposal* is not.",
        "",
    ]
    for backend in _backends(results):
        parts = []
        for name in results["ladders"][backend]:
            if name == "peer":
                continue
            met = len(_lines(results, backend)) - len(_below(results, backend, name))
            parts.append(
                f"{names[name]} {_range(_ratios(results, backend, name))} "
                f"({GOAL}{TIMES} on {met} of {len(_lines(results, backend))} lines)"
            )
        out.append(f"- **{_LABEL[backend]}**: " + "; ".join(parts) + ".")
    near = [
        f"{_LABEL[line['backend']]}, {names[name]}, {line['label']} ({_x(line['ratio'][name])})"
        for backend in _backends(results)
        for name in _kernel_paths(results, backend)
        for line in _lines(results, backend)
        if GOAL <= line["ratio"][name] < GOAL * (1 + _median_spread(results))
    ]
    if near:
        out.append(
            "- Passing by less than the median spread between rounds "
            f"({_median_spread(results) * 100:.0f}%), so at the goal rather than safely past "
            "it: " + "; ".join(near) + "."
        )
    sqlite_lines = _lines(results, "sqlite")
    if sqlite_lines and len(_below(results, "sqlite", "trygnet")) == len(sqlite_lines):
        out.append(
            "- **Why SQLite stays far below**: the bridge between asyncio and aiosqlite's "
            "thread (every driver call is a hop to the connection's thread and back, and "
            "SQLAlchemy's asyncio layer makes several per statement), and under that the "
            "storage floor of the kernel's tables, which store more per event than "
            "eventsourcing's. The measured way past the bridge is the writer-thread proposal; "
            "nothing on the current path reaches the goal."
        )
    for relay in results["relay"]:
        out.append(
            f"- **Relay, {_LABEL[relay['backend']]}**: {relay['relay_events_per_second']:,.0f} "
            f"events/s from commit to broker ack, {_x(relay['ratio'])} a bare aiokafka "
            "producer sending the same messages."
        )
    out += [
        "",
        "How the kernel appends, what limits each rate and what would lift the lines still "
        "below the goal are in the last sections; the limits were found by counting the "
        "kernel's trips to the database and profiling its appends.",
    ]
    return "\n".join(out)


def how_the_kernel_appends(results: dict[str, Any]) -> str:
    trips = {backend: found["trips_per_command"] for backend, found in results["diagnosis"].items()}
    sqlite_hops = trips.get("sqlite", {}).get("trygnet", {}).get("1")
    pg_own = trips.get("postgresql", {}).get("trygnet", {}).get("1")
    pg_unit = trips.get("postgresql", {}).get("unit_of_work", {}).get("1")

    def counted(value: float | None, unit: str) -> str:
        return f" ({value:.0f} {unit}, counted in this run)" if value is not None else ""

    return f"""**PostgreSQL** (`store/backends.py`): the append is one statement. A
data-modifying CTE moves the stream row (`INSERT ... ON CONFLICT DO NOTHING` for a new
stream, or the `UPDATE` guarded by the expected version and by
`transaction_id <= pg_current_xact_id()`, which keeps stream order and outbox order in
step), and the events are inserted from that CTE's result, so a stream at another version
gets no row and no event; no row back is the conflict, and only then a second query reads
the actual version. An append of its own with no state updater to share its transaction
runs that statement in autocommit mode{counted(pg_own, "round trip per command")}; a
unit of work (`store.transaction()`, or a state updater) adds `BEGIN` and
`COMMIT`{counted(pg_unit, "round trips per command")}. Connections are not pinged at checkout
(SQLAlchemy's asyncpg ping is three round trips): a connection the server dropped fails
its first statement with an error the caller can retry, and `pool_recycle` replaces
connections after 300 s.

**SQLite** (`store/backends.py`, `database.py`): `BEGIN IMMEDIATE` goes straight to
aiosqlite (one hop to its thread instead of three through a SQLAlchemy cursor), then the
stream move and all the command's events in one multi-row `INSERT ... RETURNING`, matched
to the events by version, then `COMMIT`. The pool no longer rolls back every connection
it takes back; it rolls back only one that SQLite reports still inside a transaction
(SQLite's autocommit flag, read without a hop). Every statement still crosses to
aiosqlite's thread{counted(sqlite_hops, "hops per command, whatever the number of events")}."""


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
    trips = d["trips_per_command"]
    hops = trips["trygnet"]["1"]
    one, ten = _line(results, "sqlite", 1, 1), _line(results, "sqlite", 1, 10)
    profile = d["profile"]["1"]["us_per_command"]
    total = sum(profile.values())
    share = {k.split(" (")[0]: v / total * 100 for k, v in profile.items()}
    eight_one, eight_ten = _line(results, "sqlite", 8, 1), _line(results, "sqlite", 8, 10)
    scale_one = _rate(eight_one, "trygnet") / _rate(one, "trygnet")
    scale_ten = _rate(eight_ten, "trygnet") / _rate(ten, "trygnet")
    wall_1, wall_10 = _wall_us(one, "trygnet"), _wall_us(ten, "trygnet")
    cpu_1 = _best(one, "trygnet")["cpu_us_per_command"]
    cpu_10 = _best(ten, "trygnet")["cpu_us_per_command"]
    peer_wall, peer_cpu = _wall_us(one, "peer"), _best(one, "peer")["cpu_us_per_command"]
    text = f"""**SQLite: the bridge between asyncio and aiosqlite's thread.** The kernel
reaches {_range(_ratios(results, "sqlite", "trygnet"))} of eventsourcing's rate on SQLite,
and the reason is not the disk. A 1-event command takes {wall_1:,.0f} µs and {cpu_1:,.0f} µs
of CPU in the benchmark process (all its threads); a 10-event command {wall_10:,.0f} µs and
{cpu_10:,.0f} µs. aiosqlite runs every driver call on the connection's own thread and
wakes the event loop with the result, and SQLAlchemy's asyncio layer makes each statement
several such calls (make a cursor, execute, fetch, close): **{hops:.0f} hops per command**
even now that the events go in one statement, `BEGIN IMMEDIATE` takes one hop and the
pool's rollback is gone. A bare hop costs {d["trip_latency_us"]:.0f} µs here, and each one
also wakes a thread and hands the GIL over. The profile of a 1-event append puts
{share.get("SQLAlchemy", 0):.0f}% of the event loop's time in SQLAlchemy,
{share.get("asyncio machinery", 0):.0f}% in asyncio's machinery and
{share.get("waiting for the database", 0):.0f}% idle, waiting for the connection's thread.
eventsourcing calls `sqlite3` directly on the writing thread: {peer_wall:,.0f} µs and
{peer_cpu:,.0f} µs of CPU per 1-event command. No reordering of the kernel's statements
closes a gap of that size while each one crosses the bridge.

Eight writers bring the kernel {_x(scale_one)} its 1-writer rate for 1-event commands and
{_x(scale_ten)} for 10-event commands: the work is Python CPU, 8 tasks share one
interpreter, and SQLite admits one writer at a time. (An `asyncio.Lock` in front of
`BEGIN IMMEDIATE`, so that waiting writers queue in Python rather than in SQLite's busy
handler, was measured while making these changes and gave no consistent gain; it is not
in the kernel.)"""
    if "writer_thread" in trips:
        thread_one = _line(results, "sqlite", 1, 1)["ratio"]["writer_thread"]
        best = max(_ratios(results, "sqlite", "writer_thread"))
        text += f"""

The measured way across the bridge is the **writer-thread proposal** (a prototype in
`bench/sqlite_writer.py`, not the kernel): the whole append as one job on one writer
thread that owns a `sqlite3` connection, {trips["writer_thread"]["1"]:.0f} hop per command.
It reaches {_x(thread_one)} on the 1-writer, 1-event line and at most {_x(best)} on any
SQLite line. It changes the state-updater contract (state updaters would have to run on
that thread, as sync functions of a `Connection`), so it stays a proposal."""
    return text


def _sqlite_ceiling(results: dict[str, Any]) -> str:
    floor = results["diagnosis"]["sqlite"]["storage_floor"]
    one, ten = _line(results, "sqlite", 1, 1), _line(results, "sqlite", 1, 10)
    peer_one = _best(one, "peer")["commands_per_second"]
    peer_ten = _best(ten, "peer")["commands_per_second"]
    lean = [floor["trygnet_lean_index"][s] / floor["trygnet"][s] - 1 for s in ("1", "10")]
    ours_1, ours_10 = floor["trygnet"]["1"], floor["trygnet"]["10"]
    index_us = 1e6 / ours_1 - 1e6 / floor["trygnet_lean_index"]["1"]
    theirs_1, theirs_10 = floor["peer"]["1"], floor["peer"]["10"]
    return f"""**SQLite: the storage floor of the tables.** With no Python framework at all
(plain `sqlite3`, one thread, same pragmas), the writes the kernel makes for a command
(the stream row, then per event tenant, stream, type, version, event id, data, metadata and
time, with a unique (tenant, stream, version), a unique event id and the (tenant, position)
and (transaction id, position) indexes) run at {ours_1:,.0f} 1-event and {ours_10:,.0f}
10-event commands/s. eventsourcing's writes, the same way, run at {theirs_1:,.0f} and
{theirs_10:,.0f}, and the eventsourcing library as a whole at {peer_one:,.0f} and
{peer_ten:,.0f}. So no implementation of today's tables, however lean its Python, can pass
**{_x(ours_1 / peer_one)}** (1 event) or **{_x(ours_10 / peer_ten)}** (10 events) against
eventsourcing on SQLite: {GOAL}{TIMES} there would take fewer bytes and fewer indexes per
event. Dropping the (transaction id, position) index, which SQLite never uses (its
transaction id is always 0; the relay reads by position there), raises that floor by
{lean[0] * 100:+.0f}% and {lean[1] * 100:+.0f}%; but the index costs about {index_us:.0f} µs
of the {_wall_us(one, "trygnet"):,.0f} µs a 1-event command takes through the kernel's
current path, lost in the bridge's cost. The floor is one transaction per command; grouping
several writers' commands into one transaction (which a writer thread could do) is the one
way past it, and only on the 8-writer lines."""


def _postgres_limits(results: dict[str, Any]) -> str:
    d = results["diagnosis"]["postgresql"]
    trips = d["trips_per_command"]
    one, ten = _line(results, "postgresql", 1, 1), _line(results, "postgresql", 1, 10)
    eight_one = _line(results, "postgresql", 8, 1)
    flush = d["commit_flush"]
    peer_scale = _rate(eight_one, "peer") / _rate(one, "peer")
    ours_scale = _rate(eight_one, "trygnet") / _rate(one, "trygnet")
    latency = d["trip_latency_us"]
    flush_on, flush_off = flush["synchronous_commit_on_us"], flush["synchronous_commit_off_us"]
    cpu = {
        (n, size): _best(line, n)["cpu_us_per_command"]
        for n in ("trygnet", "unit_of_work", "peer")
        for size, line in ((1, one), (10, ten))
        if n in line["contenders"]
    }
    own, unit = trips["trygnet"]["1"], trips.get("unit_of_work", {}).get("1")
    text = f"""**PostgreSQL: the commit flush and Python's CPU.** An append of its own is
**{own:.0f} round trip** ({own * latency:,.0f} µs here) of the
{_wall_us(one, "trygnet"):,.0f} µs a 1-event command takes with one writer"""
    if unit is not None:
        text += (
            f"; in a unit of work **{unit:.0f}** ({_wall_us(one, 'unit_of_work'):,.0f} µs "
            "per 1-event command)"
        )
    text += f""". eventsourcing sends its statements in psycopg's pipeline mode, from its
code two round trips (the pipeline is synced after the insert, then `COMMIT`). Every
command of one writer waits for its own WAL flush: a one-row commit takes {flush_on:.0f} µs
here, {flush_off:.0f} µs without waiting for the flush, and no client can avoid that wait
without weakening durability. The rest is CPU: the benchmark process spends
{cpu["trygnet", 1]:,.0f} µs per 1-event command in the kernel (SQLAlchemy, asyncpg)
against {cpu["peer", 1]:,.0f} µs in eventsourcing; with 10 events
{cpu["trygnet", 10]:,.0f} µs against {cpu["peer", 10]:,.0f} µs."""
    below = _below(results, "postgresql", "trygnet") + [
        f"in a unit of work, {label}" for label in _below(results, "postgresql", "unit_of_work")
    ]
    if below:
        text += (
            f" Below {GOAL}{TIMES} in this run: "
            + "; ".join(below)
            + ". There one writer waits for its own commit flush, which eventsourcing pays "
            "too, so the ratio can only come from CPU per command and round trips; the unit of "
            "work adds two round trips (`BEGIN`, `COMMIT`) and SQLAlchemy's transaction "
            "handling to the same statement."
        )
    text += f"""

With 8 writers eventsourcing reaches {_x(peer_scale)} its 1-writer rate: each insert takes
`LOCK TABLE ... IN EXCLUSIVE MODE` (so that notification ids commit in order), which
serialises the writers, commit flush included. The kernel lets writers commit at once (its
relay reads below the snapshot's oldest running transaction instead; see
`store/backends.py`), PostgreSQL flushes their commits together, and the kernel reaches
{_x(ours_scale)} its 1-writer rate; the next limit there is the 2 cores that Python and the
server share."""
    return text


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
    names = results["contenders"]
    below = [
        f"{_LABEL[backend]}, {names[name]}: " + "; ".join(_below(results, backend, name))
        for backend in _backends(results)
        for name in _kernel_paths(results, backend)
        if _below(results, backend, name)
    ]
    out = [
        "Lines where the kernel is below the goal in this run: "
        + (" — ".join(below) if below else "none")
        + ".",
        "",
        "What would lift them, most effective first:",
        "",
    ]
    number = 1
    if "sqlite" in results["diagnosis"]:
        thread = (
            _ratios(results, "sqlite", "writer_thread") if _has(results, "writer_thread") else []
        )
        measured = f" Measured: {_range(thread)} against eventsourcing." if thread else ""
        out.append(
            f"{number}. **SQLite, a writer thread** (prototype `bench/sqlite_writer.py`): a "
            "SQLite backend that owns one writer thread per database and runs each append "
            "there whole with `sqlite3`, one hop per command. State updaters would become "
            "sync functions of a `Connection` (PostgreSQL can run the same function through "
            f"`AsyncConnection.run_sync`), a change to their contract.{measured}"
        )
        number += 1
        out.append(
            f"{number}. **SQLite, less per event**: drop the (transaction id, position) index "
            "on SQLite in a kernel revision `kernel_0002` (not applied yet: a new kernel "
            "revision is a second Alembic head beside a service's revisions, and "
            "`tests/integration/test_migrations.py` expects one), and store the metadata once "
            "per command. Only worth it together with the writer thread: through aiosqlite "
            "the storage is not the limit."
        )
        number += 1
    if "postgresql" in results["diagnosis"]:
        out.append(
            f"{number}. **PostgreSQL, less CPU per command**: the single-writer lines are "
            "bound by the commit flush, which both sides pay, and by the kernel's Python "
            "(SQLAlchemy's statement and result handling, then building the recorded "
            "events). Sending the append through the driver directly would take most of "
            "SQLAlchemy's share; it is not prototyped."
        )
        number += 1
    out.append(
        f"{number}. **Relay**: read `data` as text and send the stored JSON bytes as the "
        "message value (no decode and encode per event), and read the next batch while the "
        "current one waits for its acks (the checkpoint still moves only after the acks, in "
        "order). Not prototyped; the profile above says how much of an event's time each "
        "removes."
    )
    return "\n".join(out)


def _spreads(results: dict[str, Any]) -> list[float]:
    """Best over worst round, minus one, per contender and line."""
    return [
        max(t["events_per_second"] for t in c["rounds"])
        / min(t["events_per_second"] for t in c["rounds"])
        - 1
        for line in results["appends"]
        for c in line["contenders"].values()
        if len(c["rounds"]) > 1
    ]


def _median_spread(results: dict[str, Any]) -> float:
    spreads = _spreads(results)
    return statistics.median(spreads) if spreads else 0.0


def _has(results: dict[str, Any], name: str) -> bool:
    return any(name in line["contenders"] for line in results["appends"])


def fairness(results: dict[str, Any]) -> str:
    spreads = _spreads(results)
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
- Trygnet's PostgreSQL line "Trygnet" is an append of its own in autocommit mode, which
  only an append with no state updater gets; a service whose current-state tables change
  with its events runs "in a unit of work", the line to read for it.
- Same durability on both sides (above), same server, the same event data built in the
  timed loop, a fresh database per contender and line, turns in a rotating order, best
  round reported. The machine has 2 cores, shared by the benchmark, PostgreSQL and the
  broker. {spread}"""
