"""``trygnet-run`` (``make run``): the whole platform on one machine.

Starts the embedded Kafka-protocol broker (or uses ``KAFKA_BOOTSTRAP_SERVERS``), the
four services and the GraphQL gateway, each as its own process on its own SQLite file
under ``.trygnet/``; waits until every one answers ``/readyz``; loads the demo data
through the gateway (once: a restart finds it there) and waits until the reports show
it (``demo.settled``); writes ``.trygnet/tokens.json`` and says how to use it. A crashed
process is reported and started again (``processes.Supervised``), the broker too.
Ctrl-C stops the gateway first, then the services (their relays finish what they are
sending), then the broker; a second Ctrl-C stops everything at once.

What a run did is also in ``.trygnet/run.json``: ports, process ids and the seconds
it took to serve and to be ready (the startup benchmark reads it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import httpx

from trygnet_core.broker import EmbeddedBroker, external_bootstrap_servers, free_port, port_free
from trygnet_platform.processes import Console, Supervised, start_fork_server
from trygnet_platform.tokens import DemoActors, DemoTokens, dev_secret, master_key, write_tokens

SERVICES: Final = (
    ("actors", "trygnet_actors", 8101),
    ("activities", "trygnet_activities", 8102),
    ("incidents", "trygnet_incidents", 8103),
    ("reporting", "trygnet_reporting", 8104),
)
GATEWAY: Final = ("gateway", "trygnet_platform.front", 8000)
"""The gateway, with the portal mounted at ``/`` on its origin (``front``)."""
NAMED_MUNICIPALITIES: Final = ("0101", "0851", "0126")
READY_SECONDS: Final = 90.0
PRELOAD: Final = (
    "trygnet_core.service",
    "trygnet_core.relay",
    "trygnet_core.consumer",
    "httpx",
    "uvicorn",
    "uvicorn.loops.uvloop",
    "uvicorn.protocols.http.httptools_impl",
)
"""What every service imports: the fork server imports it once, before its first fork.
What only one of them needs (Strawberry, networkx) each imports itself, in parallel."""


@dataclass(frozen=True)
class Options:
    """What ``trygnet-run`` was asked for; ``parse`` fills each field from the command
    line option whose destination bears its name."""

    port: int = 8000
    folder: Path = Path(".trygnet")
    tenants: int = 8
    seed: int = 2026
    demo: bool = True
    verbose: bool = False
    exit_when_ready: bool = False


class RunFailed(Exception):
    """The platform could not be started; the message says why and what to do."""


class Runner:
    def __init__(self, options: Options, console: Console) -> None:
        self.options = options
        self.console = console
        self.folder = options.folder.resolve()
        self.logs = self.folder / "logs"
        self.broker: EmbeddedBroker | None = None
        self.bootstrap = ""
        self.processes: dict[str, Supervised] = {}
        self.urls: dict[str, str] = {}
        self.stopping = asyncio.Event()
        self.failure: str | None = None
        self.timings: dict[str, float] = {}

    # -- starting ---------------------------------------------------------------------

    async def start(self) -> None:
        began = time.monotonic()
        if not port_free(self.options.port):
            raise RunFailed(
                f"port {self.options.port} is in use (is Trygnet already running?);"
                " stop it, or choose another port with --port"
            )
        self.logs.mkdir(parents=True, exist_ok=True)
        secret = dev_secret(self.folder)
        start_fork_server(PRELOAD)
        await self._start_broker()
        environment = self._environment(secret)
        usual = self.options.port == GATEWAY[2]
        for name, module, default_port in SERVICES:
            # Their usual ports beside the gateway's usual one; a platform on another
            # port (a second one, a test's) takes free ports and never races the first
            # for a port it frees and takes again while one of its services restarts.
            port = default_port if usual and port_free(default_port) else free_port()
            self.urls[name] = f"http://127.0.0.1:{port}"
            env = {
                **environment,
                "PORT": str(port),
                "DATABASE_URL": os.environ.get(
                    f"{name.upper()}_DATABASE_URL", f"sqlite:///{self.folder / name}.db"
                ),
                # One replica of each: restarted after a crash, it takes its relay's
                # lease back at once instead of waiting for it to lapse.
                "TRYGNET_RELAY_HOLDER": f"{socket.gethostname()}:trygnet-run:{name}",
            }
            await self._spawn(name, module, env)
        gateway_env = {
            **environment,
            "PORT": str(self.options.port),
            **{f"{name.upper()}_URL": url for name, url in self.urls.items()},
            "TRYGNET_PORTAL_GRAPHQL_URL": f"http://127.0.0.1:{self.options.port}/graphql",
            "TRYGNET_PORTAL_DEV_TOKENS": str(self.folder / "tokens.json"),
        }
        self.urls["gateway"] = f"http://127.0.0.1:{self.options.port}"
        await self._spawn(GATEWAY[0], GATEWAY[1], gateway_env)
        await self._until_ready()
        self.timings["serving_seconds"] = round(time.monotonic() - began, 2)
        self.console.say(
            f"every service answers: serving after {self.timings['serving_seconds']} s"
        )
        actors = await self._load(secret)
        write_tokens(self.folder / "tokens.json", DemoTokens(secret), actors)
        self.timings["ready_seconds"] = round(time.monotonic() - began, 2)
        self._write_run_file()
        self._say_ready(actors)

    async def _start_broker(self) -> None:
        external = external_bootstrap_servers()
        if external:
            self.bootstrap = external
            self.console.say(f"using the Kafka brokers at {external}")
            return
        self.broker = EmbeddedBroker(log_path=self.logs / "broker.log")
        await asyncio.to_thread(self.broker.start)
        self.bootstrap = self.broker.bootstrap_servers
        self.console.say(f"embedded broker listening on {self.bootstrap} (memory only)")

    def _environment(self, secret: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env.update(
            KAFKA_BOOTSTRAP_SERVERS=self.bootstrap,
            TRYGNET_DEV_MODE="1",
            TRYGNET_DEV_JWT_SECRET=secret,
            TRYGNET_MASTER_KEY=os.environ.get("TRYGNET_MASTER_KEY") or master_key(self.folder),
            HOST="127.0.0.1",
            TRYGNET_CONSUMER_SESSION_TIMEOUT_MS=os.environ.get(
                "TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", "3000"
            ),
            TRYGNET_CONSUMER_REST_AFTER_MS=os.environ.get(
                "TRYGNET_CONSUMER_REST_AFTER_MS", "10000"
            ),
            TRYGNET_CONSUMER_REST_POLL_MS=os.environ.get("TRYGNET_CONSUMER_REST_POLL_MS", "5000"),
            # One replica of each consumer: reading every partition, it needs no group.
            TRYGNET_CONSUMER_GROUP=os.environ.get("TRYGNET_CONSUMER_GROUP", "off"),
            TRYGNET_RELAY_POLL_MS=os.environ.get("TRYGNET_RELAY_POLL_MS", "10000"),
            TRYGNET_RELAY_LOSS_CHECK_MS=os.environ.get("TRYGNET_RELAY_LOSS_CHECK_MS", "10000"),
        )
        if self.broker is not None:
            # The embedded broker grants no producer ids: its relays never ask for them
            # (Apache Kafka's do, by default).
            env.setdefault("TRYGNET_RELAY_IDEMPOTENCE", "off")
            # It finds a record batch by reading its partition's batches one by one: one
            # partition a topic (one process reads each) keeps the batches full and few.
            env.setdefault("TRYGNET_RELAY_PARTITIONS", "1")
        return env

    async def _spawn(self, name: str, module: str, env: Mapping[str, str]) -> None:
        process = Supervised(
            name,
            module,
            env=env,
            log_path=self.logs / f"{name}.log",
            console=self.console,
            on_given_up=self._given_up,
            on_restarted=lambda _process: self._write_run_file(),
        )
        await process.start()
        self.processes[name] = process

    def _given_up(self, process: Supervised) -> None:
        self.failure = f"{process.name} keeps crashing: see {process.log_path}"
        self.stopping.set()

    async def _until_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        waiting = dict(self.urls)
        async with httpx.AsyncClient(timeout=2.0) as http:
            while waiting:
                if self.failure:
                    raise RunFailed(self.failure)
                if time.monotonic() > deadline:
                    logs = ", ".join(str(self.logs / f"{name}.log") for name in waiting)
                    raise RunFailed(
                        f"{', '.join(waiting)} not ready within {READY_SECONDS:.0f} s: see {logs}"
                    )
                for name, url in list(waiting.items()):
                    with contextlib.suppress(httpx.HTTPError):
                        if (await http.get(f"{url}/readyz")).status_code == 200:
                            del waiting[name]
                if waiting:
                    await asyncio.sleep(0.1)

    async def _load(self, secret: str) -> dict[str, DemoActors]:
        if not self.options.demo:
            return {tenant: DemoActors() for tenant in NAMED_MUNICIPALITIES}
        from trygnet_platform.demo import LoadFailed, Written, load_demo  # only when loading
        from trygnet_platform.demo.settled import until_settled

        began, tokens, written = time.monotonic(), DemoTokens(secret), Written()
        async with httpx.AsyncClient(base_url=self.urls["gateway"], timeout=60.0) as http:
            try:
                partners = await load_demo(
                    http,
                    tokens,
                    tenants=self.options.tenants,
                    seed=self.options.seed,
                    say=self.console.say,
                    written=written,
                )
            except (LoadFailed, httpx.HTTPError) as failure:
                raise RunFailed(f"the demo data could not be loaded: {failure}") from failure
        # Ready means the reports show it all (``demo.settled``).
        admin = tokens.platform_admin()
        await until_settled(self.urls["reporting"], admin, written, READY_SECONDS, self.console.say)
        self.timings["demo_seconds"] = round(time.monotonic() - began, 2)
        return partners

    def _write_run_file(self) -> None:
        document = {
            "urls": self.urls,
            "bootstrap_servers": self.bootstrap,
            "pids": {name: process.pid for name, process in self.processes.items()},
            "broker_pid": self.broker.pid if self.broker else None,
            **self.timings,
        }
        (self.folder / "run.json").write_text(json.dumps(document, indent=2) + "\n")

    def _say_ready(self, partners: Mapping[str, DemoActors]) -> None:
        tokens = self.folder / "tokens.json"
        graphql = f"{self.urls['gateway']}/graphql"
        shown = ", ".join(list(partners)[:3]) + (
            f" and {len(partners) - 3} more" if len(partners) > 3 else ""
        )
        lines = [
            f"Trygnet is ready after {self.timings['ready_seconds']} s",
            f"  portal:   {self.urls['gateway']}/  (sign in there as any demo identity)",
            f"  GraphQL:  {graphql}  (GraphiQL there in a browser)",
            f"  tokens:   {tokens}  (municipalities {shown}; and a national body's)",
            "  try:",
            f"    TOKEN=$(python3 -c \"import json; print(json.load(open('{tokens}'))"
            "['0101']['coordinator'])\")",
            f'    curl -s {graphql} -H "Authorization: Bearer $TOKEN"'
            " -H 'Content-Type: application/json'"
            ' -d \'{"query": "{ areas { id name } }"}\'',
            f"  logs:     {self.logs}/",
            "  Ctrl-C stops everything.",
        ]
        for line in lines:
            self.console.say(line)

    # -- running and stopping ---------------------------------------------------------

    async def watch_broker(self) -> None:
        """A broker that died is started again, empty, on the same port: the relays
        notice the lost log and publish everything again, the consumers converge."""
        while self.broker is not None and not self.stopping.is_set():
            await asyncio.sleep(1.0)
            if self.broker.exit_code is not None and not self.stopping.is_set():
                self.console.say(
                    f"the broker exited with code {self.broker.exit_code}; starting a new"
                    " empty one on the same port (the services publish their events again)"
                )
                await asyncio.to_thread(self.broker.restart)
                self._write_run_file()  # the new broker's pid

    async def stop(self) -> None:
        gateway = self.processes.get("gateway")
        if gateway is not None:
            await gateway.stop()
        await asyncio.gather(
            *(process.stop() for name, process in self.processes.items() if name != "gateway")
        )
        if self.broker is not None:
            await asyncio.to_thread(self.broker.stop)

    def kill(self) -> None:
        for process in self.processes.values():
            process.kill()
        if self.broker is not None:
            self.broker.kill()


async def run(options: Options, console: Console | None = None) -> int:
    console = console or Console()
    runner = Runner(options, console)
    loop = asyncio.get_running_loop()
    interrupts = 0

    def interrupted() -> None:
        nonlocal interrupts
        interrupts += 1
        if interrupts == 1:
            runner.stopping.set()
            console.say("stopping (Ctrl-C again to stop at once)")
        else:
            runner.kill()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, interrupted)
    starting = asyncio.create_task(runner.start())
    stopped = asyncio.create_task(runner.stopping.wait())
    try:
        await asyncio.wait({starting, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if starting.done():
            starting.result()  # raises RunFailed or what the start met
            if not options.exit_when_ready:
                watch = asyncio.create_task(runner.watch_broker())
                await stopped
                watch.cancel()
        else:
            starting.cancel()
            with contextlib.suppress(asyncio.CancelledError, RunFailed):
                await starting
    except RunFailed as failure:
        console.say(f"cannot start: {failure}")
        runner.failure = runner.failure or str(failure)
    finally:
        stopped.cancel()
        await runner.stop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
    if runner.failure:
        console.say(f"stopped: {runner.failure}")
        return 1
    console.say("stopped")
    return 0


def parse(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="trygnet-run", description=__doc__.split("\n\n")[0])
    env = os.environ
    parser.add_argument(
        "--port", type=int, default=int(env.get("TRYGNET_PORT", "8000")), help="GraphQL port"
    )
    parser.add_argument(
        "--folder",
        type=Path,
        default=Path(env.get("TRYGNET_HOME", ".trygnet")),
        help="where the SQLite files, logs, secret and tokens are kept",
    )
    parser.add_argument(
        "--tenants",
        type=int,
        default=int(env.get("TRYGNET_DEMO_TENANTS", "8")),
        help="municipalities in the demo data (the first three are named ones)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic ones")
    parser.add_argument("--no-demo", dest="demo", action="store_false", help="load no demo data")
    parser.add_argument(
        "--verbose", action="store_true", help="show every request's access line too"
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="stop as soon as the platform is ready (to measure the startup, or in CI)",
    )
    args = parser.parse_args(argv)
    if args.tenants < 1:
        parser.error("--tenants must be at least 1")
    return Options(**vars(args))


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    sys.exit(asyncio.run(run(options, Console(verbose=options.verbose))))


if __name__ == "__main__":
    main()
