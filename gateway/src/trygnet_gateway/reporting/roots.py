"""The reporting domain's root fields: queries, mutations (one command each) and subscriptions."""

from __future__ import annotations

import asyncio

import strawberry

from trygnet_gateway.actors.types import LevelFilter, SectorFilter, ThemeFilter
from trygnet_gateway.answers import of_answer
from trygnet_gateway.context import Info
from trygnet_gateway.reporting.reads import AreaId, AsOf, AtLeast, From, To, report
from trygnet_gateway.reporting.types.directory import Directory
from trygnet_gateway.reporting.types.gaps import CoordinationGap
from trygnet_gateway.reporting.types.incident_response import (
    IncidentResponse,
    IncidentResponseRow,
)
from trygnet_gateway.reporting.types.national import NationalOverview, NationalTable
from trygnet_gateway.reporting.types.network import CollaborationNetwork
from trygnet_gateway.reporting.types.outcomes import Outcomes
from trygnet_gateway.reporting.types.safety_walks import SafetyWalkReport
from trygnet_gateway.shared_reads import read_once

# -- root ----------------------------------------------------------------------------


@strawberry.type
class Query:
    @strawberry.field(description="Who is active (in an area), what they do, whom to call.")
    async def directory(
        self,
        info: Info,
        area_id: AreaId = None,
        level: LevelFilter = None,
        theme: ThemeFilter = None,
        sector: SectorFilter = None,
        at_least: AtLeast = None,
    ) -> Directory:
        params = {"level": level, "theme": theme, "sector": sector}
        found_ = await report(info, "/directory", area_id=area_id, at_least=at_least, params=params)
        return Directory.of(found_)

    @strawberry.field(description="The collaboration network of the actors (in an area).")
    async def collaboration_network(
        self, info: Info, area_id: AreaId = None, at_least: AtLeast = None
    ) -> CollaborationNetwork:
        found_ = await report(info, "/network", area_id=area_id, at_least=at_least)
        return CollaborationNetwork.of(found_)

    @strawberry.field(description="Activities that reach the same young people, not together.")
    async def coordination_gaps(
        self, info: Info, area_id: AreaId = None, at_least: AtLeast = None
    ) -> list[CoordinationGap]:
        found_ = await report(info, "/gaps", area_id=area_id, at_least=at_least)
        return [CoordinationGap.of(gap) for gap in found_["gaps"]]

    @strawberry.field(description="How fast the partners act together after incidents.")
    async def incident_response(
        self,
        info: Info,
        area_id: AreaId = None,
        from_: From = None,
        to: To = None,
        as_of: AsOf = None,
        at_least: AtLeast = None,
    ) -> IncidentResponse:
        params = {"from": from_, "to": to, "asOf": as_of}
        found_ = await report(
            info, "/incident-response", area_id=area_id, at_least=at_least, params=params
        )
        incidents = [IncidentResponseRow.of(r) for r in found_["incidents"]]
        return of_answer(IncidentResponse, found_, incidents=incidents)

    @strawberry.field(description="Safety walks' findings and the actions they led to.")
    async def safety_walk_report(
        self,
        info: Info,
        area_id: AreaId = None,
        as_of: AsOf = None,
        at_least: AtLeast = None,
    ) -> SafetyWalkReport:
        params = {"asOf": as_of}
        found_ = await report(
            info, "/safety-walks", area_id=area_id, at_least=at_least, params=params
        )
        return SafetyWalkReport.of(found_)

    @strawberry.field(description="Safety index, incidents per month, strategy and indicators.")
    async def outcomes(
        self,
        info: Info,
        area_id: AreaId = None,
        from_: From = None,
        to: To = None,
        at_least: AtLeast = None,
    ) -> Outcomes:
        params = {"from": from_, "to": to}
        found_ = await report(info, "/outcomes", area_id=area_id, at_least=at_least, params=params)
        return Outcomes.of(found_)

    @strawberry.field(
        description="The national tables for one calendar quarter that is over (national "
        "bodies only): `from` its first month, `to` its last, either alone, or neither "
        "for the latest quarter that is over. Anything else is BAD_USER_INPUT."
    )
    async def national_overview(
        self, info: Info, from_: From = None, to: To = None
    ) -> NationalOverview:
        listed = await read_once(info, "reporting", "/national")
        period = [(k, v) for k, v in (("from", from_), ("to", to)) if v is not None]
        tables = await asyncio.gather(
            *(
                read_once(info, "reporting", f"/national/{t['table']}", period)
                for t in listed["tables"]
            )
        )
        first = tables[0] if tables else {}
        return NationalOverview(
            since=first.get("from", from_),
            until=first.get("to", to),
            period=first.get("period"),
            tables=[NationalTable.of(t) for t in tables],
        )
