"""Two reporting replicas on one database: what one of them applied, the other answers,
its cached national tables included."""

from __future__ import annotations

import contextlib
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.reporting.conftest import without_broker
from tests.reporting.test_service import (
    AALBORG,
    NATIONAL,
    Reporting,
    _consistent,
    consuming,
    reporting,  # noqa: F401 (the fixture)
    youth_activities,
)
from tests.reporting.world import tingbjerg
from tests.support.feed import publish
from trygnet_core.database import migrate
from trygnet_reporting.bootstrap import create_app, migrations


async def test_a_replica_answers_what_the_other_applied_its_cached_tables_too(
    reporting: Reporting,  # noqa: F811
) -> None:
    aalborg = tingbjerg("0851")
    more = youth_activities(aalborg, range(6))
    await reporting.publish(aalborg)
    await reporting.publish(more)
    await applied(reporting, more, range(6))
    other = without_broker(reporting.engine)  # a replica the group gave no partition
    first_quarter = {"from": "2026-01"}
    async with other.router.lifespan_context(other):
        transport = httpx.ASGITransport(app=other)
        async with httpx.AsyncClient(transport=transport, base_url="http://other") as http:

            async def table() -> dict:
                answer = await http.get(
                    "/national/activities-by-theme", headers=NATIONAL, params=first_quarter
                )
                assert answer.status_code == 200, answer.text
                return answer.json()

            before = await table()
            assert before == await table(), "kept while nothing changes"
            later = youth_activities(more, range(6, 12))
            await reporting.publish(later)
            await applied(reporting, later, range(6, 12))
            after = await table()
    assert after["grandTotal"]["count"] == before["grandTotal"]["count"] + 6


async def test_read_your_writes_holds_on_either_replica_whichever_applied_the_event(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> None:
    await migrate(engine, version_locations=[migrations()])
    topics = {s: f"trygnet.{s}.{unique}" for s in ("actors", "activities", "incidents")}
    settings = consuming(bootstrap_servers, topics, group_id=f"reporting-{unique}")
    replicas = [create_app(settings, engine=engine) for _ in range(2)]
    async with contextlib.AsyncExitStack() as stack:
        clients = []
        for n, app in enumerate(replicas):
            await stack.enter_async_context(app.router.lifespan_context(app))
            transport = httpx.ASGITransport(app=app)
            clients.append(
                await stack.enter_async_context(
                    httpx.AsyncClient(transport=transport, base_url=f"http://replica-{n}")
                )
            )
        # The group shares the partitions between the two replicas: each applies some of
        # these streams, and both are asked for every one of them.
        more = youth_activities(tingbjerg("0851"), range(8))
        await publish(bootstrap_servers, topics, more.events)
        for n in range(8):
            waited = _consistent(more, "activities", f"activity-extra-{n}")
            for http in clients:
                answer = await http.get(
                    "/directory", headers=AALBORG, params={"consistentWith": waited, "wait": 30}
                )
                assert answer.status_code == 200, answer.text  # not a TIMEOUT


async def applied(reporting: Reporting, feed: Any, numbers: range) -> None:  # noqa: F811
    """Until the replica that consumes has applied each of these activities (each its
    own stream, on any partition)."""
    waited = [_consistent(feed, "activities", f"activity-extra-{n}") for n in numbers]
    await reporting.get("/directory", as_=AALBORG, consistentWith=waited, wait=30)
