"""The weekly situation picture through the gateway, end to end: observations filed one by
one and by CSV, the picture read with the writes in it, a decision recorded and followed
up, a bad week refused naming `week`, the role matrix and another municipality."""

from __future__ import annotations

from typing import Any

from tests.gateway.conftest import GraphQL, codes, token
from tests.gateway.test_actors import define_area
from tests.gateway.test_reporting import register

FILE = """
mutation($input: FileObservationInput!) {
  fileObservation(input: $input) {
    position observation { id category place description descriptionWithheld version }
  }
}"""
IMPORT = """
mutation($input: ImportObservationsInput!) {
  importObservations(input: $input) {
    rows observationsFiled written errors { line column } observationIds positions
  }
}"""
PICTURE = """
query($area: ID!, $week: String!, $atLeast: [String!], $asOf: Date) {
  situationPicture(areaId: $area, week: $week, atLeast: $atLeast, asOf: $asOf) {
    week observations area { name }
    categories { category thisWeek previousWeeks sameWeekLastYear }
    hotSpots { place observations thisWeek categories }
    decisions { id action due status overdue owner { name } }
  }
}"""
DECIDE = """
mutation($input: RecordSituationDecisionInput!) {
  recordSituationDecision(input: $input) { position decision { id week status overdue } }
}"""
FOLLOW_UP = """
mutation($input: ChangeSituationDecisionStatusInput!) {
  changeSituationDecisionStatus(input: $input) { position decision { id status } }
}"""
ONE = "query($id: ID!) { observation(id: $id) { place } }"
ERASE = """
mutation($input: EraseObservationDescriptionInput!) {
  eraseObservationDescription(input: $input) { observation { description } }
}"""


def seen(area: str, actor: str, **more: Any) -> dict[str, Any]:
    return {
        "category": "GRAFFITI",
        "areaId": area,
        "place": "The underpass at Ruten",
        "reportingActorId": actor,
        "observedAt": "2026-09-15T20:00:00+02:00",
        "description": "Tags naming Jonas",
        **more,
    }


async def test_the_weekly_picture_follows_observations_and_decisions(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    housing, _ = await register(graphql, coordinator, "fsb", "HOUSING_ASSOCIATION", [area])
    staff = token(tenant, "partner", actor=housing)
    filed = (await graphql.settled(FILE, staff, input=seen(area, housing)))["fileObservation"]
    assert filed["observation"]["description"] == "Tags naming Jonas"
    other_staff = token(tenant, "partner", actor="actor-somebody-else")
    refused = await graphql(FILE, other_staff, input=seen(area, housing))
    assert codes(refused) == ["FORBIDDEN"]

    csv = (
        "category;area;place;observed_at\n"
        "graffiti;Tingbjerg;the underpass at ruten;2026-09-16T21:00:00+02:00\n"
        "drug dealing;Tingbjerg;Ruten 5;2026-09-09T21:00:00+02:00\n"
    )
    bad = await graphql.ok(IMPORT, staff, input={"csv": csv.replace("Ruten 5", "")})
    assert bad["importObservations"]["written"] is False
    assert bad["importObservations"]["errors"] == [{"line": 3, "column": "place"}]
    assert bad["importObservations"]["observationIds"] == []
    assert bad["importObservations"]["positions"] == []
    imported = await graphql.ok(IMPORT, staff, input={"csv": csv})
    assert imported["importObservations"]["observationsFiled"] == 2
    first_imported, second_imported = imported["importObservations"]["observationIds"]
    assert imported["importObservations"]["positions"] == [
        f"incidents/{first_imported}/1",
        f"incidents/{second_imported}/1",
    ]
    one = await graphql.ok(ONE, staff, id=first_imported)
    assert one["observation"]["place"] == "the underpass at ruten"

    decided = await graphql.ok(
        DECIDE,
        coordinator,
        input={
            "areaId": area,
            "week": "2026-W38",
            "action": "Light the underpass",
            "ownerActorId": housing,
            "due": "2026-09-25",
        },
    )
    decision = decided["recordSituationDecision"]["decision"]
    assert decision["week"] == "2026-W38" and decision["status"] == "OPEN"
    followed = await graphql.ok(
        FOLLOW_UP,
        staff,
        input={"areaId": area, "week": "2026-W38", "decisionId": decision["id"], "status": "DONE"},
    )
    position = followed["changeSituationDecisionStatus"]["position"]

    picture = (
        await graphql.ok(
            PICTURE, coordinator, area=area, week="2026-W38", atLeast=[position], asOf="2026-09-30"
        )
    )["situationPicture"]
    assert picture["area"] == {"name": "Tingbjerg"} and picture["observations"] == 2
    graffiti = next(c for c in picture["categories"] if c["category"] == "GRAFFITI")
    assert graffiti == {
        "category": "GRAFFITI",
        "thisWeek": 2,
        "previousWeeks": [0, 0, 0, 0],
        "sameWeekLastYear": 0,
    }
    assert picture["hotSpots"] == [
        {
            "place": "the underpass at ruten",
            "observations": 2,
            "thisWeek": 2,
            "categories": ["GRAFFITI"],
        }
    ]
    assert picture["decisions"] == [
        {
            "id": decision["id"],
            "action": "Light the underpass",
            "due": "2026-09-25",
            "status": "DONE",
            "overdue": False,
            "owner": {"name": "fsb"},
        }
    ]

    erased = await graphql.ok(
        ERASE, coordinator, input={"observationId": filed["observation"]["id"]}
    )
    assert erased["eraseObservationDescription"]["observation"]["description"] == "[erased]"

    elsewhere = token(f"{tenant}x", "coordinator")
    hidden = await graphql(PICTURE, elsewhere, area=area, week="2026-W38")
    assert codes(hidden) == ["NOT_FOUND"]


async def test_a_bad_week_is_bad_user_input_naming_week(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Husum")
    for week in ("2026-38", "2026-W54", "last week"):
        refused = await graphql(PICTURE, coordinator, area=area, week=week)
        assert codes(refused) == ["BAD_USER_INPUT"], refused
        assert refused["errors"][0]["extensions"]["field"] == "week"
        assert week not in refused["errors"][0]["message"]
    decided = await graphql(
        DECIDE,
        coordinator,
        input={
            "areaId": area,
            "week": "2026-W99",
            "action": "x",
            "ownerActorId": "actor-x",
            "due": "2026-09-25",
        },
    )
    assert codes(decided) == ["BAD_USER_INPUT"]
    assert decided["errors"][0]["extensions"]["field"] == "week"


async def test_national_bodies_read_no_picture_and_record_no_decision(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Husum")
    national = token(tenant, "national")
    assert codes(await graphql(PICTURE, national, area=area, week="2026-W38")) == ["FORBIDDEN"]
    decided = await graphql(
        DECIDE,
        national,
        input={
            "areaId": area,
            "week": "2026-W38",
            "action": "x",
            "ownerActorId": "actor-x",
            "due": "2026-09-25",
        },
    )
    assert codes(decided) == ["FORBIDDEN"]
