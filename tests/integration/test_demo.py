"""``make run``: the kernel demonstration, run as a newcomer would run it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from trygnet_core.auth import issue_dev_token
from trygnet_core.broker import free_port
from trygnet_core.demo import DEV_SECRET


def demo_env(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "KAFKA_", "TRYGNET_"))}
    env["TRYGNET_STATE_DIR"] = str(state)
    return env


def test_the_walk_through_appends_relays_consumes_and_erases(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "trygnet_core.demo", "--once"],
        env=demo_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for line in (
        "appended          IncidentReported v1",
        "refused           ConcurrencyConflict",
        "consumer applied  IncidentReported v1",
        "consumer applied  TimelineEntryAdded v4",
        "relay published   4 events",
        "duplicates skipped so far: 1",
        "before erasure    witness = Jens Hansen",
        "after erasure     witness = [erased]",
        "holds 4 applied events",
    ):
        assert line in out, f"missing {line!r} in:\n{out}"
    assert "Jens Hansen" not in (tmp_path / "demo-incidents.db").read_bytes().decode("latin-1")


async def test_the_served_demo_answers_over_http_per_tenant(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "trygnet_core.demo", "--port", str(port)],
        env=demo_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines: list[str] = []
        while not any("runs at" in line for line in lines):
            line = await asyncio.to_thread(process.stdout.readline)
            assert line, "the demo ended early:\n" + "".join(lines)
            lines.append(line)
        base = f"http://127.0.0.1:{port}"
        copenhagen = issue_dev_token(
            secret=DEV_SECRET, subject="c", tenant="0101", roles=["coordinator"]
        )
        aalborg = issue_dev_token(
            secret=DEV_SECRET, subject="a", tenant="0851", roles=["coordinator"]
        )
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            assert (await client.get("/healthz")).status_code == 200
            ready = await client.get("/readyz")
            assert ready.status_code == 200, ready.text
            own = await client.get("/events", headers={"Authorization": f"Bearer {copenhagen}"})
            assert own.status_code == 200
            assert [e["type"] for e in own.json()][:2] == ["IncidentReported", "ActorsAlerted"]
            other = await client.get("/events", headers={"Authorization": f"Bearer {aalborg}"})
            assert other.status_code == 200 and other.json() == []
            anonymous = await client.get("/events")
            assert anonymous.status_code == 401
            assert anonymous.headers["content-type"].startswith("application/problem+json")
            assert anonymous.json()["code"] == "UNAUTHENTICATED"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(timeout=20) == 0
        finally:
            if process.poll() is None:
                process.kill()


def test_the_broker_never_outlives_the_process_that_started_it(tmp_path: Path) -> None:
    """Even a SIGKILL of ``make run`` leaves no broker behind."""
    starter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from trygnet_core.broker import EmbeddedBroker; "
            "b = EmbeddedBroker(); b.start(); print(b.pid, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=demo_env(tmp_path),
    )
    assert starter.stdout is not None
    broker_pid = int(starter.stdout.readline())
    os.kill(broker_pid, 0)  # it runs
    starter.kill()
    starter.wait(timeout=10)
    for _ in range(100):
        try:
            os.kill(broker_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError("the broker outlived the process that started it")
