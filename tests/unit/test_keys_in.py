"""``keys_in``: exactly the rows of the keys asked, through the key's index on SQLite
(where a list of row values was answered by reading every row). Shown on a consumer's
applied versions, the statement every batch of every consumer asks."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.consumer_tracking import _APPLIED_VERSIONS
from trygnet_core.database import create_engine, migrate
from trygnet_core.keys_in import KEYS_AT_ONCE, key_chunks
from trygnet_core.schema import consumer_streams


async def _applied(conn: AsyncConnection, consumer: str, keys: list[tuple[str, str, str]]) -> Any:
    rows = await conn.execute(_APPLIED_VERSIONS, {"consumer": consumer, "keys": keys})
    return {(r.tenant_id, r.source, r.stream_id): r.version for r in rows}


async def test_exactly_the_rows_of_the_keys_asked(engine: AsyncEngine) -> None:
    rows = [
        {
            "consumer": consumer,
            "tenant_id": tenant,
            "source": source,
            "stream_id": stream,
            "version": n,
            "event_id": uuid.uuid4(),
        }
        for n, (consumer, tenant, source, stream) in enumerate(
            (c, t, s, i)
            for c in ("reporting", "activities")
            for t in ("0101", "0461")
            for s in ("actors", "incidents")
            for i in ("a", "b")
        )
    ]
    async with engine.begin() as conn:
        await conn.execute(insert(consumer_streams), rows)
        # every tenant, source and id asked is also in rows of keys not asked
        asked = [("0101", "actors", "a"), ("0461", "incidents", "b"), ("0461", "actors", "z")]
        assert await _applied(conn, "reporting", asked) == {
            ("0101", "actors", "a"): 0,
            ("0461", "incidents", "b"): 7,
        }
        assert await _applied(conn, "activities", [("0101", "incidents", "b")]) == {
            ("0101", "incidents", "b"): 11
        }
        assert await _applied(conn, "reporting", [("9999", "actors", "a")]) == {}


async def test_sqlite_searches_the_index_for_each_key(tmp_path: Path) -> None:
    """A search by the consumer alone (every stream it ever applied) is what the
    row-value list did; the statement must search by the whole key instead."""
    engine = create_engine(f"sqlite:///{tmp_path / 'plans.db'}")
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    try:
        await migrate(engine)
        event.listen(engine.sync_engine, "before_cursor_execute", keep)
        async with engine.begin() as conn:
            await _applied(conn, "reporting", [("0101", "actors", "x"), ("0461", "a", "y")])
            sql, parameters = sent[-1]
            explained = await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
            plan = [row[3] for row in explained]
        search = next(step for step in plan if step.startswith("SEARCH consumer_streams USING"))
        assert "stream_id=?" in search, plan
    finally:
        await engine.dispose()


def test_the_statement_is_built_once_for_any_number_of_keys() -> None:
    """On SQLite the keys are one parameter, so one compiled form serves any number."""
    compiled = str(_APPLIED_VERSIONS.compile(dialect=sqlite.dialect()))
    assert compiled.count("?") == 2  # the consumer, and the keys
    assert "json_each" in compiled


def test_keys_go_to_statements_in_runs_of_at_most_keys_at_once() -> None:
    keys = [("0101", f"stream-{n}") for n in range(2 * KEYS_AT_ONCE + 1)]
    runs = list(key_chunks(keys))
    assert [len(run) for run in runs] == [KEYS_AT_ONCE, KEYS_AT_ONCE, 1]
    assert [key for run in runs for key in run] == keys
    assert list(key_chunks([])) == []
