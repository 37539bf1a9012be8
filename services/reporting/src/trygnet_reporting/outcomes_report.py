"""The outcomes report and the periods it is read by: safety-index results with their
sample and 95 % Wilson interval, incidents per area and month, activities per focus
area of the strategy and measurements against their targets, kept to the months a
period (``2026``, ``2026-Q3``, ``2026-09``) or a ``since``..``until`` range covers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.tenancy import TenantId
from trygnet_reporting.queries import docs_of, in_area

Z_95 = 1.959964


def months_of(period: str) -> tuple[str, str]:
    """The first and last month of a period: ``2026``, ``2026-Q3`` or ``2026-09``."""
    year, _, part = period.partition("-")
    if not part:
        return f"{year}-01", f"{year}-12"
    if part.upper().startswith("Q"):
        last = 3 * int(part[1:])
        return f"{year}-{last - 2:02}", f"{year}-{last:02}"
    return period[:7], period[:7]


def in_months(first: str | None, last: str | None, since: str | None, until: str | None) -> bool:
    """Whether months ``first``..``last`` (``None``: open) meet ``since``..``until``."""
    return (since is None or last is None or last >= since) and (
        until is None or first is None or first <= until
    )


def runs_in(activity: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    """Whether an activity runs in months ``since``..``until`` (by its start and end; a
    missing one is open)."""
    start, end = (activity["start"] or "")[:7] or None, (activity["end"] or "")[:7] or None
    return in_months(start, end, since, until)


def wilson(percent: float, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of a share given in per cent, in per cent."""
    if n <= 0:
        return None
    p = percent / 100
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half) * 100, 1), round(min(1.0, centre + half) * 100, 1)


async def outcomes(
    conn: AsyncConnection,
    tenant: TenantId,
    *,
    area: str | None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """Safety-index results with their sample and confidence interval; incidents per area
    per month; activities per focus area of the strategy; measurements against targets.

    ``since`` and ``until`` (months, inclusive) keep the results and measurements whose
    period meets them, the incidents that occurred in them and the activities running
    in them (by their start and end; a missing one is open)."""

    def meets(period: str) -> bool:
        return in_months(*months_of(period), since, until)

    results = []
    for result in await docs_of(conn, tenant, "safety-index"):
        if (area is None or result["areaId"] == area) and meets(result["period"]):
            interval = wilson(result["feelingSafe"], result["respondents"])
            results.append(
                {
                    **result,
                    "responseRate": round(100 * result["respondents"] / result["invited"], 1)
                    if result["invited"]
                    else None,
                    "feelingSafeInterval": list(interval) if interval else None,
                }
            )
    results.sort(key=lambda r: (r["areaId"], r["period"]))
    per_month: Counter[tuple[str, str]] = Counter(
        (i["areaId"], i["occurredAt"][:7])
        for i in await docs_of(conn, tenant, "incident")
        if (area is None or i["areaId"] == area)
        and in_months(i["occurredAt"][:7], i["occurredAt"][:7], since, until)
    )
    strategies = await docs_of(conn, tenant, "strategy")
    strategy = strategies[0] if strategies else {"title": None, "focusAreas": {}, "indicators": {}}
    activities = [
        g
        for g in await docs_of(conn, tenant, "group")
        if g["kind"] == "activity" and runs_in(g, since, until)
    ]
    per_focus = {
        focus: {
            "focusAreaId": focus,
            "title": title,
            "activities": sum(
                1 for g in activities if focus in g["focusAreas"] and in_area(g, area)
            ),
            "active": sum(
                1
                for g in activities
                if focus in g["focusAreas"] and g["status"] == "active" and in_area(g, area)
            ),
        }
        for focus, title in strategy["focusAreas"].items()
    }
    measurements = await docs_of(conn, tenant, "measurement")
    indicators = []
    for indicator_id, indicator in strategy["indicators"].items():
        found = sorted(
            (
                m
                for m in measurements
                if m["indicatorId"] == indicator_id
                and (area is None or m["areaId"] in (None, area))
                and meets(m["period"])
            ),
            key=lambda m: (m["period"], m["areaId"] or ""),
        )
        latest = found[-1] if found else None
        indicators.append(
            {
                "indicatorId": indicator_id,
                **indicator,
                "measurements": found,
                "latest": latest["value"] if latest else None,
                "onTarget": _on_target(indicator, latest["value"]) if latest else None,
            }
        )
    return {
        "areaId": area,
        "strategy": strategy["title"],
        "safetyIndex": results,
        "incidentsPerMonth": [
            {"areaId": a, "month": m, "incidents": n} for (a, m), n in sorted(per_month.items())
        ],
        "activitiesPerFocusArea": list(per_focus.values()),
        "indicators": indicators,
    }


def _on_target(indicator: Mapping[str, Any], value: float) -> bool | None:
    target = indicator.get("target")
    if target is None:
        return None
    return bool(value >= target if indicator["direction"] == "increase" else value <= target)
