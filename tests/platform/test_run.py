"""``make run`` (``trygnet-run``): the broker, four services and the gateway as separate
processes; GraphQL served with the tokens it wrote; a crashed service reported and
started again; Ctrl-C stops every process it started."""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from sqlalchemy import text

from tests.conftest import needs_postgres
from tests.platform.runs import alive, trygnet_run
from tests.security.raw_http import exchange, head
from tests.support.databases import service_databases
from trygnet_core.auth import issue_dev_token
from trygnet_core.database import create_engine
from trygnet_core.request_limits import MIB
from trygnet_platform.processes import Console

SERVICES = ("actors", "activities", "incidents", "reporting")

AREAS = "{ areas { id name } }"


async def ask(http: httpx.AsyncClient, url: str, token: str, query: str) -> dict[str, object]:
    answer = await http.post(
        url, json={"query": query}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


async def until_ready(http: httpx.AsyncClient, url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (await http.get(f"{url}/readyz")).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError(f"{url} not ready within {timeout} s")


async def test_it_serves_with_its_tokens_restarts_a_crashed_service_and_stops_everything(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "trygnet"
    async with trygnet_run(folder, "--no-demo") as run:
        ready = run.lines.index(await run.wait_for(r"Trygnet is ready after [\d.]+ s"))
        # The GraphQL URL is the line after (it may not have been read yet).
        await run.wait_for(f"GraphQL: +{re.escape(run.graphql)}", after=ready, timeout=10)
        tokens = run.tokens()
        assert set(tokens) == {"0101", "0851", "0126", "national", "platform-admin"}
        assert all(
            set(tokens[t]) == {"coordinator", "partner", "police", "integration"}
            for t in ("0101", "0851", "0126")
        )
        started = run.run_file()
        assert set(started["pids"]) == {"actors", "activities", "incidents", "reporting", "gateway"}
        assert len(set(started["pids"].values())) == 5, "each its own process"

        async with httpx.AsyncClient(timeout=30) as http:
            body = await ask(http, run.graphql, tokens["0101"]["coordinator"], AREAS)
            assert body == {"data": {"areas": []}}
            forged = issue_dev_token(
                secret="another-secret-that-is-long-enough-for-hs256!!",
                subject="intruder",
                tenant="0101",
                roles=["coordinator"],
            )
            refused = await ask(http, run.graphql, forged, AREAS)
            assert [e["extensions"]["code"] for e in refused["errors"]] == ["UNAUTHENTICATED"]  # type: ignore[index, union-attr]
            # The gateway (with the portal) is served as the gateway alone is: headers
            # past its limit are refused while they are read.
            base = run.graphql.removesuffix("/graphql")
            huge = await exchange(base, head("GET", base, "/graphql", [("X-Filler", "a" * MIB)]))
            assert huge.status == 431 and huge.closed
            assert huge.json()["errors"][0]["extensions"]["code"] == "TOO_LARGE"

            seen = len(run.lines)
            os.kill(started["pids"]["actors"], signal.SIGKILL)
            await run.wait_for(r"actors exited with code -9; starting it again", after=seen)
            await run.wait_for(r"actors started again \(pid \d+\)", after=seen)
            await until_ready(http, started["urls"]["actors"])
            written = await ask(
                http,
                run.graphql,
                tokens["0101"]["coordinator"],
                'mutation { defineArea(input: {name: "Tingbjerg", kind: HOUSING_AREA}) { area { name } } }',
            )
            assert written == {"data": {"defineArea": {"area": {"name": "Tingbjerg"}}}}
            assert run.process.returncode is None, "the rest kept running"

        restarted = run.run_file()["pids"]["actors"]
        code = await run.interrupt()
        assert code == 0, "\n".join(run.lines[-30:])
        assert run.lines[-1].endswith("stopped")
        every = [*started["pids"].values(), started["broker_pid"]]
        await asyncio.sleep(0.5)
        assert not [pid for pid in every if alive(pid)], "no process outlives the run"
        assert not alive(restarted)


async def test_a_busy_port_is_refused_with_what_to_do(tmp_path: Path) -> None:
    async with trygnet_run(tmp_path / "first", "--no-demo") as first:
        await first.wait_for("Trygnet is ready")
        second_folder = tmp_path / "second"
        async with trygnet_run(second_folder, "--no-demo", "--port", str(first.port)) as second:
            code = await second.finished(timeout=60)
            assert code == 1
            assert any(
                f"port {first.port} is in use" in line and "--port" in line for line in second.lines
            ), second.lines
        assert await first.interrupt() == 0


COUNTS = """{
  actors(first: 1) { totalCount }
  activities(first: 1) { totalCount }
  fora(first: 1) { totalCount }
  coordinationGaps { reason }
}"""


def partner_actors(tokens: dict[str, Any]) -> dict[str, str | None]:
    return {
        tenant: jwt.decode(roles["partner"], options={"verify_signature": False}).get("actor")
        for tenant, roles in tokens.items()
        if tenant not in ("national", "platform-admin")
    }


async def test_the_demo_is_loaded_once_and_the_reports_come_back_after_a_restart(
    tmp_path: Path,
) -> None:
    """The second start finds the data in its SQLite files and loads nothing; its broker is
    new and empty, so the reports are built again from what the services publish anew."""
    folder = tmp_path / "trygnet"
    async with trygnet_run(folder, "--tenants", "3", "--exit-when-ready") as first:
        assert await first.finished() == 0, "\n".join(first.lines[-40:])
    loaded = first.tokens()
    assert set(loaded) == {"0101", "0851", "0126", "national", "platform-admin"}
    assert partner_actors(loaded)["0101"], "the Copenhagen partner works for a demo actor"

    async with trygnet_run(folder, "--tenants", "3") as again:
        await again.wait_for("Trygnet is ready")
        assert partner_actors(again.tokens()) == partner_actors(loaded)
        coordinator = again.tokens()["0101"]["coordinator"]
        async with httpx.AsyncClient(timeout=30) as http:
            deadline = time.monotonic() + 60
            while True:
                body = await ask(http, again.graphql, coordinator, COUNTS)
                data: dict[str, Any] = body["data"]  # type: ignore[assignment]
                if len(data["coordinationGaps"]) >= 78 or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.5)
        assert data["actors"]["totalCount"] == 60, "loaded once, not twice"
        assert data["activities"]["totalCount"] >= 37
        assert data["fora"]["totalCount"] == 7
        assert len(data["coordinationGaps"]) >= 78, "the reports were built again"
        assert await again.interrupt() == 0


@needs_postgres
@pytest.mark.postgres
async def test_each_service_runs_on_the_postgresql_database_it_is_given(tmp_path: Path) -> None:
    async with service_databases("run", SERVICES) as urls:
        given = {f"{service.upper()}_DATABASE_URL": url for service, url in urls.items()}
        async with trygnet_run(tmp_path / "trygnet", "--no-demo", env=given) as run:
            await run.wait_for("Trygnet is ready")
            coordinator = run.tokens()["0101"]["coordinator"]
            async with httpx.AsyncClient(timeout=30) as http:
                written = await ask(
                    http,
                    run.graphql,
                    coordinator,
                    'mutation { defineArea(input: {name: "Vårby gård", kind: HOUSING_AREA}) { position } }',
                )
            assert not written.get("errors"), written
            assert await run.interrupt() == 0
        actors = create_engine(urls["actors"], pool_size=1)
        async with actors.connect() as conn:
            stored = (await conn.execute(text("SELECT tenant_id, type FROM events"))).all()
        await actors.dispose()
        assert [tuple(row) for row in stored] == [("0101", "AreaDefined")]
        assert not (tmp_path / "trygnet" / "actors.db").exists(), "no SQLite file beside it"


async def test_no_process_outlives_a_runner_that_is_killed(tmp_path: Path) -> None:
    async with trygnet_run(tmp_path / "trygnet", "--no-demo") as run:
        await run.wait_for("Trygnet is ready")
        started = run.run_file()
        run.process.kill()
        await run.finished()
        every = [*started["pids"].values(), started["broker_pid"]]
        for _ in range(75):  # up to 15 s for Linux to end them
            if not [pid for pid in every if alive(pid)]:
                break
            await asyncio.sleep(0.2)
        assert not [pid for pid in every if alive(pid)], "a process outlived the killed runner"


async def test_ctrl_c_stops_everything_when_the_terminal_is_gone(tmp_path: Path) -> None:
    """``make run | tee run.log`` and Ctrl-C: the ``tee`` goes first, so every line the
    runner writes after it meets a closed pipe; it stops the platform all the same."""
    async with trygnet_run(tmp_path / "trygnet", "--no-demo") as run:
        await run.wait_for("Trygnet is ready")
        started = run.run_file()
        run.close_output()
        await asyncio.sleep(0.5)
        run.process.send_signal(signal.SIGINT)
        await asyncio.wait_for(run.process.wait(), 60)
        every = [*started["pids"].values(), started["broker_pid"]]
        assert not [pid for pid in every if alive(pid)], "Ctrl-C stopped every process"


def test_the_console_goes_quiet_when_its_terminal_is_gone() -> None:
    class Closed(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError

    console = Console(Closed())
    console.say("stopping")
    console.child_line("actors", "a line")
    assert console.gone
