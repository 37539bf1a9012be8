"""The actors CSV import: rows per second for a coordinator's list, dry run and real.

    uv run python -m bench.actors_import [--rows 5000]

Runs the actors service in-process on a SQLite file (and on PostgreSQL when
TEST_POSTGRES_URL is set), posts a generated file over HTTP and prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import text

from tests.actors.conftest import make_settings, token
from tests.actors.test_import import actors_file
from trygnet_actors.bootstrap import create_app
from trygnet_core.database import create_engine, migrate


async def measure(url: str, label: str, rows: int, **engine_options: object) -> None:
    engine = create_engine(url, **engine_options)
    await migrate(engine)
    app = create_app(make_settings(), engine=engine)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://actors", timeout=600
        ) as http:
            for name in ("Tingbjerg", "Husum"):
                await http.post("/areas", json={"name": name, "kind": "district"}, headers=token())
            body = actors_file(rows).encode()
            headers = {**token(), "Content-Type": "text/csv"}
            for what, dry_run in (("dry run", "true"), ("import", "false"), ("re-import", "false")):
                started = time.perf_counter()
                response = await http.post(
                    "/imports/actors", params={"dryRun": dry_run}, content=body, headers=headers
                )
                seconds = time.perf_counter() - started
                assert response.status_code == 200, response.text
                print(
                    f"{label:10} {what:9} {rows} rows in {seconds:6.2f} s"
                    f" = {rows / seconds:8,.0f} rows/s"
                )
    await engine.dispose()


async def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        await measure(f"sqlite:///{Path(folder) / 'actors.db'}", "SQLite", rows)
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if not postgres:
        print("PostgreSQL  skipped: TEST_POSTGRES_URL is not set")
        return
    schema = f"bench_import_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        await measure(
            postgres, "PostgreSQL", rows, connect_args={"server_settings": {"search_path": schema}}
        )
    finally:
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    asyncio.run(main(parser.parse_args().rows))
