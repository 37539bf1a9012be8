"""A small municipality made through the GraphQL API for the portal's screen tests:
an area, three actors, and (on request) an activity, a forum, a safety walk and
incidents, each made as a client would."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.gateway.conftest import GraphQL, token
from tests.gateway.test_actors import define_area

REGISTER = """
mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }"""
ACTIVITY = """
mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }"""
FORUM = "mutation($input: CreateForumInput!) { createForum(input: $input) { forum { id } } }"
WALK = """
mutation($input: RecordSafetyWalkInput!) { recordSafetyWalk(input: $input) { safetyWalk { id } } }"""
REPORT = """
mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { incident { id } } }"""
SECRETS = ("Skud mod bilen tilhørende Ahmed i blok 12", "Kilde: naboen i 12B")


@dataclass
class Town:
    tenant: str
    area: str
    police: str
    club: str
    school: str

    @property
    def coordinator(self) -> str:
        return token(self.tenant, "coordinator")

    def police_officer(self) -> str:
        return token(self.tenant, "police", actor=self.police)

    def club_staff(self) -> str:
        return token(self.tenant, "partner", actor=self.club)


async def town(graphql: GraphQL, tenant: str) -> Town:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg-Husum")
    made = []
    for name, sector in (
        ("Nærpolitiet", "POLICE"),
        ("Klubben", "CIVIL_SOCIETY"),
        ("Skolen", "SCHOOL"),
    ):
        data = await graphql.ok(
            REGISTER, coordinator, input={"name": name, "sector": sector, "areas": [area]}
        )
        made.append(data["registerActor"]["actor"]["id"])
    return Town(tenant, area, *made)


async def activity(graphql: GraphQL, t: Town, title: str = "Lektiecafé") -> str:
    data = await graphql.settled(
        ACTIVITY,
        t.coordinator,
        input={"title": title, "level": "FRONTLINE", "ownerActorId": t.club, "areas": [t.area]},
    )
    return str(data["createActivity"]["activity"]["id"])


async def forum(graphql: GraphQL, t: Town) -> str:
    data = await graphql.settled(
        FORUM,
        t.coordinator,
        input={
            "name": "Tryghedsgruppen",
            "level": "FRONTLINE",
            "ownerActorId": t.club,
            "cadence": "MONTHLY",
            "members": [t.club],
        },
    )
    return str(data["createForum"]["forum"]["id"])


async def walk(graphql: GraphQL, t: Town) -> str:
    data = await graphql.settled(
        WALK,
        t.coordinator,
        input={
            "walkedOn": "2026-04-22",
            "areaId": t.area,
            "participants": [t.club],
            "residents": 12,
        },
    )
    return str(data["recordSafetyWalk"]["safetyWalk"]["id"])


async def incident(graphql: GraphQL, t: Town, **given: Any) -> str:
    data = await graphql.settled(
        REPORT,
        t.police_officer(),
        input={
            "kind": "SHOOTING",
            "severity": 4,
            "areaId": t.area,
            "place": "Ruten ved centret",
            "occurredAt": "2026-03-14T21:40:00+01:00",
            "reportingActorId": t.police,
            "summary": "Skud affyret; ingen ramt",
            **given,
        },
    )
    return str(data["reportIncident"]["incident"]["id"])


async def restricted(graphql: GraphQL, t: Town) -> str:
    return await incident(
        graphql, t, sensitivity="RESTRICTED", summary=SECRETS[0], restrictedDetails=SECRETS[1]
    )
