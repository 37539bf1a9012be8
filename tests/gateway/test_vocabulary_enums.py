"""One vocabulary, one spelling: where the API answers or takes a word of the
vocabulary, it is the schema's enum. A partnership member's role is a PartnerRole;
the national tables' columns and the network's tie counts give their words as enums
beside the old lower-case strings, which are deprecated with a reason."""

from __future__ import annotations

from tests.gateway.conftest import GraphQL, codes, token
from tests.gateway.test_actors import define_area
from tests.gateway.test_reporting import activity, mutate, register

TYPED = """
query {
  nationalOverview {
    tables {
      name columns incidentKinds themes findingKinds sectors
      columnTotals { column incidentKind theme findingKind sector }
    }
  }
}"""
TABLE_OF = {
    "incidents-by-kind": "incidentKinds",
    "activities-by-theme": "themes",
    "findings-by-kind": "findingKinds",
    "actors-by-sector": "sectors",
    "contributions-by-sector": "sectors",
}
DEPRECATED = """
query($name: String!) {
  __type(name: $name) { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
}"""
PAIRS = """
query($area: ID, $atLeast: [String!]) {
  collaborationNetwork(areaId: $area, atLeast: $atLeast) {
    sectorPairs { pair sectors levels ties }
    levelPairs { pair sectors levels ties }
  }
}"""
PARTNERSHIP = """
mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { partnership { id } } }
"""
JOIN = """
mutation($input: JoinPartnershipInput!) {
  joinPartnership(input: $input) { partnership { members { role actor { id } } } }
}"""


async def housing_in_an_area(graphql: GraphQL, tenant: str) -> tuple[str, str, str]:
    """A coordinator's token, an area and a housing association working there."""
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    housing, _ = await register(graphql, coordinator, "fsb", "HOUSING_ASSOCIATION", [area])
    return coordinator, area, housing


async def test_every_national_column_is_also_its_vocabularys_enum(graphql: GraphQL) -> None:
    national = token("0000", "national")
    tables = (await graphql.ok(TYPED, national))["nationalOverview"]["tables"]
    by_name = {table["name"]: table for table in tables}
    assert set(TABLE_OF) == set(by_name)  # a new table names its vocabulary here
    typed = ("incidentKinds", "themes", "findingKinds", "sectors")
    for table in tables:
        named = TABLE_OF[table["name"]]
        assert table[named] == [column.upper() for column in table["columns"]], table["name"]
        assert all(table[other] is None for other in typed if other != named), table["name"]
        single = named.removesuffix("s")
        for cell in table["columnTotals"]:
            assert cell[single] == cell["column"].upper()
            assert all(cell[o.removesuffix("s")] is None for o in typed if o != named)
    assert "ARSON" in by_name["incidents-by-kind"]["incidentKinds"]
    assert "VANDALISM" in by_name["findings-by-kind"]["findingKinds"]


async def test_the_lower_case_strings_are_deprecated_with_a_reason(graphql: GraphQL) -> None:
    coordinator = token("0101", "coordinator")
    for type_name, fields in (
        ("NationalTable", {"columns"}),
        ("NationalCell", {"column"}),
        ("TieCount", {"pair"}),
    ):
        found = (await graphql.ok(DEPRECATED, coordinator, name=type_name))["__type"]["fields"]
        deprecated = {f["name"]: f["deprecationReason"] for f in found if f["isDeprecated"]}
        assert set(deprecated) == fields, type_name
        assert all("read " in reason for reason in deprecated.values())


async def test_the_networks_tie_counts_name_their_sectors_and_levels_as_enums(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator, area, housing = await housing_in_an_area(graphql, tenant)
    club, _ = await register(graphql, coordinator, "Klubben", "CIVIL_SOCIETY", [area])
    jobs, _ = await activity(graphql, coordinator, housing, area)
    joining = {"activityId": jobs, "actorId": club, "role": "PARTNER"}
    joined = (await mutate(graphql, coordinator, "joinActivity", joining))["position"]

    network = (await graphql.ok(PAIRS, coordinator, area=area, atLeast=[joined]))[
        "collaborationNetwork"
    ]

    [sectors] = network["sectorPairs"]
    assert sorted(sectors["sectors"]) == ["CIVIL_SOCIETY", "HOUSING_ASSOCIATION"]
    assert sorted(sectors["pair"]) == ["civil_society", "housing_association"]
    assert sectors["levels"] is None and sectors["ties"] == 1
    [levels] = network["levelPairs"]
    assert levels["levels"] == ["FRONTLINE", "FRONTLINE"] and levels["sectors"] is None


async def test_a_partnership_member_has_a_partner_role_and_free_text_is_refused(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator, area, housing = await housing_in_an_area(graphql, tenant)
    police, _ = await register(graphql, coordinator, "Politiet", "POLICE", [area])
    created = await graphql.settled(
        PARTNERSHIP,
        coordinator,
        input={
            "name": "Tryghedspartnerskab",
            "mandate": "Coordinate prevention",
            "authorisedBy": "Borgerrepræsentationen",
            "authorisedOn": "2025-03-01",
            "coordinatorActorId": housing,
        },
    )
    partnership = created["createPartnership"]["partnership"]["id"]
    joining = {"partnershipId": partnership, "actorId": police}

    refused = await graphql(JOIN, coordinator, input={**joining, "role": "politi"})
    assert codes(refused) == ["BAD_USER_INPUT"]
    assert refused["errors"][0]["extensions"]["field"] == "role"
    assert "politi" not in refused["errors"][0]["message"]

    joined = await graphql.settled(JOIN, coordinator, input={**joining, "role": "FUNDER"})
    members = joined["joinPartnership"]["partnership"]["members"]
    assert members == [{"role": "FUNDER", "actor": {"id": police}}]
