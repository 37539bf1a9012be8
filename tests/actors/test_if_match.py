"""``If-Match`` on every actors command that changes a stream, as in the other writing
services: a change decided on what was read is applied only while the area, actor or
contact is still at that version; otherwise 409 and nothing is written. Every answer
carries the stream's version as ``ETag``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.actors.conftest import Actors, token
from tests.actors.test_api import event_count


def at(version: int) -> dict[str, str]:
    return {**token(), "If-Match": f'"{version}"'}


async def _made(service: Actors) -> dict[str, Any]:
    area = await service.area("Tingbjerg")
    actor = await service.actor("SSP Brønshøj", areas=[area])
    other = await service.actor("SSP Brønshøj (old record)")
    contact = await service.ok(
        "POST", f"/actors/{actor}/contacts", json={"name": "Mette", "legalBasis": "consent"}
    )
    assert contact["contactId"] == contact["id"], "the id made is answered by its name too"
    return {"area": area, "actor": actor, "other": other, "contact": contact["id"]}


# (method, path, body) of a command on a stream at version 1, made by _made
CHANGES = [
    ("POST", "/areas/{area}/rename", {"name": "Tingbjerg-Husum"}),
    ("POST", "/areas/{area}/retire", None),
    ("PATCH", "/actors/{actor}", {"phone": "+45 33 66 33 66"}),
    ("PUT", "/actors/{actor}/levels", {"levels": ["frontline"]}),
    ("POST", "/actors/{actor}/deactivate", {"reason": "closed"}),
    ("POST", "/actors/{actor}/merge", {"mergedId": "{other}"}),
    ("PATCH", "/contacts/{contact}", {"title": "Leader"}),
    ("POST", "/contacts/{contact}/erase", None),
]


def _fill(value: Any, made: dict[str, Any]) -> Any:
    if isinstance(value, str):
        return value.format(**made)
    if isinstance(value, dict):
        return {k: _fill(v, made) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body"), CHANGES, ids=[c[1] for c in CHANGES])
async def test_a_change_decided_on_an_older_version_is_refused_and_writes_nothing(
    service: Actors, method: str, path: str, body: dict[str, Any] | None
) -> None:
    made = await _made(service)
    before = await event_count(service)
    refused = await service.call(method, _fill(path, made), as_=at(7), json=_fill(body, made))
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "CONFLICT"
    assert await event_count(service) == before

    applied = await service.call(method, _fill(path, made), as_=at(1), json=_fill(body, made))
    assert applied.status_code == 200, applied.text
    assert applied.headers["ETag"] == f'"{applied.json()["version"]}"'
    assert applied.json()["version"] == 2
    assert await event_count(service) > before


async def test_an_if_match_that_is_no_version_names_the_header(service: Actors) -> None:
    made = await _made(service)
    refused = await service.call(
        "PUT",
        f"/actors/{made['actor']}/themes",
        as_={**token(), "If-Match": "yesterday"},
        json={"themes": ["youth"]},
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "If-Match"


async def test_a_write_that_prefers_the_representation_answers_what_a_read_shows(
    service: Actors,
) -> None:
    """``Prefer: return=representation``: the answer holds the entity as ``GET`` shows it
    to the caller; without it, only the id, version and position."""
    area = await service.area("Tingbjerg")
    prefer = {**token(), "Prefer": "return=representation"}
    made = await service.call(
        "POST", "/actors", as_=prefer, json={"name": "SSP Brønshøj", "sector": "ssp"}
    )
    assert made.status_code == 201 and made.headers["Preference-Applied"] == "return=representation"
    actor = made.json()
    assert actor["representation"] == await service.ok("GET", f"/actors/{actor['id']}")
    changed = (
        await service.call(
            "PUT", f"/actors/{actor['id']}/areas", as_=prefer, json={"areas": [area]}
        )
    ).json()
    assert changed["representation"]["areas"] == [area] and changed["version"] == 2
    contact = (
        await service.call(
            "POST",
            f"/actors/{actor['id']}/contacts",
            as_=prefer,
            json={"name": "Mette", "legalBasis": "consent"},
        )
    ).json()
    assert contact["representation"]["name"] == "Mette"
    renamed = (
        await service.call("POST", f"/areas/{area}/rename", as_=prefer, json={"name": "Husum"})
    ).json()
    assert renamed["representation"]["name"] == "Husum"
    plain = await service.call("POST", "/actors", json={"name": "Club", "sector": "civil_society"})
    assert "representation" not in plain.json() and "Preference-Applied" not in plain.headers
