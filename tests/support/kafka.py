"""Apache Kafka's own broker, started from the jars ``make kafka`` fetched.

``KafkaCluster(size=1)`` is one combined controller+broker node; ``size=3`` is the
production shape (DESIGN.md): three combined nodes in one KRaft quorum, replication
factor 3 and ``min.insync.replicas=2`` for every topic, the internal ones included.
Each node has its own free ports and data folder under ``folder``; its log is
``folder/node-N/server.log``. ``kill(i)`` is a crash (SIGKILL), ``restart(i)`` starts
that node again on its data, ``pause(i)``/``resume(i)`` freeze it.

The JVMs are kept lean for a 2-core machine that also runs the platform: a small heap,
the serial collector (no parallel GC threads), the client compiler only (the tests
need quick start-up, not peak throughput) and few broker threads. Everything else is
Kafka's default, as production runs it.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from aiokafka.admin import AIOKafkaAdminClient

from trygnet_core.broker import die_with_parent, free_port
from trygnet_core.kafka import ensure_topic

ROOT = Path(__file__).resolve().parents[2]
LIB = ROOT / ".trygnet" / "kafka" / "lib"
"""Where ``make kafka`` copies the broker's jars."""
PLATFORM_TOPICS = ("trygnet.actors", "trygnet.activities", "trygnet.incidents")
"""Made as docker-compose.yml's kafka-init makes them: 4 partitions, kept forever."""
STARTUP_SECONDS = 120.0
FORMAT_ATTEMPTS = 3

JVM_OPTIONS = (
    "-Xms256m",
    "-Xmx512m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:CICompilerCount=1",
    "-XX:ReservedCodeCacheSize=64m",
    "-XX:MaxMetaspaceSize=128m",
    "-Xss512k",
    "-XX:-UsePerfData",
    "-Djava.awt.headless=true",
    "-Dlog4j2.disable.jmx=true",
)

LOG4J2 = """\
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = {log}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.change.name = state.change.logger
logger.change.level = warn
"""

T = TypeVar("T")


def java() -> str | None:
    """The ``java`` to run Kafka with: ``$JAVA_HOME/bin/java``, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def missing(*, fetch: bool = False) -> str | None:
    """Why Apache Kafka cannot be started here, or None when it can. With ``fetch``,
    jars not fetched yet are fetched as ``make kafka`` does, when Maven is here."""
    if java() is None:
        return "no Java (17 or newer) on this machine: Apache Kafka's tests are skipped"
    if not _fetched() and fetch and shutil.which("mvn") and shutil.which("make"):
        subprocess.run(["make", "-s", "kafka"], cwd=ROOT, check=False, timeout=600)
    if not _fetched():
        return f"Apache Kafka's jars are not in {LIB}: run `make kafka` (needs Maven)"
    return None


def _fetched() -> bool:
    """``make kafka`` marks a whole copy (it copies into another folder first)."""
    return (LIB / ".fetched").is_file() and any(LIB.glob("kafka_2.13-*.jar"))


def _run(coroutine: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run an asyncio coroutine to its end from synchronous code, wherever it is called
    (a fixture, or a test's event loop through ``asyncio.to_thread``)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine()).result()


@dataclass
class KafkaNode:
    """One combined controller+broker node."""

    node_id: int
    port: int
    controller_port: int
    folder: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def config(self) -> Path:
        return self.folder / "server.properties"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None


class KafkaCluster:
    """Apache Kafka in KRaft mode: ``size`` combined nodes on 127.0.0.1."""

    def __init__(self, folder: Path, *, size: int = 3) -> None:
        if size < 1:
            raise ValueError("a cluster has at least one node")
        self.folder = folder
        self.size = size
        self.cluster_id = _cluster_id()
        self.nodes = [
            KafkaNode(i + 1, free_port(), free_port(), folder / f"node-{i + 1}")
            for i in range(size)
        ]

    @property
    def bootstrap_servers(self) -> str:
        return ",".join(f"127.0.0.1:{node.port}" for node in self.nodes)

    @property
    def replication(self) -> int:
        return min(self.size, 3)

    # -- the whole cluster --------------------------------------------------------------

    def start(self) -> None:
        """Format each node's storage, start every node, wait until every broker answers
        metadata, and make the platform's topics."""
        problem = missing()
        if problem:
            raise RuntimeError(problem)
        for node in self.nodes:
            node.folder.mkdir(parents=True, exist_ok=True)
            node.config.write_text(self._properties(node))
            (node.folder / "log4j2.properties").write_text(LOG4J2.format(log=node.log))
        for node in self.nodes:
            self._format(node)
        try:
            for node in self.nodes:
                self._launch(node)
            self.wait_until_ready()
            _run(lambda: self.create_topics(PLATFORM_TOPICS))
        except BaseException:
            self.stop()
            raise

    def _format(self, node: KafkaNode, *, attempts: int = FORMAT_ATTEMPTS) -> None:
        """Format one node's storage. A JVM that fails to start (seen once on a loaded CI
        machine, with no word in the logs) is tried again on an empty data folder; the
        error names the exit code and ends with what the tool printed."""
        for attempt in range(1, attempts + 1):
            shutil.rmtree(node.data, ignore_errors=True)
            process = self._java(node, "kafka.tools.StorageTool", "format")
            try:
                code = process.wait(timeout=STARTUP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                code = process.wait(timeout=10)
            if code == 0:
                return
            output = node.folder / "stdout.log"
            said = output.read_text(errors="replace")[-2000:] if output.is_file() else ""
            if attempt == attempts:
                raise RuntimeError(
                    f"formatting node {node.node_id} failed {attempts} times, last with exit "
                    f"code {code}; {output} ends:\n{said}"
                )
            time.sleep(1.0)

    def stop(self) -> None:
        """SIGTERM to every node (a controlled shutdown), SIGKILL to what lingers."""
        running = [node for node in self.nodes if node.pid is not None]
        for node in running:
            assert node.process is not None
            node.process.send_signal(signal.SIGCONT)
            node.process.terminate()
        deadline = time.monotonic() + 20
        for node in running:
            assert node.process is not None
            try:
                node.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                node.process.kill()
                node.process.wait(timeout=10)
        for node in self.nodes:
            node.process = None

    def wait_until_ready(self, timeout: float = STARTUP_SECONDS) -> None:
        """Until every running node listens and is a broker in the cluster's metadata
        (registered and unfenced)."""
        deadline = time.monotonic() + timeout
        while True:
            self._check_alive()
            if all(_listening(node.port) for node in self.nodes if node.process is not None):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"Kafka did not listen within {timeout}s")
            time.sleep(0.2)
        while True:
            self._check_alive()
            brokers = _run(self._brokers)
            if brokers >= {node.node_id for node in self.nodes if node.process is not None}:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"Kafka answered with brokers {sorted(brokers)} only")
            time.sleep(0.5)

    def _check_alive(self) -> None:
        for node in self.nodes:
            if node.process is not None and node.process.poll() is not None:
                raise RuntimeError(
                    f"Kafka node {node.node_id} exited with code "
                    f"{node.process.returncode}: see {node.log}"
                )

    async def create_topics(self, topics: Iterable[str], *, partitions: int = 4) -> None:
        """Topics as docker-compose.yml makes the platform's: kept forever, 4 partitions,
        every node holding a replica (up to three)."""
        for topic in topics:
            await ensure_topic(
                self.bootstrap_servers, topic, partitions=partitions, replication=self.replication
            )

    async def recreate_topics(self, topics: Iterable[str] = PLATFORM_TOPICS) -> None:
        """Delete ``topics`` and make them again, empty: a platform started on the
        session's cluster then reads no event of one started before it."""
        wanted = set(topics)
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers)
        await admin.start()
        try:
            present = wanted & set(await admin.list_topics())
            if present:
                await admin.delete_topics(sorted(present))
            deadline = time.monotonic() + 60
            while wanted & set(await admin.list_topics()):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"Kafka did not delete {sorted(present)}")
                await asyncio.sleep(0.2)
        finally:
            await admin.close()
        await self.create_topics(sorted(wanted))

    # -- one node -----------------------------------------------------------------------

    def kill(self, index: int) -> None:
        """SIGKILL node ``index`` (0-based), as a crash; its data stays on disk."""
        node = self.nodes[index]
        if node.process is not None:
            node.process.kill()
            node.process.wait(timeout=10)
            node.process = None

    def restart(self, index: int, *, wait: bool = True) -> None:
        """Start node ``index`` again on its data (after ``kill``), and by default wait
        until it is a broker of the cluster again."""
        self.kill(index)
        self._launch(self.nodes[index])
        if wait:
            self.wait_until_ready()

    def pause(self, index: int) -> None:
        """SIGSTOP: the node keeps its connections and answers nothing."""
        self.signal(index, signal.SIGSTOP)

    def resume(self, index: int) -> None:
        self.signal(index, signal.SIGCONT)

    def signal(self, index: int, number: signal.Signals) -> None:
        node = self.nodes[index]
        if node.process is not None:
            node.process.send_signal(number)

    # -- inside --------------------------------------------------------------------------

    def _properties(self, node: KafkaNode) -> str:
        voters = ",".join(f"{n.node_id}@127.0.0.1:{n.controller_port}" for n in self.nodes)
        replicas, in_sync = self.replication, min(self.replication, 2)
        settings = {
            "process.roles": "broker,controller",
            "node.id": node.node_id,
            "controller.quorum.voters": voters,
            "listeners": f"PLAINTEXT://127.0.0.1:{node.port},"
            f"CONTROLLER://127.0.0.1:{node.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{node.port}",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name": "PLAINTEXT",
            "controller.listener.names": "CONTROLLER",
            "log.dirs": node.data,
            # As docker-compose.yml: topics are made on purpose, none by accident.
            "auto.create.topics.enable": "false",
            "default.replication.factor": replicas,
            "min.insync.replicas": in_sync,
            "offsets.topic.replication.factor": replicas,
            "transaction.state.log.replication.factor": replicas,
            "transaction.state.log.min.isr": in_sync,
            "share.coordinator.state.topic.replication.factor": replicas,
            "share.coordinator.state.topic.min.isr": in_sync,
            "group.initial.rebalance.delay.ms": 0,
            # The tests' consumers use 2-3 s sessions (DESIGN.md); Kafka's floor is 6 s.
            "group.min.session.timeout.ms": 1000,
            # Few threads: two cores run three nodes and the platform.
            "num.network.threads": 2,
            "num.io.threads": 2,
            "num.replica.fetchers": 1,
            "background.threads": 2,
            "num.recovery.threads.per.data.dir": 1,
            "log.cleaner.threads": 1,
        }
        return "".join(f"{key}={value}\n" for key, value in settings.items())

    def _java(self, node: KafkaNode, main: str, *arguments: str) -> subprocess.Popen[bytes]:
        command = [
            java() or "java",
            *JVM_OPTIONS,
            f"-Dlog4j2.configurationFile={node.folder / 'log4j2.properties'}",
            f"-Dkafka.logs.dir={node.folder}",
            "-cp",
            f"{LIB}/*",
            main,
            *arguments,
        ]
        if main == "kafka.tools.StorageTool":
            command += ["--config", str(node.config), "--cluster-id", self.cluster_id]
        else:
            command.append(str(node.config))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "KAFKA_"))}
        with open(node.folder / "stdout.log", "ab") as out:
            return subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
                preexec_fn=die_with_parent,
            )

    def _launch(self, node: KafkaNode) -> None:
        node.process = self._java(node, "kafka.Kafka")

    async def _brokers(self) -> set[int]:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.bootstrap_servers, request_timeout_ms=3000
        )
        try:
            await asyncio.wait_for(admin.start(), timeout=5)
            described = await asyncio.wait_for(admin.describe_cluster(), timeout=5)
            return {int(broker["node_id"]) for broker in described["brokers"]}
        except Exception:
            return set()
        finally:
            await admin.close()

    def __enter__(self) -> KafkaCluster:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _cluster_id() -> str:
    """A KRaft cluster id: 16 random bytes, base64url without padding, as Kafka's Uuid."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
