"""Two reporting replicas on one database: what one of them applied, the other answers,
its cached national tables included."""

from __future__ import annotations

import httpx

from tests.reporting.conftest import without_broker
from tests.reporting.test_service import (
    AALBORG,
    NATIONAL,
    Reporting,
    _consistent,
    reporting,  # noqa: F401 (the fixture)
    youth_activities,
)
from tests.reporting.world import tingbjerg


async def test_a_replica_answers_what_the_other_applied_its_cached_tables_too(
    reporting: Reporting,  # noqa: F811
) -> None:
    aalborg = tingbjerg("0851")
    more = youth_activities(aalborg, range(6))
    await reporting.publish(aalborg)
    await reporting.publish(more)
    waited = _consistent(more, "activities", "activity-extra-5")
    await reporting.get("/directory", as_=AALBORG, consistentWith=waited, wait=20)
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
            waited = _consistent(later, "activities", "activity-extra-11")
            await reporting.get("/directory", as_=AALBORG, consistentWith=waited, wait=20)
            after = await table()
    assert after["grandTotal"]["count"] == before["grandTotal"]["count"] + 6
