"""A PostgreSQL database per service on the server of ``TEST_POSTGRES_URL``, dropped
afterwards: what an operator gives ``make run`` with ``<SERVICE>_DATABASE_URL``."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.conftest import POSTGRES_URL
from trygnet_core.database import create_engine


@asynccontextmanager
async def service_databases(prefix: str, services: Sequence[str]) -> AsyncIterator[dict[str, str]]:
    """The URL of a new, empty database for each service."""
    assert POSTGRES_URL
    names = {service: f"{prefix}_{uuid.uuid4().hex[:8]}_{service}" for service in services}
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", pool_size=1)
    try:
        async with admin.connect() as conn:
            for name in names.values():
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
        server = make_url(POSTGRES_URL)
        yield {
            service: server.set(database=name).render_as_string(hide_password=False)
            for service, name in names.items()
        }
    finally:
        async with admin.connect() as conn:
            for name in names.values():
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
