"""The reporting domain's root fields: queries, mutations (one command each) and subscriptions."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry

from trygnet_gateway.actors.types import LevelFilter, SectorFilter, ThemeFilter
from trygnet_gateway.context import Info
from trygnet_gateway.reporting.reads import AsOf, From, To
from trygnet_gateway.reporting.report_fields import report_field
from trygnet_gateway.reporting.types.directory import Directory
from trygnet_gateway.reporting.types.gaps import CoordinationGap
from trygnet_gateway.reporting.types.incident_response import IncidentResponse
from trygnet_gateway.reporting.types.national import NationalOverview, NationalTable
from trygnet_gateway.reporting.types.network import CollaborationNetwork
from trygnet_gateway.reporting.types.outcomes import Outcomes
from trygnet_gateway.reporting.types.safety_walks import SafetyWalkReport
from trygnet_gateway.shared_reads import read_once

# -- root ----------------------------------------------------------------------------


def _gaps(found: dict[str, Any]) -> list[CoordinationGap]:
    return [CoordinationGap.of(gap) for gap in found["gaps"]]


@strawberry.type
class Query:
    directory = report_field(
        "/directory",
        Directory.of,
        Directory,
        "Who is active (in an area), what they do, whom to call.",
        level=LevelFilter,
        theme=ThemeFilter,
        sector=SectorFilter,
    )
    collaboration_network = report_field(
        "/network",
        CollaborationNetwork.of,
        CollaborationNetwork,
        "The collaboration network of the actors (in an area).",
    )
    coordination_gaps = report_field(
        "/gaps",
        _gaps,
        list[CoordinationGap],
        "Activities that reach the same young people, not together.",
    )
    incident_response = report_field(
        "/incident-response",
        IncidentResponse.of,
        IncidentResponse,
        "How fast the partners act together after incidents.",
        from_=From,
        to=To,
        as_of=AsOf,
    )
    safety_walk_report = report_field(
        "/safety-walks",
        SafetyWalkReport.of,
        SafetyWalkReport,
        "Safety walks' findings and the actions they led to.",
        as_of=AsOf,
    )
    outcomes = report_field(
        "/outcomes",
        Outcomes.of,
        Outcomes,
        "Safety index, incidents per month, strategy and indicators.",
        from_=From,
        to=To,
    )

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
