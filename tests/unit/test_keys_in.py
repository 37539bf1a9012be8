"""``keys_in``: exactly the rows of the keys asked, through the key's index on SQLite
(where a list of row values was answered by reading every row)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, event, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.consumer_tracking import _APPLIED_VERSIONS
from trygnet_core.database import create_engine, migrate
from trygnet_core.keys_in import keys_in

_metadata = MetaData()
_pairs = Table(
    "keys_in_pairs",
    _metadata,
    Column("tenant_id", String(20), primary_key=True),
    Column("stream_id", String(20), primary_key=True),
    Column("n", Integer, nullable=False),
)
_BY_KEYS = select(_pairs.c.tenant_id, _pairs.c.stream_id, _pairs.c.n).where(
    keys_in((_pairs.c.tenant_id, _pairs.c.stream_id))
)


async def test_exactly_the_rows_of_the_keys_asked(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(_metadata.create_all)
        rows = [
            {"tenant_id": t, "stream_id": s, "n": i}
            for i, (t, s) in enumerate((t, s) for t in ("0101", "0461") for s in ("a", "b", "c"))
        ]
        await conn.execute(_pairs.insert(), rows)
        # each tenant and each stream id asked is also in a row of a key not asked
        asked = [("0101", "a"), ("0461", "b"), ("0461", "z")]
        found = {(r.tenant_id, r.stream_id) for r in await conn.execute(_BY_KEYS, {"keys": asked})}
        assert found == {("0101", "a"), ("0461", "b")}
        none = await conn.execute(_BY_KEYS, {"keys": [("9999", "a")]})
        assert none.all() == []
        one = await conn.execute(_BY_KEYS, {"keys": [("0101", "c")]})
        assert [r.n for r in one] == [2]


async def test_sqlite_searches_the_index_for_each_key(tmp_path: Path) -> None:
    """A scan of every row is what the row-value list did; each statement that asks by
    many keys must search its table's key index instead."""
    engine = create_engine(f"sqlite:///{tmp_path / 'plans.db'}")
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    try:
        await migrate(engine)
        event.listen(engine.sync_engine, "before_cursor_execute", keep)
        async with engine.begin() as conn:
            await conn.run_sync(_metadata.create_all)
            for statement, params, table in (
                (_BY_KEYS, {"keys": [("0101", "a"), ("0461", "b")]}, "keys_in_pairs"),
                (
                    _APPLIED_VERSIONS,
                    {"consumer": "reporting", "keys": [("0101", "actors", "x"), ("0461", "a", "y")]},
                    "consumer_streams",
                ),
            ):
                sent.clear()
                await conn.execute(statement, params)
                sql, parameters = sent[-1]
                explained = await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
                plan = [row[3] for row in explained]
                assert f"SCAN {table}" not in plan, plan
                search = next(step for step in plan if step.startswith(f"SEARCH {table} USING"))
                assert "tenant_id=?" in search and "stream_id=?" in search, plan
    finally:
        await engine.dispose()


def test_the_statement_is_built_once_for_any_number_of_keys() -> None:
    """On SQLite the keys are one parameter, so one compiled form serves any number."""
    compiled = str(_BY_KEYS.compile(dialect=sqlite.dialect()))
    assert compiled.count("?") == 1
    assert "json_each" in compiled
