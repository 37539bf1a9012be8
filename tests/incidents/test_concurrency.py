"""Fifty clients change one incident at once over real HTTP: no write is lost.

Each client reads the incident, then records a timeline entry with ``If-Match`` set
to the version it read. Exactly one client per version wins; every loser gets 409
``CONFLICT``, reads again and retries, until all fifty entries are in. Without
``If-Match`` the commands are serialised by the store (a race on PostgreSQL is a 409
the client may retry too), and again every entry that was answered 201 is there.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import AALBORG, COPENHAGEN
from tests.incidents.conftest import (
    COORDINATOR,
    HOUSING,
    HUSUM,
    KK,
    POLICE,
    SSP,
    TINGBJERG,
    report,
    settings,
)
from tests.support.replica import seed_replica
from tests.support.serve import serving
from trygnet_incidents.bootstrap import create_app

CLIENTS = 50


async def test_fifty_clients_lose_no_write_and_each_loser_gets_409(engine: AsyncEngine) -> None:
    app = create_app(settings(), engine=engine)
    async with serving(app) as url:
        for tenant in (COPENHAGEN, AALBORG):
            await seed_replica(
                engine, tenant=tenant, areas=[TINGBJERG, HUSUM], actors=[KK, POLICE, SSP, HOUSING]
            )
        limits = httpx.Limits(max_connections=CLIENTS)
        async with httpx.AsyncClient(
            base_url=url, headers=COORDINATOR, limits=limits, timeout=60
        ) as http:
            created = await http.post("/incidents", json=report())
            assert created.status_code == 201, created.text
            path = f"/incidents/{created.json()['id']}"
            start = int((await http.get(path)).headers["ETag"].strip('"'))
            seen: Counter[int] = Counter()

            async def client(number: int, *, first_version: int | None) -> None:
                version = first_version
                for _ in range(CLIENTS * 2):
                    if version is None:
                        version = int((await http.get(path)).headers["ETag"].strip('"'))
                    answer = await http.post(
                        f"{path}/timeline",
                        headers={"If-Match": f'"{version}"'},
                        json={"kind": "note", "text": f"client {number}", "authorActorId": KK},
                    )
                    seen[answer.status_code] += 1
                    if answer.status_code == 201:
                        return
                    assert answer.status_code == 409, answer.text
                    assert answer.json()["code"] == "CONFLICT"
                    assert answer.json()["field"] == "expectedVersion"
                    version = None
                raise AssertionError(f"client {number} never got its write in")

            await asyncio.gather(*(client(n, first_version=start) for n in range(CLIENTS)))
            read = (await http.get(path)).json()
            texts = sorted(entry["text"] for entry in read["timeline"])
            assert texts == sorted(f"client {n}" for n in range(CLIENTS))
            assert read["version"] == start + CLIENTS
            assert seen[201] == CLIENTS and seen[409] >= CLIENTS - 1

            unguarded = await asyncio.gather(
                *(
                    http.post(
                        f"{path}/tasks",
                        json={"title": f"task {n}", "assigneeActorId": SSP, "due": "2026-04-01"},
                    )
                    for n in range(CLIENTS)
                )
            )
            statuses = Counter(answer.status_code for answer in unguarded)
            assert set(statuses) <= {201, 409}, statuses
            read = (await http.get(path)).json()
            assert sorted(task["title"] for task in read["tasks"]) == sorted(
                f"task {n}" for n, answer in enumerate(unguarded) if answer.status_code == 201
            )
            assert read["version"] == start + CLIENTS + statuses[201]


async def test_if_match_that_is_not_a_version_is_refused(engine: AsyncEngine) -> None:
    app = create_app(settings(), engine=engine)
    async with serving(app) as url:
        await seed_replica(engine, tenant=COPENHAGEN, areas=[TINGBJERG], actors=[KK, POLICE])
        async with httpx.AsyncClient(base_url=url, headers=COORDINATOR, timeout=60) as http:
            created = await http.post("/incidents", json=report())
            refused = await http.post(
                f"/incidents/{created.json()['id']}/activate", headers={"If-Match": "yesterday"}
            )
            assert refused.status_code == 422 and refused.json()["field"] == "If-Match"
            assert (await http.get(f"/incidents/{created.json()['id']}")).json()["status"] == (
                "reported"
            )
