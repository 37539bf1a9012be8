"""The incident document the reads answer, built from a whole response's history.

``golden/incident_history.json`` is a realistic incident's stream as stored: the
report (its place and coordinates in clear text, as events stored before they were
sealed carry them; no restricted details, as older reports had none), the alerts,
links (one replaced), roles (assigned, changed, released), tasks (a title in clear
text, one sealed) and their status, a timeline recorded out of order with pins, two
tactical reports, follow-up activities, every status move and, last, the erasure of
its personal data. ``golden/incident_document.json`` holds the documents it gives
before and after the erasure, as the read model wrote them when the fixture was made:
any change to the document's shape, or to how sealed and clear text pass into it,
fails here. The document is built from the domain's typed events, upcast as every
reader of the store gets them: an event stored in an older schema reads as the newest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import COPENHAGEN
from trygnet_core.database import migrate
from trygnet_core.envelope import NewEvent
from trygnet_core.store import EventStore, Upcasters
from trygnet_core.tenancy import TenantId
from trygnet_incidents.bootstrap import migrations
from trygnet_incidents.domain.events import catalogue
from trygnet_incidents.read_model import apply, incidents, incidents_of

GOLDEN = Path(__file__).parent / "golden"
HISTORY: list[dict[str, Any]] = json.loads((GOLDEN / "incident_history.json").read_text())
EXPECTED: dict[str, Any] = json.loads((GOLDEN / "incident_document.json").read_text())
INCIDENT = HISTORY[0]["data"]["incident_id"]


def folded(history: list[dict[str, Any]]) -> dict[str, Any]:
    body: dict[str, Any] | None = None
    for event in history:
        body = apply(body, catalogue.decode(event["type"], event["data"]))
    assert body is not None
    return body


async def stored_document(
    engine: AsyncEngine, history: list[dict[str, Any]], upcasters: Upcasters | None = None
) -> Any:
    """The document the store's updater wrote after ``history`` was appended, one
    append per event as commands append them."""
    await migrate(engine, version_locations=[migrations()])
    store = EventStore(engine, upcasters=upcasters)
    store.add_state_updater(incidents_of(store))
    for version, event in enumerate(history):
        await store.append(
            tenant=TenantId(COPENHAGEN),
            stream_id=INCIDENT,
            stream_type="Incident",
            expected_version=version,
            events=[NewEvent(event["type"], event["data"], event.get("schemaVersion", 1))],
        )
    async with engine.connect() as conn:
        query = select(incidents.c.body).where(incidents.c.incident_id == INCIDENT)
        return (await conn.execute(query)).scalar_one()


def without_version(document: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in document.items() if name != "version"}


def test_the_document_of_a_whole_response_is_the_stored_one() -> None:
    """Key for key and in the same order, as the reads answer it byte for byte."""
    for history, expected in (
        (HISTORY[:-1], EXPECTED["beforeErasure"]),
        (HISTORY, EXPECTED["afterErasure"]),
    ):
        document = folded(history)
        assert document == without_version(expected)
        assert json.dumps(document) == json.dumps(without_version(expected))


async def test_the_store_writes_the_document_of_a_whole_response(engine: AsyncEngine) -> None:
    assert await stored_document(engine, HISTORY) == EXPECTED["afterErasure"]


async def test_an_event_of_an_older_schema_is_upcast_before_it_is_applied(
    engine: AsyncEngine,
) -> None:
    """Say a task once named its assignee ``actor_id`` and had no priority (schema
    version 1), and version 2 is today's: the document reads the old task as today's."""
    upcasters = Upcasters()

    @upcasters.register("TaskAdded", from_version=1)
    def named_assignee(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "assignee_actor_id": data.pop("actor_id"), "priority": "normal"}

    old_task = {
        "type": "TaskAdded",
        "schemaVersion": 1,
        "data": {
            "incident_id": INCIDENT,
            "task_id": "task-old",
            "actor_id": "actor-club",
            "due": "2026-03-19",
            "title": "Talk to the club",
        },
    }
    document = await stored_document(engine, [HISTORY[0], old_task], upcasters)
    assert document["tasks"] == [
        {
            "taskId": "task-old",
            "title": "Talk to the club",
            "assigneeActorId": "actor-club",
            "due": "2026-03-19",
            "priority": "normal",
            "status": "open",
        }
    ]
