"""The demo municipality, loaded through the gateway, looks like the study: 60 actors,
37 activities, 7 fora, and the 13 after-school-job activities as coordination gaps."""

from __future__ import annotations

import httpx

from tests.gateway.conftest import GraphQL, Platform, token
from trygnet_platform.demo import tingbjerg
from trygnet_platform.demo.load import load_tingbjerg

COUNTS = """
query($atLeast: [String!]) {
  actors(first: 1) { totalCount }
  activities(first: 1) { totalCount }
  fora(first: 1) { totalCount }
  coordinationGaps(atLeast: $atLeast) { reason activities { title actors { name } } }
}"""


async def test_tingbjerg_husum_looks_like_the_study(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=30) as http:
        loader = await load_tingbjerg(http, coordinator)
    data = await graphql.ok(COUNTS, coordinator, atLeast=loader.positions[-50:])
    assert data["actors"]["totalCount"] == len(tingbjerg.ACTORS) == 60
    assert data["activities"]["totalCount"] == len(tingbjerg.ACTIVITIES) == 37
    assert data["fora"]["totalCount"] == len(tingbjerg.FORA) == 7
    after_school = {a.title for a in tingbjerg.ACTIVITIES if a.title.startswith("Fritidsjob")}
    pairs = [
        gap
        for gap in data["coordinationGaps"]
        if {a["title"] for a in gap["activities"]} <= after_school
    ]
    assert len(pairs) == 13 * 12 // 2, "every pair of the 13 after-school activities is a gap"
    assert all(gap["reason"] for gap in pairs)
