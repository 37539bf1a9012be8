"""``Idempotency-Key`` on the actors service, on SQLite and PostgreSQL: a retried write is
done once and answered the same; another request under the key is refused; keys belong
to one tenant and principal; a write that failed keeps no key; a service that stopped
between the write and its answer answers the retry from the write's own transaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select, update

from tests.actors.conftest import AALBORG, Actors, make_settings, token
from tests.actors.test_api import event_count
from trygnet_actors.bootstrap import create_app
from trygnet_core.idempotency import forget_expired
from trygnet_core.schema import idempotency_keys

KEY = "5d0c6c8e-0b7e-4bb3-a9a4-6a8f1c3e2b10"


def keyed(key: str = KEY, **headers: str) -> dict[str, str]:
    return {
        **token(),
        "Idempotency-Key": key,
        **{k.replace("_", "-"): v for k, v in headers.items()},
    }


async def test_a_retried_registration_makes_one_actor_and_answers_the_same(
    service: Actors,
) -> None:
    body = {"name": "SSP Brønshøj", "sector": "ssp", "externalId": "cvr-7"}
    first = await service.call("POST", "/actors", as_=keyed(), json=body)
    events = await event_count(service)
    again = await service.call("POST", "/actors", as_=keyed(), json=body)
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await event_count(service) == events
    found = await service.ok("GET", "/actors", params={"search": "Brønshøj"})
    assert [item["actorId"] for item in found["items"]] == [first.json()["id"]]


async def test_the_same_body_in_another_key_order_is_the_same_request(service: Actors) -> None:
    json_ = {"Content-Type": "application/json"}
    one = await service.call(
        "POST", "/areas", as_=keyed(**json_), content=b'{"name": "Husum", "kind": "district"}'
    )
    two = await service.call(
        "POST", "/areas", as_=keyed(**json_), content=b'{"kind":"district","name":"Husum"}'
    )
    assert two.status_code == 201 and two.json() == one.json()


async def test_the_same_key_for_another_request_is_refused_naming_the_header(
    service: Actors,
) -> None:
    await service.call("POST", "/actors", as_=keyed(), json={"name": "A", "sector": "ssp"})
    events = await event_count(service)
    other = await service.call("POST", "/actors", as_=keyed(), json={"name": "B", "sector": "ssp"})
    assert other.status_code == 422
    problem = other.json()
    assert problem["code"] == "BAD_USER_INPUT" and problem["field"] == "Idempotency-Key"
    assert await event_count(service) == events
    elsewhere = await service.call(
        "POST", "/areas", as_=keyed(), json={"name": "X", "kind": "district"}
    )
    assert elsewhere.status_code == 422 and elsewhere.json()["field"] == "Idempotency-Key"


async def test_a_key_that_is_not_well_formed_is_refused_before_anything_runs(
    service: Actors,
) -> None:
    events = await event_count(service)
    for bad in ("", "has space", "x" * 256, "tab\tkey"):
        answer = await service.call(
            "POST",
            "/actors",
            as_={**token(), "Idempotency-Key": bad},
            json={"name": "A", "sector": "ssp"},
        )
        assert answer.status_code == 422, bad
        assert answer.json()["field"] == "Idempotency-Key"
        assert bad not in answer.json()["detail"] or not bad
    assert await event_count(service) == events


async def test_keys_belong_to_one_tenant_and_one_principal(service: Actors) -> None:
    body = {"name": "SSP", "sector": "ssp"}
    here = await service.call("POST", "/actors", as_=keyed(), json=body)
    there = await service.call(
        "POST", "/actors", as_={**token(tenant=AALBORG), "Idempotency-Key": KEY}, json=body
    )
    other_person = await service.call(
        "POST",
        "/actors",
        as_={**token(roles=("integration",), scopes=("actors:write",)), "Idempotency-Key": KEY},
        json=body,
    )
    ids = {here.json()["id"], there.json()["id"], other_person.json()["id"]}
    assert there.status_code == other_person.status_code == 201 and len(ids) == 3
    assert "idempotent-replayed" not in there.headers
    mine = await service.ok("GET", f"/actors/{here.json()['id']}")
    assert mine["name"] == "SSP"
    refused = await service.call("GET", f"/actors/{there.json()['id']}")
    assert refused.status_code == 404


async def test_a_refused_write_keeps_no_key_and_its_retry_is_decided_afresh(
    service: Actors,
) -> None:
    area = await service.area("Tingbjerg")
    await service.area("Husum")
    refused = await service.call(
        "POST", f"/areas/{area}/rename", as_=keyed(), json={"name": "husum"}
    )
    assert refused.status_code == 409 and refused.json()["field"] == "name"
    await service.ok("POST", "/areas/" + (await service.area("Vanløse")) + "/retire")
    async with service.engine.connect() as conn:
        kept = (await conn.execute(select(idempotency_keys))).all()
    assert kept == []
    renamed = await service.call(
        "POST", f"/areas/{area}/rename", as_=keyed(), json={"name": "Tingbjerg Nord"}
    )
    assert renamed.status_code == 200


async def test_a_write_whose_answer_was_lost_answers_its_retry_from_the_write(
    service: Actors,
) -> None:
    first = await service.call(
        "POST", "/actors", as_=keyed(), json={"name": "SSP", "sector": "ssp"}
    )
    async with service.engine.begin() as conn:  # as if the service stopped before keeping it
        await conn.execute(update(idempotency_keys).values(body=None, headers=None))
    events = await event_count(service)
    again = await service.call(
        "POST", "/actors", as_=keyed(), json={"name": "SSP", "sector": "ssp"}
    )
    assert again.status_code == 201 and again.json() == first.json()
    assert await event_count(service) == events


async def test_concurrent_requests_with_one_key_write_once(service: Actors) -> None:
    body = {"name": "Husum Boldklub", "sector": "civil_society"}
    answers = await asyncio.gather(
        *(service.call("POST", "/actors", as_=keyed(), json=body) for _ in range(6))
    )
    made = {a.json()["id"] for a in answers if a.status_code == 201}
    assert len(made) == 1
    for answer in answers:
        assert answer.status_code in (201, 409), answer.text
        if answer.status_code == 409:
            assert answer.json()["field"] == "Idempotency-Key"
    found = await service.ok("GET", "/actors", params={"search": "Husum Boldklub"})
    assert [item["actorId"] for item in found["items"]] == list(made)


async def test_two_replicas_given_one_key_at_once_write_once(service: Actors) -> None:
    """Each replica knows only its own requests in flight: the database decides."""
    replica = create_app(make_settings(), engine=service.engine)
    transport = httpx.ASGITransport(app=replica)
    body = {"name": "Tingbjerg Boligsocial", "sector": "housing_association"}
    async with httpx.AsyncClient(transport=transport, base_url="http://actors") as other:
        answers = await asyncio.gather(
            *(
                client.post("/actors", headers=keyed(), json=body)
                for _ in range(3)
                for client in (service.http, other)
            )
        )
    made = {a.json()["id"] for a in answers if a.status_code == 201}
    assert len(made) == 1, [a.text for a in answers]
    assert all(a.status_code in (201, 409) for a in answers)
    found = await service.ok("GET", "/actors", params={"search": "Tingbjerg Boligsocial"})
    assert [item["actorId"] for item in found["items"]] == list(made)
    replayed = [a for a in answers if a.headers.get("idempotent-replayed")]
    assert all(a.json()["id"] in made for a in replayed)


async def test_a_key_past_its_time_is_new_again_and_is_dropped(service: Actors) -> None:
    body = {"name": "Natteravnene", "sector": "civil_society"}
    first = await service.call("POST", "/actors", as_=keyed(), json=body)
    past = datetime.now(UTC) - timedelta(seconds=1)
    async with service.engine.begin() as conn:
        await conn.execute(update(idempotency_keys).values(expires_at=past))
    again = await service.call("POST", "/actors", as_=keyed(), json=body)
    assert again.status_code == 201 and again.json()["id"] != first.json()["id"]
    async with service.engine.begin() as conn:
        await conn.execute(update(idempotency_keys).values(expires_at=past))
        assert await forget_expired(conn) == 1
        assert (await conn.execute(select(idempotency_keys))).all() == []
