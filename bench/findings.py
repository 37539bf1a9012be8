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
        "and what the outbox needs; for SQLite the newer goal is at least 1.0"
        f"{TIMES} on every line and {GOAL}{TIMES} with 8 writers. **Trygnet** below is the "
        "kernel as it is in `core/`.",
        "",
    ]
    out += _goals(results)
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
    if _below(results, "sqlite", "trygnet"):
        out.append(
            "- **Where SQLite still falls short**: a lone writer has nobody to share a commit "
            "with, so each of its commands pays SQLite's commit of every page it changed, and "
            "the kernel's tables change more pages per event than eventsourcing's (see the "
            "storage floor below). With several writers their commands share commits, and "
            "what remains is Python's CPU per command: asyncio's machinery, the write turn and "
            "savepoint, the rows and the recorded events built (the CPU comparison below)."
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


def _goals(results: dict[str, Any]) -> list[str]:
    """Each goal, how many lines reach it, per kernel path."""
    wanted = [("sqlite", None, 1.0), ("sqlite", 8, GOAL), ("postgresql", None, GOAL)]
    out = []
    for backend, writers, goal in wanted:
        lines = [
            line
            for line in _lines(results, backend)
            if writers is None or line["writers"] == writers
        ]
        if not lines:
            continue
        which = "every line" if writers is None else f"the {writers}-writer lines"
        reached = "; ".join(
            f"{results['contenders'][name]} on {sum(line['ratio'][name] >= goal for line in lines)}"
            f" of {len(lines)}"
            for name in _kernel_paths(results, backend)
        )
        out.append(f"- Goal {_LABEL[backend]}, {goal}{TIMES} on {which}: reached by {reached}.")
    return out


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

**SQLite** (`sqlite_dialect.py`, `group_commit.py`, `store/backends.py`): `sqlite3` is
called on the event loop's own thread, through SQLAlchemy's asyncio layer with a dialect
that never awaits{counted(sqlite_hops, "thread hops per command")}. The writers of a
process take turns, and those queued together share one transaction (group commit): the
first of a group runs `BEGIN IMMEDIATE`, each later one works in a savepoint of its own, so
a conflict or an error rolls back its own command only, and the last one commits for all;
no command is answered before that commit. The append is two statements straight to
`sqlite3` on the transaction's connection (the stream move guarded by the expected version,
then all the command's events in one multi-row `INSERT ... RETURNING`, matched by version),
the values stored exactly as SQLAlchemy stores them; a unit of work that runs no statement
through SQLAlchemy commits through `sqlite3` too, without SQLAlchemy's transaction. New
events get time-ordered ids (UUID version 7), so the unique event-id index grows at its end.
`kernel_0004` dropped the two event indexes SQLite never used and made `streams` a
`WITHOUT ROWID` table."""


def limits(results: dict[str, Any]) -> str:
    parts = []
    if "sqlite" in results["diagnosis"]:
        parts += [_sqlite_limits(results), _sqlite_ceiling(results)]
    if "postgresql" in results["diagnosis"]:
        parts.append(_postgres_limits(results))
    if results["relay"]:
        parts.append(_relay_limits(results))
    return "\n\n".join(parts)


_BEFORE: Final = (
    "Before this change (run of 2026-11-22: aiosqlite, 9 thread hops of about 115 µs per "
    "command, one commit per command) a 1-event command took 1,388 µs and 1,189 µs of CPU, "
    f"and the kernel reached 0.04{TIMES} to 0.13{TIMES} of eventsourcing on SQLite; its "
    "profile put 36% "
    "of the time idle waiting for aiosqlite's thread, 24% in SQLAlchemy and 19% in asyncio's "
    "machinery. Before time-ordered event ids and the unit of work without SQLAlchemy's "
    f"transaction (run of 2026-12-06, 02:09) the kernel reached 0.38{TIMES} to 0.68{TIMES}; "
    "a 1-event command took 89 µs and 75 µs of CPU, a 10-event command 402 µs and 330 µs."
)


def _sqlite_limits(results: dict[str, Any]) -> str:
    d = results["diagnosis"]["sqlite"]
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
    cpu_ratios = "; ".join(
        f"{line['label']} "
        + _x(
            _best(line, "peer")["cpu_us_per_command"] / _best(line, "trygnet")["cpu_us_per_command"]
        )
        for line in _lines(results, "sqlite")
    )
    return f"""**SQLite: no thread between the loop and the database, and shared commits.** The
kernel reaches {_range(_ratios(results, "sqlite", "trygnet"))} of eventsourcing's rate on
SQLite. A 1-event command of one writer takes {wall_1:,.0f} µs and {cpu_1:,.0f} µs of CPU
in the benchmark process; a 10-event command {wall_10:,.0f} µs and {cpu_10:,.0f} µs;
eventsourcing's 1-event command {peer_wall:,.0f} µs and {peer_cpu:,.0f} µs. {_BEFORE}
Now the profile of a 1-event append puts {share.get("SQLAlchemy", 0):.0f}% of the time in
SQLAlchemy (the pool's check-out and its type processors), {share.get("asyncio machinery", 0):.0f}%
in asyncio's machinery and {share.get("waiting for the database", 0):.0f}% idle; the rest is
SQLite's own work (its commit above all, charged to the kernel's lines) and the event's JSON.

Why not the writer thread the issue proposed: one bare hop to a thread and back costs
{d["trip_latency_us"]:.0f} µs here, measured in this run, near what eventsourcing needs for a
whole 1-event command, and state updaters would have had to become sync functions on that
thread. `sqlite3` on the loop's thread costs no hop and keeps every contract; SQLite releases
the GIL while it works, and a statement of the kernel's is microseconds. What must never
happen there is a wait for a lock: writers of the process take turns, and a writer of
another process is waited for asleep on the event loop (`sqlite_dialect.begin_immediate`).

Eight writers bring the kernel {_x(scale_one)} its 1-writer rate for 1-event commands and
{_x(scale_ten)} for 10-event commands: the commands queued while one writes share its
transaction and its commit, each in its own savepoint.

CPU per command, which the load of a shared machine disturbs less than elapsed time
(eventsourcing's CPU over the kernel's, so above 1{TIMES} the kernel spends less):
{cpu_ratios}."""


def _sqlite_ceiling(results: dict[str, Any]) -> str:
    floor = results["diagnosis"]["sqlite"]["storage_floor"]
    one, ten = _line(results, "sqlite", 1, 1), _line(results, "sqlite", 1, 10)
    peer_one = _best(one, "peer")["commands_per_second"]
    peer_ten = _best(ten, "peer")["commands_per_second"]
    ours_1, ours_10 = floor["trygnet"]["1"], floor["trygnet"]["10"]
    before = floor.get("trygnet_before_0004", {})
    gain = f" (before `kernel_0004`: {before['1']:,.0f} and {before['10']:,.0f})" if before else ""
    theirs_1, theirs_10 = floor["peer"]["1"], floor["peer"]["10"]
    eight = _best(_line(results, "sqlite", 8, 1), "trygnet")["commands_per_second"]
    verdict = "pass that floor" if eight > ours_1 else "did not pass that floor in this run"
    return f"""**SQLite: the storage floor of one commit per command.** With no Python at all
(plain `sqlite3`, one thread, same pragmas, one transaction per command), the writes the
kernel makes for a command (the stream row, then per event tenant, stream, type, version,
event id, data, metadata and time, with a unique (tenant, stream, version) and a unique
event id) run at {ours_1:,.0f} 1-event and {ours_10:,.0f} 10-event commands/s{gain}.
eventsourcing's writes, the same way, run at {theirs_1:,.0f} and {theirs_10:,.0f}, and the
eventsourcing library as a whole at {peer_one:,.0f} and {peer_ten:,.0f}. A lone writer has
nobody to share its commit with, so on the 1-writer lines no implementation of these
tables can pass **{_x(ours_1 / peer_one)}** (1 event) or **{_x(ours_10 / peer_ten)}**
(10 events) against eventsourcing. Eight writers {verdict}: {eight:,.0f} 1-event
commands/s, their commands sharing commits."""


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
{ratios}. It is CPU-bound in one Python process: per event it reads a plain row
(`EventStore.read_for_relay`: only the columns it sends, as stored; on SQLite straight from
`sqlite3`, on PostgreSQL without SQLAlchemy's typed results), builds the CloudEvent headers
straight from it (`relay_messages`: the id and `ce_time` cut from the stored text, the
metadata decoded once per append) and appends the message to its partition's record batch.
Reading, building and saving the checkpoint are {" and ".join(shares)} of a relayed event's
profiled time (table above). Two batches are in flight at most: the next is read and sent
while the broker acknowledges the one before, and the checkpoint moves batch by batch. What
is left of its own time is Python's per event: fifteen header pairs built and encoded, and
aiokafka's append of the message to its record batch."""


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
        out.append(
            f"{number}. **SQLite, fewer pages per commit** (the 1-writer lines): each command "
            "of a lone writer changes the events table, its two unique indexes and the streams "
            "row, against eventsourcing's table and one index. The unique event id costs what "
            "the storage floor's row without it shows; storing the metadata once per command "
            "would shrink each row. Both change what is stored or guarded: a later revision."
        )
        number += 1
        out.append(
            f"{number}. **SQLite, less Python per command**: an append alone no longer goes "
            "through SQLAlchemy; what is left is per event (its JSON, id and recorded event) "
            "and per command (the turn, savepoint and context managers of the unit of work); "
            "a handler that reads and writes through SQLAlchemy pays its greenlet per statement."
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
    if slow := [_LABEL[r["backend"]] for r in results["relay"] if r["ratio"] < 0.8]:
        out.append(
            f"{number}. **Relay** (below the goal on {' and '.join(slow)}): what is left is per "
            "message (the header pairs, aiokafka's append); less would change the wire format."
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
