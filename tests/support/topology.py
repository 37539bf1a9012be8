"""The production shape on one machine: the local rehearsal of the Kubernetes deployment.

Three Apache Kafka nodes (``kafka.KafkaCluster``), a PostgreSQL server of its own with
one database per service (``own_postgres``), two replicas of every writing service and
of reporting, two gateways, and a round-robin proxy in front of each (``round_robin``:
what a Kubernetes Service is to a Deployment). Every replica is its own process,
started as its container starts it (``python -m trygnet_<service>``), on its own port.

- The writing services' replicas share their service's database. Every replica runs a
  relay, and the relay lease (``trygnet_core.relay_lease``) lets one publish at a time
  (the holder is named after the replica, ``actors-2``).
- Reporting's replicas are one consumer group on one shared database: any replica
  answers any municipality.
- The gateways are stateless; each reads the incidents topic for live subscriptions.

``kill``, ``stop`` and ``start`` act on one replica by name (``actors-1``); ``restart``
is one step of a rolling restart; ``postgres.restart()`` and ``kafka`` act on the
servers. ``python -m tests.support.topology`` (``make rehearse``) starts it all and
prints the URLs and a token, until Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiokafka.admin import AIOKafkaAdminClient

from tests.support.kafka import ROOT, KafkaCluster
from tests.support.own_postgres import OwnPostgres
from trygnet_core.broker import die_with_parent, free_port
from trygnet_platform.tokens import DemoTokens, dev_secret, master_key

WRITERS = ("actors", "activities", "incidents")
SERVICES = (*WRITERS, "reporting")
MODULES = {**{s: f"trygnet_{s}" for s in SERVICES}, "gateway": "trygnet_gateway"}
READY_SECONDS = 180.0
STOP_SECONDS = 15.0


@dataclass
class Replica:
    """One process of a service (a pod)."""

    name: str
    service: str
    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Topology:
    folder: Path
    replicas_per_service: int = 2
    kafka: KafkaCluster | None = None
    """A three-node cluster already running (the test session's), else one of its own."""
    postgres: OwnPostgres = field(init=False)
    databases: dict[str, str] = field(default_factory=dict)
    replicas: dict[str, Replica] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    """Per service (and ``gateway``), the URL of its round-robin proxy."""
    proxy: subprocess.Popen[bytes] | None = None

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._own_kafka = self.kafka is None
        self.kafka = self.kafka or KafkaCluster(self.folder / "kafka", size=3)
        self.postgres = OwnPostgres()
        self.secret = dev_secret(self.folder)
        self.tokens = DemoTokens(self.secret)

    # -- starting and stopping ------------------------------------------------------------

    async def start(self) -> None:
        try:
            await asyncio.gather(self._start_kafka(), self._start_postgres())
            common = self._environment()
            ports = {name: free_port() for name in (*SERVICES, "gateway")}
            self.urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
            for service in SERVICES:
                for n in range(1, self.replicas_per_service + 1):
                    env = {**common, "DATABASE_URL": self.databases[service]}
                    # A replica started again takes its own lease back at once.
                    env["TRYGNET_RELAY_HOLDER"] = f"{service}-{n}"
                    self._replica(service, n, env)
            gateway = {**common, **{f"{s.upper()}_URL": self.urls[s] for s in SERVICES}}
            for n in range(1, self.replicas_per_service + 1):
                self._replica("gateway", n, gateway)
            self._start_proxy(ports)
            # A service's first replica migrates its database; the others start after it.
            await asyncio.gather(*(self._start_in_turn(s) for s in (*SERVICES, "gateway")))
        except BaseException:
            await self.stop()
            raise

    async def _start_kafka(self) -> None:
        if self._own_kafka:
            await asyncio.to_thread(self.kafka.start)
        else:  # none of an earlier platform's events
            await self.kafka.recreate_topics()

    async def _start_postgres(self) -> None:
        await asyncio.to_thread(self.postgres.start)
        for service in SERVICES:
            url = await asyncio.to_thread(self.postgres.create_database, service)
            self.databases[service] = url

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "KAFKA_"))}
        env.pop("DATABASE_URL", None)
        env.update(
            KAFKA_BOOTSTRAP_SERVERS=self.kafka.bootstrap_servers,
            TRYGNET_DEV_MODE="1",
            TRYGNET_DEV_JWT_SECRET=self.secret,
            TRYGNET_MASTER_KEY=os.environ.get("TRYGNET_MASTER_KEY") or master_key(self.folder),
            HOST="127.0.0.1",
            TRYGNET_CONSUMER_SESSION_TIMEOUT_MS="3000",
            # Load from a few clients with one coordinator's token: budgets out of the way.
            TRYGNET_GATEWAY_RATE_PER_MINUTE="1000000",
            TRYGNET_GATEWAY_COST_PER_MINUTE=str(10**12),
            TRYGNET_GATEWAY_CLIENT_COST_PER_MINUTE=str(10**12),
        )
        return env

    def _replica(self, service: str, n: int, env: dict[str, str]) -> None:
        name = f"{service}-{n}"
        port = free_port()
        logs = self.folder / "logs"
        logs.mkdir(exist_ok=True)
        replica = Replica(name, service, port, {**env, "PORT": str(port)}, logs / f"{name}.log")
        self.replicas[name] = replica

    async def _start_in_turn(self, service: str) -> None:
        for replica in self.of(service):
            await self.start_replica(replica.name)

    def _start_proxy(self, ports: dict[str, int]) -> None:
        routes = [
            f"{port}=" + ",".join(f"127.0.0.1:{r.port}" for r in self.of(name))
            for name, port in ports.items()
        ]
        with open(self.folder / "logs" / "round-robin.log", "ab") as out:
            self.proxy = subprocess.Popen(
                [sys.executable, "-m", "tests.support.round_robin", *routes],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent,
            )

    async def stop(self) -> None:
        for group in (["gateway"], list(SERVICES)):
            await asyncio.gather(
                *(self.stop_replica(r.name) for r in self.replicas.values() if r.service in group)
            )
        if self.proxy is not None:
            self.proxy.terminate()
            self.proxy.wait(timeout=10)
        if self._own_kafka:
            await asyncio.to_thread(self.kafka.stop)
        await asyncio.to_thread(self.postgres.stop)

    # -- one replica ----------------------------------------------------------------------

    def of(self, service: str) -> list[Replica]:
        return [r for r in self.replicas.values() if r.service == service]

    async def start_replica(self, name: str) -> None:
        """Start the replica's process and wait until it answers ``/readyz``."""
        replica = self.replicas[name]
        replica.process = _launch([sys.executable, "-m", MODULES[replica.service]], replica)
        await self.until_ready(replica)

    async def until_ready(self, replica: Replica) -> None:
        deadline = time.monotonic() + READY_SECONDS
        async with httpx.AsyncClient(timeout=2.0) as http:
            while True:
                if not replica.running:
                    raise RuntimeError(f"{replica.name} exited: see {replica.log}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(f"{replica.url}/readyz")).status_code == 200:
                        return
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{replica.name} not ready: see {replica.log}")
                await asyncio.sleep(0.2)

    def kill(self, name: str) -> None:
        """SIGKILL: the replica's process dies as in a node's crash."""
        process = self.replicas[name].process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    async def stop_replica(self, name: str) -> None:
        """SIGTERM (a pod deleted), SIGKILL after ``STOP_SECONDS``."""
        process = self.replicas[name].process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.to_thread(process.wait, STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill(name)

    async def restart(self, name: str) -> None:
        """One step of a rolling restart: stopped, started, ready again."""
        await self.stop_replica(name)
        await self.start_replica(name)

    # -- Kafka ------------------------------------------------------------------------------

    async def restart_broker(self, index: int, *, crash: bool = False) -> None:
        """A node stopped (SIGTERM; SIGKILL with ``crash``), started again on its data, and
        waited for until every partition has all three replicas in sync again."""
        node = self.kafka.nodes[index]
        if crash:
            self.kafka.kill(index)
        elif node.process is not None:
            node.process.terminate()
            await asyncio.to_thread(node.process.wait, 60)
        await asyncio.to_thread(self.kafka.restart, index)
        await self.until_in_sync()

    async def until_in_sync(self, timeout: float = READY_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while short := await self._under_replicated():
            if time.monotonic() > deadline:
                raise TimeoutError(f"partitions still short of replicas: {short[:5]}")
            await asyncio.sleep(0.5)

    async def _under_replicated(self) -> list[str]:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.kafka.bootstrap_servers)
        await admin.start()
        try:
            topics = [t for t in await admin.list_topics() if not t.startswith("__")]
            described = await admin.describe_topics(topics)
            return [
                f"{topic['topic']}/{p['partition']}"
                for topic in described
                for p in topic["partitions"]
                if len(p["isr"]) < len(p["replicas"])
            ]
        finally:
            await admin.close()

    # -- what a client needs -----------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        return {
            "urls": self.urls,
            "replicas": {name: r.url for name, r in self.replicas.items()},
            "bootstrap_servers": self.kafka.bootstrap_servers,
            "databases": self.databases,
        }


def _launch(command: list[str], replica: Replica) -> subprocess.Popen[bytes]:
    with open(replica.log, "ab") as out:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=replica.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )


@contextlib.asynccontextmanager
async def running_topology(folder: Path, **options: Any) -> AsyncIterator[Topology]:
    topology = Topology(folder, **options)
    await topology.start()
    try:
        yield topology
    finally:
        await topology.stop()


async def _rehearse(folder: Path) -> None:
    async with running_topology(folder) as topology:
        print(json.dumps(topology.describe(), indent=2))
        print(f"coordinator of 0101: {topology.tokens.coordinator('0101')}")
        print(f"GraphQL: {topology.urls['gateway']}/graphql  (Ctrl-C stops everything)")
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopped.set)
        await stopped.wait()


if __name__ == "__main__":
    asyncio.run(_rehearse(Path(sys.argv[1] if len(sys.argv) > 1 else ".trygnet/rehearsal")))
