"""The collaboration network (``/network``): the drawing (``static/js/network.js``
reads the data island this page writes), the same scores in a table sorted on the
server (so sorting works without JavaScript and the table stays the one source a
screen reader needs), the same as CSV, and survey ties beside observed ones."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Final

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.client.fragments import Pair
from trygnet_portal.client.network import (
    NetworkCollaborationNetwork,
    NetworkCollaborationNetworkNodes,
)
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.i18n import Words
from trygnet_portal.pages.filters import SECTORS, Filters, with_areas
from trygnet_portal.web import PortalDep, SignedIn

router = APIRouter()
COLUMNS: Final = ("name", "sector", "degree", "weighted", "betweenness", "closeness")
SECTOR_COLOURS: Final = {
    "MUNICIPALITY": "#1a5d9e",
    "POLICE": "#0b2e59",
    "HOUSING_ASSOCIATION": "#b35900",
    "SCHOOL": "#2f7d32",
    "SSP": "#7b3fa0",
    "HEALTH": "#c2185b",
    "CIVIL_SOCIETY": "#00796b",
    "BUSINESS": "#6d4c41",
    "HOME_GUARD": "#5f6b2b",
    "OTHER": "#5a5a5a",
}
"""One colour per sector, each with 4.5:1 or more against white (the legend's text)."""


@dataclass(frozen=True)
class Sort:
    column: str = "betweenness"
    descending: bool = True

    @classmethod
    def of(cls, request: Request) -> Sort:
        column = request.query_params.get("sort", "betweenness")
        if column not in COLUMNS:
            column = "betweenness"
        default = "asc" if column in ("name", "sector") else "desc"
        return cls(column, request.query_params.get("dir", default) == "desc")

    def key(self, node: NetworkCollaborationNetworkNodes) -> Any:
        return {
            "name": (node.actor.name if node.actor else "").casefold(),
            "sector": node.actor.sector.value if node.actor else "",
            "degree": node.degree,
            "weighted": node.weighted_degree,
            "betweenness": node.betweenness,
            "closeness": node.closeness,
        }[self.column]


def _name(node: NetworkCollaborationNetworkNodes) -> str:
    return node.actor.name if node.actor else "?"


def drawing(network: NetworkCollaborationNetwork) -> dict[str, Any]:
    """What ``network.js`` draws: only what the table shows too."""
    nodes = [
        {
            "id": node.actor.id,
            "label": node.actor.name,
            "sector": node.actor.sector.value,
            "colour": SECTOR_COLOURS[node.actor.sector.value],
            "betweenness": node.betweenness,
            "broker": node.is_broker,
            "isolate": node.is_isolate,
            "articulation": node.is_articulation_point,
        }
        for node in network.nodes
        if node.actor is not None
    ]
    known = {node["id"] for node in nodes}
    edges = [
        {"source": e.source, "target": e.target, "weight": e.weight}
        for e in network.edges
        if e.source in known and e.target in known
    ]
    return {"nodes": nodes, "edges": edges}


def _pair(one: str, other: str) -> tuple[str, str]:
    return (one, other) if one <= other else (other, one)


def survey_pairs(network: NetworkCollaborationNetwork) -> dict[str, list[tuple[str, str]]] | None:
    if network.survey is None:
        return None
    names = {node.actor.id: node.actor.name for node in network.nodes if node.actor}
    kinds: dict[str, list[Pair]] = {
        "both": network.survey.both,
        "survey_only": network.survey.survey_only,
        "observed_only": network.survey.observed_only,
    }
    return {
        kind: sorted(_pair(names.get(p.source, "?"), names.get(p.target, "?")) for p in pairs)
        for kind, pairs in kinds.items()
    }


@router.get("/network")
async def network_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    sort = Sort.of(request)
    asked = person.gateway.network(area_id=filters.area)
    areas, answer = await with_areas(person.gateway, "part.network", asked)
    network = answer if isinstance(answer, Failure) else answer.collaboration_network
    context: dict[str, Any] = {"network": network, "areas": areas, "filters": filters}
    if not isinstance(network, Failure):
        context |= {
            "nodes": sorted(network.nodes, key=sort.key, reverse=sort.descending),
            "drawing": drawing(network),
            "survey": survey_pairs(network),
            "colours": SECTOR_COLOURS,
            "sectors": [
                s for s in SECTORS if any(n.actor and n.actor.sector == s for n in network.nodes)
            ],
        }
    return portal.render_page(
        request, "network", target="scores", part="network_table.html", sort=sort, **context
    )


def scores_csv(words: Words, network: NetworkCollaborationNetwork) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "actor_id",
            "actor",
            "sector",
            "ties",
            "weighted_ties",
            "betweenness",
            "closeness",
            "broker",
            "isolate",
            "articulation_point",
        ]
    )
    for node in sorted(network.nodes, key=lambda n: -n.betweenness):
        writer.writerow(
            [
                node.actor.id if node.actor else "",
                _name(node),
                words.label("sector", node.actor.sector) if node.actor else "",
                node.degree,
                node.weighted_degree,
                f"{node.betweenness:.4f}",
                f"{node.closeness:.4f}",
                node.is_broker,
                node.is_isolate,
                node.is_articulation_point,
            ]
        )
    return out.getvalue()


@router.get("/network.csv")
async def network_csv(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    answer = await ask("part.network", person.gateway.network(area_id=filters.area))
    if isinstance(answer, Failure):
        return portal.render(request, "error.html", status_code=503, failure=answer)
    return Response(
        scores_csv(person.words, answer.collaboration_network),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="trygnet-network.csv"'},
    )
