"""Who may put whom into an activity or a forum, whose ids reach a route, and a refused
safety-index file that is never read (and opens no write transaction)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.activities.test_api import ACTIVITY, CLUB, HOUSING, SSP, http  # noqa: F401
from tests.actors.conftest import token
from trygnet_activities.domain import forum
from trygnet_activities.domain.commands import EstablishForum, RecordMeeting
from trygnet_activities.domain.model import Known
from trygnet_core.errors import BadUserInput

OWNER = token(roles=("partner",), actor=SSP)
CLUB_STAFF = token(roles=("partner",), actor=CLUB)


async def _activity(http: httpx.AsyncClient) -> str:  # noqa: F811
    created = await http.post("/activities", headers=OWNER, json=ACTIVITY)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def test_a_partner_joins_another_actors_activity_only_as_itself_and_never_as_lead(
    http: httpx.AsyncClient,  # noqa: F811
) -> None:
    activity = await _activity(http)
    partners = f"/activities/{activity}/partners"
    as_lead = await http.post(partners, headers=CLUB_STAFF, json={"actorId": CLUB, "role": "lead"})
    assert as_lead.status_code == 403, as_lead.text
    assert as_lead.json()["field"] == "role"
    for_other = await http.post(
        partners, headers=CLUB_STAFF, json={"actorId": HOUSING, "role": "partner"}
    )
    assert for_other.status_code == 403, for_other.text
    joined = await http.post(
        partners, headers=CLUB_STAFF, json={"actorId": CLUB, "role": "partner"}
    )
    assert joined.status_code == 200, joined.text
    promoted = await http.post(partners, headers=CLUB_STAFF, json={"actorId": CLUB, "role": "lead"})
    assert promoted.status_code == 403, "a partner does not make itself lead either"
    # the owner and a coordinator give the lead role
    by_owner = await http.post(partners, headers=OWNER, json={"actorId": CLUB, "role": "lead"})
    assert by_owner.status_code == 200, by_owner.text
    by_coordinator = await http.post(
        partners, headers=token(), json={"actorId": HOUSING, "role": "lead"}
    )
    assert by_coordinator.status_code == 200, by_coordinator.text
    # a lead given may be put down by its own partner, not raised again
    down = await http.post(partners, headers=CLUB_STAFF, json={"actorId": CLUB, "role": "partner"})
    assert down.status_code == 200, down.text


async def test_only_a_coordinator_changes_a_forums_members(
    http: httpx.AsyncClient,  # noqa: F811
) -> None:
    established = await http.post(
        "/fora",
        headers=token(),
        json={"name": "SSP-forum", "level": "frontline", "ownerActorId": SSP, "cadence": "monthly"},
    )
    assert established.status_code == 201, established.text
    members = f"/fora/{established.json()['id']}/members"
    for staff, actor in ((CLUB_STAFF, CLUB), (OWNER, CLUB), (OWNER, SSP)):
        refused = await http.post(members, headers=staff, json={"actorId": actor})
        assert refused.status_code == 403, refused.text
        left = await http.delete(f"{members}/{actor}", headers=staff)
        assert left.status_code == 403, left.text
    assert (await http.post(members, headers=token(), json={"actorId": CLUB})).status_code == 200


def test_a_follow_up_id_that_is_not_one_path_segment_is_refused() -> None:
    state = forum.fold(
        forum.decide(
            EstablishForum("forum-1", "SSP-forum", "frontline", SSP, "monthly"),  # type: ignore[arg-type]
            None,
            known=Known(actors=frozenset({SSP})),
        )
    )
    follow_up = {"description": "Lights", "actor_id": SSP, "due": "2026-10-01"}
    for bad in ("lights/../other", "a?b", "a#b", "50%", "..", "a b"):
        command = RecordMeeting(
            "forum-1", "meeting-1", "2026-09-01", follow_ups=({**follow_up, "follow_up_id": bad},)
        )
        with pytest.raises(BadUserInput) as refused:
            forum.decide(command, state, known=Known(actors=frozenset({SSP})))
        assert refused.value.field == "followUps.0.followUpId", bad


@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("POST", "/activities/a%2F..%2Fb/status", "activityId"),
        ("GET", "/strategy/a%3Fb", "record"),
        ("DELETE", "/fora/f1/members/a%25b", "actorId"),
        ("POST", "/fora/f1/follow-ups/%2E%2E/status", "followUpId"),
    ],
)
async def test_an_id_that_is_not_well_formed_is_refused_naming_its_field(
    http: httpx.AsyncClient,  # noqa: F811
    method: str,
    path: str,
    field: str,
) -> None:
    response = await http.request(method, path, headers=token(), json={"status": "active"})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "BAD_USER_INPUT" and response.json()["field"] == field


async def test_a_refused_safety_index_file_is_not_read_and_opens_no_write_transaction(
    http: httpx.AsyncClient,  # noqa: F811
    engine: AsyncEngine,
) -> None:
    assert (
        await http.post("/strategy", headers=token(), json={"title": "Safe in Copenhagen"})
    ).status_code == 201
    writes: list[bool] = []

    def on_begin(conn: Connection) -> None:
        writes.append(not conn.get_execution_options().get("trygnet_read_only", False))

    event.listen(engine.sync_engine, "begin", on_begin)
    try:
        for staff in (OWNER, token(roles=("national",))):
            for body in (b"\xff\xfe not text", b"area,period\nAtlantis,someday\n"):
                refused = await http.post(
                    "/imports/safety-index",
                    headers={**staff, "Content-Type": "text/csv"},
                    content=body,
                )
                assert refused.status_code == 403, refused.text
        invalid = await http.post(
            "/imports/safety-index",
            headers={**token(), "Content-Type": "text/csv"},
            content=b"area,period,feeling_safe,feeling_unsafe,respondents,invited\n"
            b"Atlantis,2026,80,10,10,20\n",
        )
        assert invalid.status_code == 422, invalid.text
    finally:
        event.remove(engine.sync_engine, "begin", on_begin)
    assert not any(writes), "a refused or invalid file opened a write transaction"
