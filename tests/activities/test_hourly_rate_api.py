"""The hourly rate and participants reached over the activities service's HTTP API, on
SQLite and PostgreSQL: who may set the rate, bad input named and nothing written, and
each municipality's own rate."""

from __future__ import annotations

import httpx

from tests.activities.test_api import ACTIVITY, SSP, http
from tests.actors.conftest import token

__all__ = ["http"]


async def test_only_a_coordinator_sets_the_rate_and_reads_it_back(
    http: httpx.AsyncClient,
) -> None:
    assert (await http.get("/hourly-rate", headers=token())).status_code == 404
    for refused in (
        token(roles=("partner",), actor=SSP),
        token(roles=("police",), actor=SSP),
        token(roles=("integration",), scopes=("activities:write",)),
        token(roles=("national",)),
    ):
        answer = await http.put("/hourly-rate", headers=refused, json={"rate": 400})
        assert answer.status_code == 403, answer.text
    bad = await http.put("/hourly-rate", headers=token(), json={"rate": -5})
    assert bad.status_code == 422 and bad.json()["field"] == "rate"
    assert "-5" not in bad.json()["detail"]  # the value sent is not repeated
    assert (await http.get("/hourly-rate", headers=token())).status_code == 404

    first = await http.put("/hourly-rate", headers=token(), json={"rate": 425.5})
    assert first.status_code == 200 and first.json()["version"] == 1
    same = await http.put("/hourly-rate", headers=token(), json={"rate": 425.5})
    assert same.json() == {"id": "hourly-rate", "version": 1, "position": None}
    read = (await http.get("/hourly-rate", headers=token())).json()
    assert read["rate"] == 425.5 and read["version"] == 1
    theirs = await http.get("/hourly-rate", headers=token(tenant="0851"))
    assert theirs.status_code == 404


async def test_participants_reached_go_with_the_status_or_alone(http: httpx.AsyncClient) -> None:
    made = await http.post("/activities", headers=token(), json=ACTIVITY)
    activity = made.json()["id"]
    path = f"/activities/{activity}/status"
    started = await http.post(
        path, headers=token(), json={"status": "active", "participantsReached": 40}
    )
    assert started.json()["version"] == 3  # created, active, 40 reached
    bad = await http.post(
        path, headers=token(), json={"status": "active", "participantsReached": -1}
    )
    assert bad.status_code == 422 and bad.json()["field"] == "participantsReached"
    prefer = {**token(), "Prefer": "return=representation"}
    more = await http.post(
        path, headers=prefer, json={"status": "active", "participantsReached": 55}
    )
    assert more.json()["version"] == 4
    read = (await http.get(f"/activities/{activity}", headers=token())).json()
    assert read["status"] == "active" and read["participantsReached"] == 55
    # The representation is the item as the read answers it: camelCase too.
    assert more.json()["representation"] == read and read["ownerActorId"] == SSP


async def test_numbers_and_choices_are_taken_as_json_gives_them_never_coerced(
    http: httpx.AsyncClient,
) -> None:
    """A boolean is no rate, a string no count, "yes" no choice: each refused naming its
    field, nothing written (every command route reads its body this strictly)."""
    for body, field in (({"rate": True}, "rate"), ({"rate": "425"}, "rate")):
        answer = await http.put("/hourly-rate", headers=token(), json=body)
        assert answer.status_code == 422 and answer.json()["field"] == field, answer.text
    assert (await http.get("/hourly-rate", headers=token())).status_code == 404
    made = await http.post("/activities", headers=token(), json=ACTIVITY)
    path = f"/activities/{made.json()['id']}/status"
    counted = await http.post(
        path, headers=token(), json={"status": "active", "participantsReached": "12"}
    )
    assert counted.status_code == 422 and counted.json()["field"] == "participantsReached"
    read = (await http.get(f"/activities/{made.json()['id']}", headers=token())).json()
    assert read["version"] == 1 and read.get("participantsReached") is None
