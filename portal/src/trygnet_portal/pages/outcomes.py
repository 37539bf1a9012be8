"""Strategy and outcomes (``/outcomes``): the joint strategy's focus areas with the
activities serving each and their indicators against their targets; the safety
index per year with its respondents and Wilson interval; incidents per month.

Every chart is drawn by ``static/js/charts.js`` with Observable Plot from the page's
data island, which holds exactly the figures of the table printed beside it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.client.areas import Areas
from trygnet_portal.client.outcomes import OutcomesOutcomes
from trygnet_portal.gateway import Failure
from trygnet_portal.i18n import Words
from trygnet_portal.pages.filters import Filters, with_areas
from trygnet_portal.web import PortalDep, SignedIn

router = APIRouter()


def _area_names(areas: Areas | Failure) -> dict[str, str]:
    return {} if isinstance(areas, Failure) else {area.id: area.name for area in areas.areas}


def charts(words: Words, outcomes: OutcomesOutcomes, names: dict[str, str]) -> dict[str, Any]:
    """What ``charts.js`` draws, by chart id: the same figures as the tables."""
    drawn: dict[str, Any] = {}
    for indicator in outcomes.indicators:
        drawn[f"indicator-{indicator.indicator_id}"] = {
            "kind": "line",
            "label": indicator.unit,
            "target": indicator.target,
            "targetLabel": words("outcomes.target"),
            "points": [
                {"x": m.period, "y": m.value, "series": area_name(words, names, m.area_id)}
                for m in sorted(indicator.measurements, key=lambda m: (m.period, m.area_id or ""))
            ],
        }
    drawn["safety-index"] = {
        "kind": "interval",
        "label": words("outcomes.feeling_safe_percent"),
        "points": [
            {
                "x": row.period,
                "series": area_name(words, names, row.area_id),
                "y": round(100 * row.feeling_safe, 1),
                "low": round(100 * row.feeling_safe_interval.low, 1)
                if row.feeling_safe_interval
                else None,
                "high": round(100 * row.feeling_safe_interval.high, 1)
                if row.feeling_safe_interval
                else None,
            }
            for row in sorted(outcomes.safety_index, key=lambda r: (r.period, r.area_id))
        ],
    }
    drawn["incidents"] = {
        "kind": "bars",
        "label": words("outcomes.incidents_axis"),
        "points": [{"x": month, "y": count} for month, count in per_month(outcomes)],
    }
    return drawn


def area_name(words: Words, names: dict[str, str], area_id: str | None) -> str:
    if area_id is None:
        return words("outcomes.whole_municipality")
    return names.get(area_id, words("unknown"))


def per_month(outcomes: OutcomesOutcomes) -> list[tuple[str, int]]:
    """Incidents per month, every area together, in order of the months."""
    months: dict[str, int] = defaultdict(int)
    for row in outcomes.incidents_per_month:
        months[row.month] += row.incidents
    return sorted(months.items())


@router.get("/outcomes")
async def outcomes_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    asked = person.gateway.outcomes(area_id=filters.area)
    areas, found = await with_areas(person.gateway, "part.outcomes", asked)
    names = _area_names(areas)
    context: dict[str, Any] = {"areas": areas, "filters": filters, "found": found, "names": names}
    if not isinstance(found, Failure):
        outcomes = found.outcomes
        context |= {
            "outcomes": outcomes,
            "charts": charts(person.words, outcomes, names),
            "months": per_month(outcomes),
            "indicators_of": {
                focus.focus_area_id: [
                    i for i in outcomes.indicators if i.focus_area_id == focus.focus_area_id
                ]
                for focus in outcomes.activities_per_focus_area
            },
            "cost_of": {focus.focus_area_id: focus for focus in outcomes.cost.focus_areas},
        }
    return portal.render(request, "outcomes.html", **context)
