"""The directory's figures account for every actor it lists: ``byLevel`` counts the
actors on each level, ``withoutLevel`` those on none (likewise for themes), so a
directory whose actors have at most one level each adds up to ``count``."""

from __future__ import annotations

from tests.gateway.conftest import GraphQL, token

REGISTER = """
mutation($input: RegisterActorInput!) { registerActor(input: $input) { position } }"""
DIRECTORY = """
query($atLeast: [String!]) {
  directory(atLeast: $atLeast) {
    count byLevel { level actors } withoutLevel byTheme { theme actors } withoutTheme
  }
}"""


async def test_actors_with_no_level_are_counted_so_the_levels_add_up(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    positions = []
    for name, levels, themes in (
        ("SSP Brønshøj", ["FRONTLINE"], ["YOUTH"]),
        ("Boligselskabet", ["STRATEGIC"], []),
        ("Natteravnene", [], []),
        ("Husum Boldklub", [], ["NIGHTLIFE"]),
    ):
        written = await graphql.ok(
            REGISTER,
            coordinator,
            input={"name": name, "sector": "CIVIL_SOCIETY", "levels": levels, "themes": themes},
        )
        positions.append(written["registerActor"]["position"])
    directory = (await graphql.ok(DIRECTORY, coordinator, atLeast=positions))["directory"]
    assert directory["count"] == 4
    assert directory["withoutLevel"] == 2 and directory["withoutTheme"] == 2
    by_level = sum(bucket["actors"] for bucket in directory["byLevel"])
    assert by_level + directory["withoutLevel"] == directory["count"]
    by_theme = sum(bucket["actors"] for bucket in directory["byTheme"])
    assert by_theme + directory["withoutTheme"] == directory["count"]
