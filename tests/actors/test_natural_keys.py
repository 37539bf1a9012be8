"""Natural keys: an external id names one actor of a municipality, an area name one area in
use; a partner can neither claim another actor's external id nor import over it."""

from __future__ import annotations

import asyncio

import pytest

from tests.actors.conftest import AALBORG, Actors, token
from tests.actors.test_api import event_count
from tests.actors.test_import import HEADER, actors_file, post_file
from trygnet_actors.domain import actor, area
from trygnet_actors.domain.actor import Known
from trygnet_actors.domain.commands import ChangeActorDetails, DefineArea, RegisterActor
from trygnet_actors.domain.events import ActorRegistered, AreaDefined
from trygnet_actors.domain.model import AreaKind, Sector
from trygnet_core.errors import Conflict

# -- the rules, given / when / then ----------------------------------------------------


def test_registering_an_external_id_another_actor_holds_is_a_conflict() -> None:
    command = RegisterActor(actor_id="actor-2", name="Copy", sector="ssp", external_id="cvr-1")
    with pytest.raises(Conflict) as refused:
        actor.decide(command, None, known=Known(external_ids=frozenset({"cvr-1"})))
    assert refused.value.field == "externalId" and "cvr-1" not in refused.value.detail


def test_taking_another_actors_external_id_is_a_conflict() -> None:
    registered = ActorRegistered(actor_id="actor-1", name="SSP", sector=Sector.SSP)
    command = ChangeActorDetails("actor-1", {"external_id": "cvr-2"})
    with pytest.raises(Conflict) as refused:
        actor.decide(
            command, actor.fold([registered]), known=Known(external_ids=frozenset({"cvr-2"}))
        )
    assert refused.value.field == "externalId"


def test_an_area_name_in_use_is_a_conflict_whatever_its_case_and_spacing() -> None:
    command = DefineArea(area_id="area-2", name="  tingbjerg ", kind=AreaKind.HOUSING_AREA)
    with pytest.raises(Conflict) as refused:
        area.decide(command, None, names_in_use=frozenset({area.name_key("Tingbjerg")}))
    assert refused.value.field == "name"
    defined = AreaDefined("area-1", "Husum", AreaKind.DISTRICT, None, None)
    assert area.name_key("ØST  Aalborg") == area.name_key("øst aalborg")
    assert area.decide(
        DefineArea("area-2", "Husum Nord", AreaKind.DISTRICT),
        None,
        names_in_use=frozenset({area.name_key(defined.name)}),
    )


# -- over the API ----------------------------------------------------------------------


async def test_a_second_actor_with_the_same_external_id_is_refused(service: Actors) -> None:
    first = await service.actor("SSP Brønshøj", externalId="cvr-1")
    other = await service.actor("Husum Boldklub", "civil_society", externalId="cvr-2")
    before = await event_count(service)
    again = await service.call(
        "POST", "/actors", json={"name": "Copy", "sector": "ssp", "externalId": "cvr-1"}
    )
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "CONFLICT" and again.json()["field"] == "externalId"
    taken = await service.call("PATCH", f"/actors/{other}", json={"externalId": "cvr-1"})
    assert taken.status_code == 409 and taken.json()["field"] == "externalId"
    assert await event_count(service) == before
    # the actor that holds it may keep it, and another municipality may use it too
    assert (await service.ok("PATCH", f"/actors/{first}", json={"externalId": "cvr-1"}))[
        "position"
    ] is None
    elsewhere = await service.call(
        "POST",
        "/actors",
        json={"name": "SSP Aalborg", "sector": "ssp", "externalId": "cvr-1"},
        as_=token(tenant=AALBORG),
    )
    assert elsewhere.status_code == 201, elsewhere.text


async def test_a_merged_actor_gives_up_its_external_id(service: Actors) -> None:
    survivor = await service.actor("SSP Brønshøj", externalId="cvr-1")
    merged = await service.actor("SSP Bronshoj", externalId="cvr-9")
    await service.ok("POST", f"/actors/{survivor}/merge", json={"mergedId": merged})
    await service.actor("Husum Boldklub", "civil_society", externalId="cvr-9")


async def test_concurrent_registrations_with_one_external_id_make_one_actor(
    service: Actors,
) -> None:
    body = {"name": "SSP Brønshøj", "sector": "ssp", "externalId": "cvr-1"}
    answers = await asyncio.gather(*(service.call("POST", "/actors", json=body) for _ in range(8)))
    assert sorted(a.status_code for a in answers) == [201] + [409] * 7, [a.text for a in answers]
    assert all(a.json()["field"] == "externalId" for a in answers if a.status_code == 409)
    listed = await service.ok("GET", "/actors")
    assert listed["totalCount"] == 1


async def test_a_partner_may_not_set_an_external_id(service: Actors) -> None:
    own = await service.actor("Husum Boldklub", "civil_society", externalId="club-1")
    partner = token(roles=("partner",), actor=own)
    for body in ({"externalId": "cvr-1"}, {"externalId": None}):
        refused = await service.call("PATCH", f"/actors/{own}", json=body, as_=partner)
        assert refused.status_code == 403, refused.text
        assert refused.json()["field"] == "externalId"
    # the rest of its own details it changes as before
    await service.ok("PATCH", f"/actors/{own}", json={"name": "Husum BK"}, as_=partner)


async def test_a_partner_cannot_take_over_another_actors_import_row(service: Actors) -> None:
    """The partner would set its actor's external id to the big actor's, so that the
    coordinator's next import wrote that actor's row, contacts included, onto it."""
    await service.area("Tingbjerg")
    await service.area("Husum")
    text = actors_file(3)
    assert (await post_file(service, text, dry_run=False)).status_code == 200
    listed = (await service.ok("GET", "/actors"))["items"]
    by_external = {a["externalId"]: a["actorId"] for a in listed}
    own = await service.actor("Husum Boldklub", "civil_society")
    partner = token(roles=("partner",), actor=own)
    claim = await service.call(
        "PATCH", f"/actors/{own}", json={"externalId": "ext-002"}, as_=partner
    )
    assert claim.status_code == 403
    imported = await service.http.post(
        "/imports/actors",
        content=text.encode(),
        headers={**partner, "Content-Type": "text/csv"},
    )
    assert imported.status_code == 403, imported.text
    renamed = text.replace("Organisation 002", "Organisation 002 (new name)")
    assert (await post_file(service, renamed, dry_run=False)).status_code == 200
    assert (await service.ok("GET", f"/actors/{by_external['ext-002']}"))["name"] == (
        "Organisation 002 (new name)"
    )
    assert (await service.ok("GET", f"/actors/{own}"))["name"] == "Husum Boldklub"
    assert await service.ok("GET", f"/actors/{own}/contacts") == []


async def test_a_refused_import_reads_no_file(service: Actors) -> None:
    """Permission is checked before the file is read: a partner learns nothing of
    what the file would have done, not even that it is not UTF-8."""
    own = await service.actor("Husum Boldklub", "civil_society")
    refused = await service.http.post(
        "/imports/actors",
        content=b"\xff\xfe" + HEADER.encode(),
        headers={**token(roles=("partner",), actor=own), "Content-Type": "text/csv"},
    )
    assert refused.status_code == 403, refused.text


async def test_area_names_are_unique_among_areas_in_use(service: Actors) -> None:
    tingbjerg = await service.area("Tingbjerg")
    husum = await service.area("Husum")
    before = await event_count(service)
    again = await service.call("POST", "/areas", json={"name": " TINGBJERG", "kind": "district"})
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "CONFLICT" and again.json()["field"] == "name"
    renamed = await service.call("POST", f"/areas/{husum}/rename", json={"name": "tingbjerg"})
    assert renamed.status_code == 409 and renamed.json()["field"] == "name"
    assert await event_count(service) == before
    await service.ok("POST", f"/areas/{tingbjerg}/rename", json={"name": "TINGBJERG"})
    await service.ok("POST", f"/areas/{tingbjerg}/retire")
    await service.area("Tingbjerg")  # a retired area's name may be used again
