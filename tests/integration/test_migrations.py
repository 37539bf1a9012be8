"""The kernel's migrations, and a service's own revisions built on them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.database import migrate

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
    # kernel_0001 is an ancestor of the service's revision (depends_on), so one head stands for both.
    assert heads == {"incidents_0001"}
