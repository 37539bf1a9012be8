"""A partnership's document written while roles were any text gets its roles as
``PartnerRole`` words on upgrade (activities_0003); nothing else changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_activities.bootstrap import migrations
from trygnet_activities.read_model import documents
from trygnet_core.database import migrate

MEMBERS = {"actor-police": "politi", "actor-fsb": "FUNDER", "actor-ssp": "medlem"}


async def test_old_partnership_roles_are_read_as_partner_roles_on_upgrade(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    before = tmp_path / "before"
    before.mkdir()
    for revision in ("activities_0001.py", "activities_0002.py"):
        shutil.copy(Path(migrations()) / revision, before / revision)
    await migrate(engine, version_locations=[str(before)])
    old = {"partnership_id": "partnership-1", "name": "Tryghedspartnerskabet", "members": MEMBERS}
    forum = {"forum_id": "forum-1", "name": "Forum", "members": ["actor-police"], "role": "x"}
    async with engine.begin() as conn:
        for stream, kind, body in (
            ("partnership-1", "Partnership", old),
            ("forum-1", "Forum", forum),
        ):
            await conn.execute(
                insert(documents).values(
                    tenant_id="0101",
                    stream_id=stream,
                    kind=kind,
                    title=stream,
                    body=body,
                    version=2,
                )
            )

    await migrate(engine, version_locations=[migrations()])

    async with engine.connect() as conn:
        bodies = dict((await conn.execute(select(documents.c.stream_id, documents.c.body))).all())
    assert bodies["partnership-1"] == {
        **old,
        "members": {"actor-police": "other", "actor-fsb": "funder", "actor-ssp": "partner"},
    }
    assert bodies["forum-1"] == forum
