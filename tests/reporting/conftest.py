"""The reporting service's database, migrated, and a way to apply events to it."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import SECRET
from trygnet_core.auth import AuthSettings
from trygnet_core.database import migrate
from trygnet_core.envelope import ReceivedEvent
from trygnet_reporting.bootstrap import Settings, create_app, migrations
from trygnet_reporting.projections import Projector
from trygnet_reporting.report_documents import report_docs


@pytest.fixture
async def reports(engine: AsyncEngine) -> AsyncEngine:
    await migrate(engine, version_locations=[migrations()])
    return engine


async def project(
    engine: AsyncEngine, events: Sequence[ReceivedEvent], *, batch: int = 1000
) -> None:
    """Apply events as the consumer would, ``batch`` at a time, one transaction each."""
    projector = Projector()
    for start in range(0, len(events), batch):
        async with engine.begin() as conn:
            await projector(conn, events[start : start + batch])


async def snapshot(engine: AsyncEngine) -> dict[tuple[str, str, str], dict]:
    async with engine.connect() as conn:
        rows = await conn.execute(select(report_docs))
        return {(r.tenant_id, r.kind, r.doc_id): r.body for r in rows}


def without_broker(engine: AsyncEngine) -> FastAPI:
    """The reporting service's app on ``engine``, consuming nothing (tests project)."""
    settings = Settings(
        database_url="unused",
        bootstrap_servers=None,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
    )
    return create_app(settings, engine=engine)
