"""``GET /contacts``: many actors' contacts in one call (the gateway's loader), with the
same rules as ``GET /actors/{id}/contacts``."""

from __future__ import annotations

from tests.actors.conftest import AALBORG, Actors, token

JENS = {
    "name": "Jens Hansen",
    "title": "SSP consultant",
    "phone": "+45 20 30 40 50",
    "email": "jens@example.dk",
    "legalBasis": "public_task",
}


async def contact(service: Actors, actor: str, **fields: str) -> str:
    answer = await service.ok("POST", f"/actors/{actor}/contacts", json={**JENS, **fields})
    return str(answer["id"])


async def test_the_contacts_of_many_actors_come_in_one_call(service: Actors) -> None:
    ssp = await service.actor("SSP")
    club = await service.actor("Husum Boldklub", "civil_society")
    lonely = await service.actor("Nobody to call", "other")
    jens = await contact(service, ssp)
    mette = await contact(service, club, name="Mette Holm")
    gone = await contact(service, club, name="Ole Removed")
    await service.ok("DELETE", f"/contacts/{gone}")
    params = [("actorId", ssp), ("actorId", club), ("actorId", lonely)]
    found = await service.ok("GET", "/contacts", params=params)
    assert sorted((c["actorId"], c["contactId"]) for c in found) == sorted(
        [(ssp, jens), (club, mette)]
    )
    assert all(c["status"] == "active" for c in found)
    per_actor = await service.ok("GET", f"/actors/{club}/contacts")
    assert [c for c in found if c["actorId"] == club] == per_actor


async def test_details_are_shown_as_the_per_actor_list_shows_them(service: Actors) -> None:
    ssp = await service.actor("SSP")
    club = await service.actor("Husum Boldklub", "civil_society")
    await contact(service, ssp)
    await contact(service, club, name="Mette Holm", phone="+45 11 22 33 44")
    params = [("actorId", ssp), ("actorId", club)]
    partner = token(roles=("partner",), actor=club)
    seen = {
        c["actorId"]: c for c in await service.ok("GET", "/contacts", params=params, as_=partner)
    }
    assert seen[club]["phone"] == "+45 11 22 33 44" and seen[club]["legalBasis"] == "public_task"
    assert seen[ssp]["name"] == "Jens Hansen" and "phone" not in seen[ssp]
    assert "email" not in seen[ssp] and "legalBasis" not in seen[ssp]
    police = await service.ok("GET", "/contacts", params=params, as_=token(roles=("police",)))
    assert all("phone" not in c for c in police) and len(police) == 2
    national = await service.call("GET", "/contacts", params=params, as_=token(roles=("national",)))
    assert national.status_code == 403


async def test_by_id_a_removed_or_erased_contact_is_found_with_its_status(
    service: Actors,
) -> None:
    ssp = await service.actor("SSP")
    removed = await contact(service, ssp, name="Ole Removed")
    erased = await contact(service, ssp, name="Erik Erased")
    await service.ok("DELETE", f"/contacts/{removed}")
    await service.ok("POST", f"/contacts/{erased}/erase")
    found = await service.ok("GET", "/contacts", params=[("id", removed), ("id", erased)])
    by_id = {c["contactId"]: c for c in found}
    assert by_id[removed]["status"] == "removed" and by_id[removed]["name"] == "Ole Removed"
    assert by_id[erased]["status"] == "erased"
    assert "Erik" not in str(by_id[erased]) and by_id[erased]["name"] == "[erased]"


async def test_another_municipalitys_contacts_are_not_there(service: Actors) -> None:
    ssp = await service.actor("SSP")
    jens = await contact(service, ssp)
    aalborg = token(tenant=AALBORG)
    params = [("actorId", ssp), ("id", jens)]
    assert await service.ok("GET", "/contacts", params=params, as_=aalborg) == []
    assert await service.ok("GET", "/contacts") == []
