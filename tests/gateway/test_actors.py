"""Areas and actors through the gateway, against the real actors service."""

from __future__ import annotations

import pytest

from tests.gateway.conftest import GraphQL, Platform, codes, token

REGISTER = """
mutation($input: RegisterActorInput!) {
  registerActor(input: $input) { position actor { id name sector levels themes areas { id name } } }
}"""
ADD_CONTACT = """
mutation($input: AddContactInput!) { addContact(input: $input) { contact { id } } }"""
DEFINE = "mutation($input: DefineAreaInput!) { defineArea(input: $input) { area { id } } }"
PAGE = """
query($first: Int, $after: String, $area: ID) {
  actors(areaId: $area, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name areas { id name } parent { id } contacts { name } } }
  }
}"""
ACTOR = """
query($id: ID!) {
  actor(id: $id) {
    id name sector department description phone status mergedInto version
    levels themes areas { id name }
    contacts { id name title phone email legalBasis status }
  }
}"""
ACTOR_FIELDS = "id name department description phone status version levels themes areas { id }"
CONTACT_FIELDS = (
    "position contact { id actorId name title phone email legalBasis status version } "
    "actor { id contacts { id name } }"
)


def mutation(name: str, fields: str = f"position actor {{ {ACTOR_FIELDS} }}") -> str:
    kind = name[0].upper() + name[1:] + "Input"
    return f"mutation($input: {kind}!) {{ {name}(input: $input) {{ {fields} }} }}"


async def define_area(graphql: GraphQL, coordinator: str, name: str) -> str:
    data = await graphql.ok(DEFINE, coordinator, input={"name": name, "kind": "HOUSING_AREA"})
    return str(data["defineArea"]["area"]["id"])


async def test_a_registered_actor_is_read_back_with_its_areas(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg-Husum")
    data = await graphql.ok(
        REGISTER,
        coordinator,
        input={
            "name": "SSP Copenhagen",
            "sector": "MUNICIPALITY",
            "levels": ["FRONTLINE"],
            "themes": ["YOUTH"],
            "areas": [area],
        },
    )
    written = data["registerActor"]
    actor = written["actor"]
    assert actor["name"] == "SSP Copenhagen" and actor["levels"] == ["FRONTLINE"]
    assert actor["areas"] == [{"id": area, "name": "Tingbjerg-Husum"}]
    assert written["position"] == f"actors/{actor['id']}/1"
    one = await graphql.ok(
        "query($id: ID!) { actor(id: $id) { name } }", coordinator, id=actor["id"]
    )
    assert one["actor"]["name"] == "SSP Copenhagen"


async def test_bad_input_names_the_field_and_writes_nothing(
    graphql: GraphQL, tenant: str, caplog: pytest.LogCaptureFixture
) -> None:
    coordinator = token(tenant, "coordinator")
    body = await graphql(REGISTER, coordinator, input={"name": "X", "sector": "Ahmed Hansen"})
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "sector"
    missing = await graphql(REGISTER, coordinator, input={"sector": "SSP"})
    assert codes(missing) == ["BAD_USER_INPUT"]
    assert missing["errors"][0]["extensions"]["field"] == "name", missing
    # the value given may be personal data: never repeated in the answer or the log
    assert "Ahmed" not in str(body) and "Ahmed" not in caplog.text
    page = await graphql.ok(PAGE, coordinator, first=10)
    assert page["actors"]["totalCount"] == 0


async def test_a_page_of_fifty_actors_with_their_areas_costs_a_bounded_number_of_calls(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    areas = [await define_area(graphql, coordinator, f"Area {n}") for n in range(5)]
    parent = None
    for n in range(60):
        data = await graphql.ok(
            REGISTER,
            coordinator,
            input={
                "name": f"Actor {n:02}",
                "sector": "CIVIL_SOCIETY",
                "areas": [areas[n % 5], areas[(n + 1) % 5]],
                **({"parentActorId": parent} if parent else {}),
            },
        )
        made_id = data["registerActor"]["actor"]["id"]
        parent = parent or made_id
        if n % 3 == 0:
            await graphql.ok(
                ADD_CONTACT,
                coordinator,
                input={"actorId": made_id, "name": f"Person {n:02}", "legalBasis": "CONSENT"},
            )
    calls = platform.app.state.services.calls
    before = calls.copy()
    page = await graphql.ok(PAGE, coordinator, first=50)
    made = calls - before
    connection = page["actors"]
    assert connection["totalCount"] == 60 and len(connection["edges"]) == 50
    assert all(len(edge["node"]["areas"]) == 2 for edge in connection["edges"])
    assert sum(1 for edge in connection["edges"] if edge["node"]["parent"]) == 49
    named = {edge["node"]["name"]: edge["node"]["contacts"] for edge in connection["edges"]}
    assert named["Actor 03"] == [{"name": "Person 03"}] and named["Actor 04"] == []
    assert sum(len(contacts) for contacts in named.values()) == 17  # Actor 00, 03 .. 48
    # the page, one batch of areas, one of parents, one of contacts: never one per actor
    assert made["actors"] <= 4, made
    rest = await graphql.ok(PAGE, coordinator, first=50, after=connection["pageInfo"]["endCursor"])
    assert len(rest["actors"]["edges"]) == 10 and not rest["actors"]["pageInfo"]["hasNextPage"]


async def test_a_write_asking_only_its_position_is_not_read_back(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    calls = platform.app.state.services.calls
    given = {"name": "Natteravnene", "sector": "CIVIL_SOCIETY"}
    before = calls.copy()
    bare = await graphql.ok(
        mutation("registerActor", "position __typename"), coordinator, input=given
    )
    assert (calls - before)["actors"] == 1, "the command alone"
    assert bare["registerActor"]["__typename"] == "ActorPayload"
    service, actor_id, version = bare["registerActor"]["position"].split("/")
    assert (service, version) == ("actors", "1")
    before = calls.copy()
    full = await graphql.ok(
        mutation("registerActor", "position actor { id name }"), coordinator, input=given
    )
    assert (calls - before)["actors"] == 1, "the command, answered with the actor it made"
    assert full["registerActor"]["actor"]["name"] == "Natteravnene"
    # what was written is there to read, though it was not read back
    read = await graphql.ok(ACTOR, coordinator, id=actor_id)
    assert read["actor"]["name"] == "Natteravnene" and read["actor"]["version"] == 1


async def test_a_page_larger_than_the_limit_is_refused(graphql: GraphQL, tenant: str) -> None:
    body = await graphql(PAGE, token(tenant, "coordinator"), first=101)
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "first"


async def register(graphql: GraphQL, who: str, name: str, **fields: object) -> str:
    data = await graphql.ok(REGISTER, who, input={"name": name, "sector": "SSP", **fields})
    return str(data["registerActor"]["actor"]["id"])


async def test_an_area_is_renamed_and_retired(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    fields = "position area { id name retired version }"
    renamed = await graphql.ok(
        mutation("renameArea", fields), coordinator, input={"id": area, "name": "Tingbjerg-Husum"}
    )
    assert renamed["renameArea"]["area"] == {
        "id": area,
        "name": "Tingbjerg-Husum",
        "retired": False,
        "version": 2,
    }
    assert renamed["renameArea"]["position"] == f"actors/{area}/2"
    retired = await graphql.ok(mutation("retireArea", fields), coordinator, input={"id": area})
    assert retired["retireArea"]["area"]["retired"] is True
    listed = await graphql.ok(
        "{ current: areas { id } all: areas(includeRetired: true) { id } }", coordinator
    )
    assert listed == {"current": [], "all": [{"id": area}]}


async def test_update_actor_changes_only_the_fields_given_and_null_clears(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    actor = await register(
        graphql,
        coordinator,
        "SSP Brønshøj",
        department="Social services",
        description="Night walks",
        phone="+45 38 10 00 00",
    )
    update = mutation("updateActor")
    data = await graphql.ok(update, coordinator, input={"id": actor, "name": "SSP Bronshoj"})
    changed = data["updateActor"]["actor"]
    assert changed["name"] == "SSP Bronshoj" and changed["department"] == "Social services"
    assert changed["phone"] == "+45 38 10 00 00" and changed["version"] == 2
    data = await graphql.ok(update, coordinator, input={"id": actor, "department": None})
    cleared = data["updateActor"]["actor"]
    assert cleared["department"] is None and cleared["description"] == "Night walks"
    assert cleared["name"] == "SSP Bronshoj"
    again = await graphql.ok(ACTOR, coordinator, id=actor)
    assert again["actor"]["department"] is None and again["actor"]["version"] == 3
    # two changes in one request: each answers the actor as it is after it
    both = await graphql.ok(
        """mutation($id: ID!) {
          one: updateActor(input: {id: $id, name: "One"}) { actor { name version } }
          two: updateActor(input: {id: $id, name: "Two"}) { actor { name version } }
        }""",
        coordinator,
        id=actor,
    )
    assert both["one"]["actor"] == {"name": "One", "version": 4}
    assert both["two"]["actor"] == {"name": "Two", "version": 5}


async def test_areas_levels_and_themes_are_set_as_whole_lists(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    one, two = [await define_area(graphql, coordinator, name) for name in ("Husum", "Tingbjerg")]
    actor = await register(graphql, coordinator, "SSP", areas=[one], levels=["STRATEGIC"])
    areas = await graphql.ok(
        mutation("setActorAreas"), coordinator, input={"id": actor, "areas": [two]}
    )
    assert areas["setActorAreas"]["actor"]["areas"] == [{"id": two}]
    levels = await graphql.ok(
        mutation("setActorLevels"),
        coordinator,
        input={"id": actor, "levels": ["FRONTLINE", "CIVIL_SOCIETY"]},
    )
    assert sorted(levels["setActorLevels"]["actor"]["levels"]) == ["CIVIL_SOCIETY", "FRONTLINE"]
    themes = await graphql.ok(
        mutation("setActorThemes"), coordinator, input={"id": actor, "themes": ["NIGHTLIFE"]}
    )
    assert themes["setActorThemes"]["actor"]["themes"] == ["NIGHTLIFE"]
    found = await graphql.ok(ACTOR, coordinator, id=actor)
    assert found["actor"]["areas"] == [{"id": two, "name": "Tingbjerg"}]
    assert found["actor"]["themes"] == ["NIGHTLIFE"] and found["actor"]["version"] == 4
    unknown = await graphql(
        mutation("setActorAreas"), coordinator, input={"id": actor, "areas": ["area-nowhere"]}
    )
    assert codes(unknown) and codes(unknown)[0] in ("BAD_USER_INPUT", "NOT_FOUND")


async def test_an_actor_is_deactivated_and_reactivated(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    actor = await register(graphql, coordinator, "Husum Boldklub")
    off = await graphql.ok(
        mutation("deactivateActor"), coordinator, input={"id": actor, "reason": "closed"}
    )
    assert off["deactivateActor"]["actor"]["status"] == "INACTIVE"
    on = await graphql.ok(mutation("reactivateActor"), coordinator, input={"id": actor})
    assert on["reactivateActor"]["actor"]["status"] == "ACTIVE"
    assert on["reactivateActor"]["position"] == f"actors/{actor}/3"


async def test_merging_folds_the_duplicate_into_the_survivor_with_its_contacts(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Husum")
    survivor = await register(graphql, coordinator, "SSP Copenhagen")
    duplicate = await register(graphql, coordinator, "SSP Kbh", areas=[area])
    await graphql.ok(
        ADD_CONTACT,
        coordinator,
        input={"actorId": duplicate, "name": "Mette Holm", "legalBasis": "PUBLIC_TASK"},
    )
    data = await graphql.ok(
        mutation("mergeActors", f"actor {{ {ACTOR_FIELDS} contacts {{ name }} }}"),
        coordinator,
        input={"id": survivor, "mergedId": duplicate},
    )
    merged = data["mergeActors"]["actor"]
    assert merged["id"] == survivor and merged["areas"] == [{"id": area}]
    assert merged["contacts"] == [{"name": "Mette Holm"}]
    page = await graphql.ok(PAGE, coordinator, first=10)
    assert [edge["node"]["id"] for edge in page["actors"]["edges"]] == [survivor]
    gone = await graphql.ok(ACTOR, coordinator, id=duplicate)
    assert gone["actor"]["status"] == "MERGED" and gone["actor"]["mergedInto"] == survivor
    assert gone["actor"]["contacts"] == []


async def test_contacts_are_added_changed_removed_and_shown_as_the_service_decides(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    ssp = await register(graphql, coordinator, "SSP")
    club = await register(graphql, coordinator, "Husum Boldklub")
    added = await graphql.ok(
        mutation("addContact", CONTACT_FIELDS),
        coordinator,
        input={
            "actorId": ssp,
            "name": "Jens Hansen",
            "title": "SSP consultant",
            "phone": "+45 20 30 40 50",
            "email": "jens@example.dk",
            "legalBasis": "PUBLIC_TASK",
        },
    )
    contact = added["addContact"]["contact"]
    assert contact["actorId"] == ssp and contact["phone"] == "+45 20 30 40 50"
    assert contact["status"] == "ACTIVE" and contact["legalBasis"] == "PUBLIC_TASK"
    assert added["addContact"]["actor"]["contacts"] == [
        {"id": contact["id"], "name": "Jens Hansen"}
    ]
    assert added["addContact"]["position"] == f"actors/{contact['id']}/1"
    changed = await graphql.ok(
        mutation("updateContact", CONTACT_FIELDS),
        coordinator,
        input={"id": contact["id"], "title": "Team leader", "phone": None},
    )
    now = changed["updateContact"]["contact"]
    assert now["title"] == "Team leader" and now["phone"] is None
    assert now["email"] == "jens@example.dk" and now["version"] == 2
    # others see name and title only; the actor's own staff see it all
    for who, full in (
        (token(tenant, "partner", actor=ssp), True),
        (token(tenant, "partner", actor=club), False),
        (token(tenant, "police", actor=club), False),
    ):
        [seen] = (await graphql.ok(ACTOR, who, id=ssp))["actor"]["contacts"]
        assert seen["name"] == "Jens Hansen" and seen["title"] == "Team leader"
        assert (seen["email"] == "jens@example.dk") is full
        assert (seen["legalBasis"] is not None) is full
    removed = await graphql.ok(
        mutation("removeContact", CONTACT_FIELDS), coordinator, input={"id": contact["id"]}
    )
    assert removed["removeContact"]["contact"]["status"] == "REMOVED"
    assert removed["removeContact"]["actor"] == {"id": ssp, "contacts": []}


async def test_an_erased_contacts_name_is_no_longer_shown(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    ssp = await register(graphql, coordinator, "SSP")
    added = await graphql.ok(
        ADD_CONTACT,
        coordinator,
        input={"actorId": ssp, "name": "Gudrun Sørensen", "legalBasis": "CONSENT"},
    )
    contact = added["addContact"]["contact"]["id"]
    erased = await graphql.ok(
        mutation("eraseContact", CONTACT_FIELDS), coordinator, input={"id": contact}
    )
    assert "Gudrun" not in str(erased)
    shown = erased["eraseContact"]["contact"]
    assert shown["status"] == "ERASED" and shown["name"] == "[erased]"
    assert erased["eraseContact"]["actor"]["contacts"] == []
    read = await graphql.ok(ACTOR, coordinator, id=ssp)
    assert read["actor"]["contacts"] == [] and "Gudrun" not in str(read)
    again = await graphql(
        mutation("updateContact", CONTACT_FIELDS),
        coordinator,
        input={"id": contact, "name": "Gudrun"},
    )
    assert codes(again) == ["CONFLICT"]


async def test_a_partner_cannot_do_what_the_actors_service_forbids(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Husum")
    own = await register(graphql, coordinator, "Husum Boldklub")
    other = await register(graphql, coordinator, "SSP")
    contact = (
        await graphql.ok(
            ADD_CONTACT,
            coordinator,
            input={"actorId": other, "name": "Jens", "legalBasis": "CONSENT"},
        )
    )["addContact"]["contact"]["id"]
    partner = token(tenant, "partner", actor=own)
    refused = [
        (mutation("renameArea", "position"), {"id": area, "name": "Mine"}),
        (mutation("retireArea", "position"), {"id": area}),
        (mutation("updateActor"), {"id": other, "name": "Taken"}),
        (mutation("setActorThemes"), {"id": other, "themes": ["YOUTH"]}),
        (mutation("deactivateActor"), {"id": other}),
        (mutation("mergeActors"), {"id": own, "mergedId": other}),
        (ADD_CONTACT, {"actorId": other, "name": "Spy", "legalBasis": "CONSENT"}),
        (mutation("updateContact", "position"), {"id": contact, "name": "X"}),
        (mutation("removeContact", "position"), {"id": contact}),
        (mutation("eraseContact", "position"), {"id": contact}),
    ]
    for query, given in refused:
        body = await graphql(query, partner, input=given)
        assert codes(body) == ["FORBIDDEN"], (query, body)
    police = await graphql(
        mutation("updateActor"),
        token(tenant, "police", actor=other),
        input={"id": other, "name": "P"},
    )
    assert codes(police) == ["FORBIDDEN"]
    # its own actor a partner may change
    mine = await graphql.ok(
        mutation("updateActor"), partner, input={"id": own, "phone": "+45 11 22 33 44"}
    )
    assert mine["updateActor"]["actor"]["phone"] == "+45 11 22 33 44"
    untouched = await graphql.ok(ACTOR, coordinator, id=other)
    assert untouched["actor"]["name"] == "SSP" and untouched["actor"]["status"] == "ACTIVE"
    assert [c["name"] for c in untouched["actor"]["contacts"]] == ["Jens"]


async def test_another_municipalitys_actor_is_not_found(graphql: GraphQL, tenant: str) -> None:
    theirs = await register(graphql, token(tenant, "coordinator"), "SSP Aalborg")
    mine = token(f"{tenant}x", "coordinator")
    for query, variables in (
        (ACTOR, {"id": theirs}),
        (mutation("updateActor"), {"input": {"id": theirs, "name": "Taken over"}}),
        (ADD_CONTACT, {"input": {"actorId": theirs, "name": "Spy", "legalBasis": "CONSENT"}}),
    ):
        body = await graphql(query, mine, **variables)
        assert codes(body) == ["NOT_FOUND"], body
    still = await graphql.ok(ACTOR, token(tenant, "coordinator"), id=theirs)
    assert still["actor"]["name"] == "SSP Aalborg" and still["actor"]["contacts"] == []


IMPORT = """
mutation($input: ImportActorsInput!) {
  importActors(input: $input) {
    rows actorsCreated actorsChanged contactsAdded contactsChanged unchangedRows written
    errors { line column reason }
  }
}"""
CSV = (
    "external_id,name,sector,levels,areas,themes,contact_name,contact_legal_basis\n"
    "ssp-1,SSP Brønshøj,ssp,frontline,Husum,youth,Jens Hansen,public_task\n"
    "club-1,Husum Boldklub,civil_society,civil_society,,youth,,\n"
)


async def test_a_list_of_actors_is_imported_from_csv(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    await define_area(graphql, coordinator, "Husum")
    dry = await graphql.ok(IMPORT, coordinator, input={"csv": CSV, "dryRun": True})
    assert dry["importActors"]["rows"] == 2 and dry["importActors"]["actorsCreated"] == 2
    assert dry["importActors"]["written"] is False and dry["importActors"]["errors"] == []
    assert (await graphql.ok(PAGE, coordinator, first=10))["actors"]["totalCount"] == 0
    done = await graphql.ok(IMPORT, coordinator, input={"csv": CSV})
    assert done["importActors"]["written"] is True
    assert done["importActors"]["contactsAdded"] == 1
    page = await graphql.ok(PAGE, coordinator, first=10)
    nodes = {edge["node"]["name"]: edge["node"] for edge in page["actors"]["edges"]}
    assert nodes["SSP Brønshøj"]["areas"][0]["name"] == "Husum"
    assert nodes["SSP Brønshøj"]["contacts"] == [{"name": "Jens Hansen"}]
    again = await graphql.ok(IMPORT, coordinator, input={"csv": CSV})
    assert (
        again["importActors"]["unchangedRows"] == 2 and again["importActors"]["actorsCreated"] == 0
    )
    partner = await graphql(IMPORT, token(tenant, "partner", actor="actor-x"), input={"csv": CSV})
    assert codes(partner) == ["FORBIDDEN"]


POSITIONS = "mutation($input: ImportActorsInput!) { importActors(input: $input) { positions } }"
DIRECTORY = """
query($area: ID, $atLeast: [String!]) {
  directory(areaId: $area, atLeast: $atLeast) { count actors { actorId name contactPersons } }
}"""
VERSIONS = "query($id: ID!) { actor(id: $id) { version } }"


async def test_an_import_answers_the_positions_a_report_waits_for(
    graphql: GraphQL, tenant: str
) -> None:
    """One token per stream the import wrote (two actors, one contact), each at the version
    the stream reached; a report asked with them shows the whole file."""
    coordinator = token(tenant, "coordinator")
    husum = await define_area(graphql, coordinator, "Husum")
    dry = await graphql.ok(POSITIONS, coordinator, input={"csv": CSV, "dryRun": True})
    assert dry["importActors"]["positions"] == []
    positions = (await graphql.ok(POSITIONS, coordinator, input={"csv": CSV}))["importActors"][
        "positions"
    ]
    assert len(positions) == 3 and all(p.startswith("actors/") for p in positions)
    directory = (await graphql.ok(DIRECTORY, coordinator, area=husum, atLeast=positions))[
        "directory"
    ]
    assert directory["count"] == 1
    [ssp] = directory["actors"]
    assert ssp["name"] == "SSP Brønshøj" and ssp["contactPersons"] == 1
    version = (await graphql.ok(VERSIONS, coordinator, id=ssp["actorId"]))["actor"]["version"]
    assert f"actors/{ssp['actorId']}/{version}" in positions
    again = await graphql.ok(POSITIONS, coordinator, input={"csv": CSV})
    assert again["importActors"]["positions"] == [], "an unchanged file writes nothing"


BAD_ROW = "bank-1,Danske Bank,bank,,,,,\n"


async def test_an_import_with_a_bad_row_writes_nothing(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    await define_area(graphql, coordinator, "Husum")
    body = await graphql(IMPORT, coordinator, input={"csv": CSV + BAD_ROW})
    assert codes(body) or body["data"]["importActors"]["written"] is False
    assert (await graphql.ok(PAGE, coordinator, first=10))["actors"]["totalCount"] == 0


async def test_an_import_with_a_bad_row_lists_it(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    await define_area(graphql, coordinator, "Husum")
    data = await graphql.ok(IMPORT, coordinator, input={"csv": CSV + BAD_ROW, "dryRun": True})
    [error] = data["importActors"]["errors"]
    assert (error["line"], error["column"]) == (4, "sector")
    assert data["importActors"]["written"] is False


async def test_an_empty_id_is_bad_input_naming_the_field(graphql: GraphQL, tenant: str) -> None:
    remove = 'mutation { removeContact(input: {id: " "}) { position } }'
    body = await graphql(remove, token(tenant, "coordinator"))
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "id"


def _cursor(value: object) -> str:
    import base64
    import json

    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


async def test_a_malformed_cursor_is_bad_input_naming_after(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    await graphql.ok(REGISTER, coordinator, input={"name": "SSP", "sector": "SSP"})
    for after in (
        _cursor([10**30, "actor-1"]),
        _cursor([True, 1]),
        _cursor(["a\u0000", "b"]),
        "%%",
    ):
        body = await graphql(PAGE, coordinator, first=5, after=after)
        assert codes(body) == ["BAD_USER_INPUT"], body
        assert body["errors"][0]["extensions"]["field"] == "after"


async def test_an_id_that_is_not_one_path_segment_reaches_nothing_else(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    made = [
        (await graphql.ok(REGISTER, coordinator, input={"name": name, "sector": "SSP"}))[
            "registerActor"
        ]["actor"]["id"]
        for name in ("SSP", "Husum Boldklub")
    ]
    first, other = made
    contact = (
        await graphql.ok(
            ADD_CONTACT,
            coordinator,
            input={"actorId": other, "name": "Ahmed Hansen", "legalBasis": "LEGITIMATE_INTEREST"},
        )
    )["addContact"]["contact"]["id"]
    sneaky = [f"x/../{other}", f"{first}/../{other}", f"{other}/", f"{other}?x=1", f"{other}#x"]
    sneaky += [f"{other}%2F", "..", f"..\\{other}", f"{other}/contacts"]
    for id_ in sneaky:
        read = await graphql(ACTOR, coordinator, id=id_)
        assert codes(read) == ["NOT_FOUND"], (id_, read)
        for name, extra in (("updateActor", {"name": "Taken"}), ("deactivateActor", {})):
            body = await graphql(mutation(name), coordinator, input={"id": id_, **extra})
            assert codes(body) == ["BAD_USER_INPUT"], (id_, body)
            assert body["errors"][0]["extensions"]["field"] == "id"
        erase = await graphql(
            mutation("eraseContact", "position"), coordinator, input={"id": f"{contact}/{id_}"}
        )
        assert codes(erase) == ["BAD_USER_INPUT"], (id_, erase)
    for actor_id in made:
        read = (await graphql.ok(ACTOR, coordinator, id=actor_id))["actor"]
        assert read["version"] == 1 and read["status"] == "ACTIVE" and read["name"] != "Taken"
    still = (await graphql.ok(ACTOR, coordinator, id=other))["actor"]["contacts"]
    assert [c["name"] for c in still] == ["Ahmed Hansen"]


async def test_external_ids_and_area_names_are_natural_keys(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    given = {"name": "SSP", "sector": "SSP", "externalId": "cvr-1"}
    await graphql.ok(REGISTER, coordinator, input=given)
    again = await graphql(REGISTER, coordinator, input=given)
    assert (
        codes(again) == ["CONFLICT"] and again["errors"][0]["extensions"]["field"] == "externalId"
    )
    await define_area(graphql, coordinator, "Tingbjerg")
    area_again = await graphql(DEFINE, coordinator, input={"name": "TINGBJERG", "kind": "DISTRICT"})
    assert codes(area_again) == ["CONFLICT"]
    assert area_again["errors"][0]["extensions"]["field"] == "name"
    listed = await graphql.ok(PAGE, coordinator, first=10)
    assert listed["actors"]["totalCount"] == 1


async def test_an_actors_change_decided_on_an_older_version_is_a_conflict(
    graphql: GraphQL, tenant: str
) -> None:
    """``expectedVersion`` on the actors' mutations, as on every other domain's: sent as
    ``If-Match``, a change made on what another user has since changed is refused."""
    coordinator = token(tenant, "coordinator")
    made = await graphql.ok(REGISTER, coordinator, input={"name": "SSP Brønshøj", "sector": "SSP"})
    actor = made["registerActor"]["actor"]["id"]
    changed = await graphql.ok(
        mutation("updateActor"),
        coordinator,
        input={"id": actor, "phone": "+45 33 66 33 66", "expectedVersion": 1},
    )
    assert changed["updateActor"]["actor"]["version"] == 2
    stale = await graphql(
        mutation("updateActor"),
        coordinator,
        input={"id": actor, "description": "Crime prevention", "expectedVersion": 1},
    )
    assert codes(stale) == ["CONFLICT"]
    read = await graphql.ok(ACTOR, coordinator, id=actor)
    assert read["actor"]["description"] is None and read["actor"]["version"] == 2
    contact = (
        await graphql.ok(
            ADD_CONTACT,
            coordinator,
            input={"actorId": actor, "name": "Mette", "legalBasis": "CONSENT"},
        )
    )["addContact"]["contact"]["id"]
    stale_contact = await graphql(
        mutation("updateContact", CONTACT_FIELDS),
        coordinator,
        input={"id": contact, "title": "Leader", "expectedVersion": 2},
    )
    assert codes(stale_contact) == ["CONFLICT"]


async def test_a_mutation_shows_what_it_changed_without_reading_it_back(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    """The actors service answers the write with the actor as the caller reads it
    (``Prefer: return=representation``): the payload costs no second call."""
    coordinator = token(tenant, "coordinator")
    calls = platform.app.state.services.calls
    before = calls.copy()
    made = await graphql.ok(
        mutation("registerActor", "actor { id name sector levels themes version }"),
        coordinator,
        input={"name": "Husum Boldklub", "sector": "CIVIL_SOCIETY", "themes": ["YOUTH"]},
    )
    actor = made["registerActor"]["actor"]
    assert actor["name"] == "Husum Boldklub" and actor["themes"] == ["YOUTH"]
    assert actor["version"] == 1
    assert (calls - before)["actors"] == 1, "the write, and no read after it"
    before = calls.copy()
    changed = await graphql.ok(
        mutation("updateActor", "actor { id description version }"),
        coordinator,
        input={"id": actor["id"], "description": "Football for young people 13-17"},
    )
    assert changed["updateActor"]["actor"] == {
        "id": actor["id"],
        "description": "Football for young people 13-17",
        "version": 2,
    }
    assert (calls - before)["actors"] == 1
    read = await graphql.ok(ACTOR, coordinator, id=actor["id"])
    assert read["actor"]["description"] == "Football for young people 13-17"
