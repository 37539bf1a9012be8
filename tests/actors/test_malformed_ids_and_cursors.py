"""Ids and cursors a client made up: each refused with 422 naming its field, nothing read
beyond the caller's own segment, never a 500."""

from __future__ import annotations

import base64
import json

import pytest

from tests.actors.conftest import SECRET, Actors
from tests.actors.test_api import event_count
from trygnet_core.paging import Cursors, cursor_key

CURSORS = Cursors(cursor_key(SECRET, dev_mode=True, environ={}))


def cursor(value: object) -> str:
    """A cursor signed with the service's key that holds no sort key it made."""
    return CURSORS.signed(value)


def plain(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


def edited(signed: str, value: object) -> str:
    version, _payload, signature = signed.split(".")
    return ".".join((version, plain(value).rstrip("="), signature))


GOOD = CURSORS.encode("Husum Boldklub", "actor-1")
FORGED_CURSORS = [
    plain(["Husum Boldklub", "actor-1"]),  # the sort key as text, unsigned (the old cursors)
    edited(GOOD, ["A", "actor-1"]),  # another sort key under a real signature
    GOOD[:-2] + ("AA" if not GOOD.endswith("AA") else "BB"),  # the signature changed
    GOOD.replace("v1.", "v2.", 1),  # a version this platform does not make
    Cursors(b"another platform's key of 32 bytes.").encode("Husum Boldklub", "actor-1"),
    GOOD + ".x",
    "v1..",
]
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


@pytest.mark.parametrize("after", FORGED_CURSORS + MALFORMED_CURSORS)
async def test_a_forged_or_malformed_cursor_is_refused_naming_after(
    service: Actors, after: str
) -> None:
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


async def test_a_cursor_the_service_made_reads_the_next_page(service: Actors) -> None:
    for name in ("Akademisk Boldklub", "Brønshøj Boldklub", "Husum Boldklub"):
        await service.actor(name, "civil_society")
    first = (await service.call("GET", "/actors", params={"first": 1})).json()
    cursor = first["pageInfo"]["endCursor"]
    assert cursor.startswith("v1.") and "Akademisk" not in cursor  # opaque
    after = await service.call("GET", "/actors", params={"first": 1, "after": cursor})
    assert [a["name"] for a in after.json()["items"]] == ["Brønshøj Boldklub"]


def test_the_cursor_key_is_given_or_in_development_derived_from_the_dev_secret() -> None:
    given = {"TRYGNET_CURSOR_KEY": "k" * 32}
    assert cursor_key(None, dev_mode=False, environ=given) == b"k" * 32
    assert cursor_key(SECRET, dev_mode=True, environ={}) == cursor_key(
        SECRET, dev_mode=True, environ={}
    )
    assert cursor_key(SECRET, dev_mode=True, environ={}) != cursor_key(
        "x" * 32, dev_mode=True, environ={}
    )
    with pytest.raises(ValueError, match="TRYGNET_CURSOR_KEY"):
        cursor_key(SECRET, dev_mode=False, environ={})
    with pytest.raises(ValueError, match="32 bytes"):
        Cursors(b"short")
