"""The published client (``trygnet_client.Trygnet``) as an integrator uses it, over real
HTTP against the whole platform: who am I, an area and an actor registered with an
``Idempotency-Key`` (a retry registers it once), the actor found by the integrator's own
id, the reports at the write's position, incidents a page at a time, the national
overview for a national body, and errors raised with their code and field."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from tests.gateway.conftest import GraphQL, Platform, token
from tests.gateway.test_incidents import REPORT
from trygnet_client import (
    AreaKind,
    DefineAreaInput,
    GraphQLClientGraphQLMultiError,
    RegisterActorInput,
    Sector,
    Trygnet,
)


async def learned(graphql: GraphQL, bearer: str, incident: dict[str, Any]) -> dict[str, Any]:
    """An incident reported once the incidents service has learned of its area and actor
    (from the actors service's events): until then it refuses them, naming the field."""
    deadline = time.monotonic() + 30
    while True:
        body = await graphql(REPORT, bearer, input=incident)
        fields = {(e["extensions"] or {}).get("field") for e in body.get("errors") or []}
        if not fields or not fields <= {"areaId", "reportingActorId"}:
            break
        assert time.monotonic() < deadline, body["errors"]
        await asyncio.sleep(0.2)
    assert not body.get("errors"), body["errors"]
    data: dict[str, Any] = body["data"]
    return data


@asynccontextmanager
async def client(platform: Platform, bearer: str) -> AsyncIterator[Trygnet]:
    async with Trygnet(
        url=f"{platform.gateway}/graphql", headers={"Authorization": f"Bearer {bearer}"}
    ) as trygnet:
        yield trygnet


async def test_an_integrator_registers_once_finds_by_its_own_id_and_reads_the_reports(
    platform: Platform, graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    async with client(platform, coordinator) as trygnet:
        me = (await trygnet.me()).me
        assert me.tenant == tenant and me.roles == ["coordinator"]
        defined = await trygnet.define_area(
            DefineAreaInput(name="Tingbjerg", kind=AreaKind.HOUSING_AREA)
        )
        area = defined.define_area.area
        assert area is not None and area.name == "Tingbjerg"

        given = RegisterActorInput(
            name="Tingbjerg Klubben",
            sector=Sector.CIVIL_SOCIETY,
            areas=[area.id],
            external_id="case-4711",
        )
        key = {"Idempotency-Key": str(uuid.uuid4())}
        first = (await trygnet.register_actor(given, headers=key)).register_actor
        retried = (await trygnet.register_actor(given, headers=key)).register_actor
        assert first.actor is not None and retried.actor is not None
        assert retried.actor.id == first.actor.id and retried.position == first.position

        found = (await trygnet.actor_by_external_id("case-4711")).actor
        assert found.id == first.actor.id and found.external_id == "case-4711"
        assert found.sector is Sector.CIVIL_SOCIETY
        assert [(a.id, a.name) for a in found.areas] == [(area.id, "Tingbjerg")]
        listed = (await trygnet.actors(external_id="case-4711")).actors
        assert listed.total_count == 1 and listed.edges[0].node.id == first.actor.id

        with pytest.raises(GraphQLClientGraphQLMultiError) as refused:
            await trygnet.actor_by_external_id("case-0000")
        assert [e.extensions["code"] for e in refused.value.errors if e.extensions] == ["NOT_FOUND"]
        with pytest.raises(GraphQLClientGraphQLMultiError) as bad:
            await trygnet.directory(at_least=["yesterday"])
        [error] = bad.value.errors
        assert error.extensions == {"code": "BAD_USER_INPUT", "field": "atLeast"}

        directory = (await trygnet.directory(area_id=area.id, at_least=[first.position])).directory
        assert directory.count == 1 and directory.area is not None
        assert directory.area.name == "Tingbjerg"
        assert [entry.name for entry in directory.actors] == ["Tingbjerg Klubben"]
        network = (
            await trygnet.collaboration_network(area_id=area.id, at_least=[first.position])
        ).collaboration_network
        assert [node.actor.id for node in network.nodes if node.actor] == [first.actor.id]
        assert network.nodes[0].is_isolate and network.edges == []

    reported = await learned(
        graphql,
        coordinator,
        {
            "kind": "SHOOTING",
            "severity": 3,
            "areaId": area.id,
            "place": "By the club",
            "occurredAt": "2026-03-14T21:00:00+00:00",
            "reportedAt": "2026-03-14T21:05:00+00:00",
            "reportingActorId": first.actor.id,
            "summary": "Shots fired near the club",
        },
    )
    incident = reported["reportIncident"]["incident"]["id"]
    async with client(platform, coordinator) as trygnet:
        page = (await trygnet.incidents(first=10)).incidents
        assert page.total_count == 1 and not page.page_info.has_next_page
        [edge] = page.edges
        assert edge.node.id == incident and edge.node.summary == "Shots fired near the club"
        assert edge.node.area is not None and edge.node.area.name == "Tingbjerg"
        assert edge.node.redacted is False


async def test_a_national_body_reads_the_overview_with_small_counts_suppressed(
    platform: Platform, tenant: str
) -> None:
    async with client(platform, token(tenant, "coordinator")) as trygnet:
        made = await trygnet.register_actor(RegisterActorInput(name="SSP", sector=Sector.SSP))
        # the reports have applied it (so the municipality takes part in the figures)
        await trygnet.directory(at_least=[made.register_actor.position])
        with pytest.raises(GraphQLClientGraphQLMultiError) as refused:
            await trygnet.national_overview()
        assert [e.extensions["code"] for e in refused.value.errors if e.extensions] == ["FORBIDDEN"]

    async with client(platform, token("0000", "national")) as trygnet:
        overview = (await trygnet.national_overview()).national_overview

    assert overview.period and overview.tables
    for table in overview.tables:
        typed = [table.incident_kinds, table.themes, table.finding_kinds, table.sectors]
        assert table.period == overview.period
        [columns] = [c for c in typed if c is not None]  # the enum of its vocabulary
        assert columns, table.name
        figures = [row.total for row in table.rows] + [table.grand_total]
        assert all(f.suppressed == (f.value is None) for f in figures), table.name
        assert all(f.value is None or f.value >= 5 for f in figures), table.name
    sectors = next(t for t in overview.tables if t.name == "actors-by-sector")
    assert tenant in {row.code for row in sectors.rows}
    assert sectors.sectors is not None and Sector.SSP in sectors.sectors
