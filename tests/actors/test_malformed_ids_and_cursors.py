"""Ids and cursors a client made up: each refused with 422 naming its field, nothing read
beyond the caller's own segment, never a 500."""

from __future__ import annotations

import base64
import json

import pytest

from tests.actors.conftest import Actors
from tests.actors.test_api import event_count


def cursor(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


MALFORMED_CURSORS = [
    cursor([10**30, "actor-1"]),  # an integer no database column holds
    cursor([-(10**30), "actor-1"]),
    cursor(["Name", 10**19]),
    cursor([True, "actor-1"]),
    cursor([1.5, "actor-1"]),
    cursor([["nested"], "actor-1"]),
    cursor(["a\u0000b", "actor-1"]),  # PostgreSQL refuses the NUL character in text
    cursor(["x" * 5000, "actor-1"]),
    cursor(["Name"]),
    cursor({"name": "Name"}),
    "not base64 at all!",
    base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    "W" * 10_000,
    base64.urlsafe_b64encode(b"[" * 1500).decode(),  # deeper than the JSON reader goes
]


@pytest.mark.parametrize("after", MALFORMED_CURSORS)
async def test_a_malformed_cursor_is_refused_naming_after(service: Actors, after: str) -> None:
    await service.actor("Husum Boldklub", "civil_society")
    response = await service.call("GET", "/actors", params={"after": after})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "BAD_USER_INPUT"
    assert response.json()["field"] == "after"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/actors/..%2F..%2Fareas", "actorId"),
        ("/actors/a%3Fb", "actorId"),
        ("/actors/a%23b", "actorId"),
        ("/actors/a%25b", "actorId"),
        ("/actors/%2E%2E", "actorId"),
        ("/areas/a..b/retire", "areaId"),
        ("/contacts/c%5Cd/erase", "contactId"),
    ],
)
async def test_an_id_that_is_not_well_formed_is_refused_naming_its_field(
    service: Actors, path: str, field: str
) -> None:
    before = await event_count(service)
    response = await service.call("POST" if path.endswith(("retire", "erase")) else "GET", path)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "BAD_USER_INPUT" and response.json()["field"] == field
    assert await event_count(service) == before
