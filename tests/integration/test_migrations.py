"""The kernel's migrations, and a service's own revisions built on them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import POSTGRES_URL, needs_postgres
from trygnet_core.database import create_engine, migrate

SERVICE_REVISION = '''
"""incidents: current state"""
import sqlalchemy as sa
from alembic import op

revision = "incidents_0001"
down_revision = None
branch_labels = ("incidents",)
depends_on = "kernel_0001"


def upgrade() -> None:
    op.create_table("incident_state", sa.Column("stream_id", sa.String(200), primary_key=True))


def downgrade() -> None:
    op.drop_table("incident_state")
'''

KERNEL_TABLES = {
    "events",
    "streams",
    "subject_keys",
    "outbox_checkpoints",
    "outbox_partitions",
    "consumer_positions",
    "consumer_streams",
    "dead_letters",
    "idempotency_keys",
}


async def tables(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))


async def test_a_service_adds_its_revisions_to_the_kernels_and_migrating_twice_is_harmless(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    assert await tables(engine) >= KERNEL_TABLES  # the fixture migrated the kernel
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "incidents_0001.py").write_text(SERVICE_REVISION)
    await migrate(engine, version_locations=[str(versions)])
    await migrate(engine, version_locations=[str(versions)])
    assert {"incident_state"} | KERNEL_TABLES <= await tables(engine)
    async with engine.connect() as conn:
        heads = {
            row[0] for row in await conn.execute(text("SELECT version_num FROM alembic_version"))
        }
    # kernel_0001 is an ancestor of the service's revision (depends_on), so the service's
    # head stands for it; the kernel's later revisions are the kernel branch's own head.
    assert heads == {"incidents_0001", "kernel_0004"}


@needs_postgres
@pytest.mark.postgres
@pytest.mark.timeout(60)  # without the lock the replicas wait on each other's tables
async def test_replicas_starting_at_once_migrate_one_after_another(unique: str) -> None:
    """Several replicas of a service starting together on one empty PostgreSQL database
    (a rollout, a scaled Deployment) all start; the schema is made once."""
    schema = f"m_{unique}"
    admin = create_engine(POSTGRES_URL or "", pool_size=1)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    replicas = [
        create_engine(POSTGRES_URL or "", connect_args={"server_settings": {"search_path": schema}})
        for _ in range(4)
    ]
    try:
        await asyncio.gather(*(migrate(replica) for replica in replicas))
        assert await tables(replicas[0]) >= KERNEL_TABLES
        async with replicas[0].connect() as conn:
            versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
        assert len(versions) == 1
    finally:
        for replica in replicas:
            await replica.dispose()
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()
