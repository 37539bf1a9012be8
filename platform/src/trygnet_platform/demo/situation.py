"""Tingbjerg-Husum's weekly situation picture in the demo: eight weeks of observations by
the trained reporters (the housing association's caretakers, the local police, SSP and
the night ravens), with a hot spot that grows (the pedestrian tunnel by Ruten) and a
week whose picture led to decisions, one of them done, one still open and one from
an earlier week overdue.

The observations go in as one CSV import (the way reporters' weekly lists arrive), and
two as single filings with a description. Deterministic: a seeded generator draws
the weeks' observations, so every run looks alike."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from trygnet_core.weeks import monday, shifted
from trygnet_platform.demo.load import LoadFailed

FIRST_WEEK = "2026-W41"
WEEKS = 8
DECIDED_WEEK = "2026-W48"
"""The week whose picture the partnership read and decided on (the last of the eight)."""
HOT_SPOT = "Gangtunnelen ved Ruten"
PLACES = (
    "Tingbjerg Torv",
    "Opgangen Ruten 5",
    "Husumvold parkeringsplads",
    "Stien langs Utterslev Mose",
    "Skolegården ved Tingbjerg Skole",
    "Cykelkælderen, Ruten 12",
)
CATEGORIES = (
    "VANDALISM",
    "GRAFFITI",
    "FIRE",
    "LITTERING",
    "DRUG_DEALING",
    "LOITERING_GROUPS",
    "THREATS_OR_HARASSMENT",
    "UNSAFE_PLACE",
    "OTHER",
)
REPORTERS = ("ejendomskontor", "fsb", "nærpoliti", "ssp", "natteravne", "opsøgende")

IMPORT = """
mutation($input: ImportObservationsInput!) {
  importObservations(input: $input) {
    written observationsFiled positions errors { line column reason }
  }
}"""


@dataclass(frozen=True)
class ObservationPlan:
    category: str
    place: str
    observed_at: str
    reporter: str
    description: str | None = None


@dataclass(frozen=True)
class DecisionPlan:
    week: str
    action: str
    owner: str
    due: str
    done: bool = False


@dataclass(frozen=True)
class SituationPlan:
    area: str
    observations: tuple[ObservationPlan, ...]
    decisions: tuple[DecisionPlan, ...]


def plan(area: str, seed: int = 2026) -> SituationPlan:
    """Three to six observations a week about the area's places; the tunnel by Ruten is
    seen more and more often in the last four weeks (graffiti, groups, drug dealing)."""
    draw = random.Random(f"{seed}:situation")
    found: list[ObservationPlan] = []
    for n in range(WEEKS):
        week = shifted(FIRST_WEEK, n)
        for _ in range(draw.randint(3, 6)):
            found.append(_drawn(draw, week, draw.choice(PLACES), draw.choice(CATEGORIES)))
        for _ in range(max(0, n - 3)):  # the hot spot: 1, 2, 3 and 4 a week at the end
            category = draw.choice(("GRAFFITI", "LOITERING_GROUPS", "DRUG_DEALING"))
            found.append(_drawn(draw, week, HOT_SPOT, category))
    found.append(
        ObservationPlan(
            "THREATS_OR_HARASSMENT",
            HOT_SPOT,
            f"{monday(DECIDED_WEEK) + timedelta(days=4)}T22:15:00+01:00",
            "natteravne",
            "A group of six shouted at two women walking home; one of them knew the women.",
        )
    )
    found.append(
        ObservationPlan(
            "UNSAFE_PLACE",
            HOT_SPOT,
            f"{monday(DECIDED_WEEK) + timedelta(days=2)}T17:30:00+01:00",
            "ejendomskontor",
            "Two of the four lamps in the tunnel are out again.",
        )
    )
    return SituationPlan(area, tuple(found), _decisions())


def _drawn(draw: random.Random, week: str, place: str, category: str) -> ObservationPlan:
    day = monday(week) + timedelta(days=draw.randrange(7))
    at = f"{day.isoformat()}T{draw.randrange(15, 24):02d}:{draw.randrange(0, 60, 5):02d}:00+01:00"
    return ObservationPlan(category, place, at, draw.choice(REPORTERS))


def _decisions() -> tuple[DecisionPlan, ...]:
    friday = monday(DECIDED_WEEK) + timedelta(days=4)
    earlier = shifted(DECIDED_WEEK, -2)
    return (
        DecisionPlan(
            earlier, "Beskær buskene ved stien langs mosen", "kk-tmf", _day(monday(earlier), 4)
        ),
        DecisionPlan(DECIDED_WEEK, "Ny belysning i gangtunnelen", "fsb", _day(friday, 14)),
        DecisionPlan(
            DECIDED_WEEK, "Fjern graffiti i gangtunnelen", "ejendomskontor", _day(friday, 0), True
        ),
        DecisionPlan(
            DECIDED_WEEK,
            "Gadeplansarbejde i tunnelen fredag og lørdag aften",
            "opsøgende",
            _day(friday, 7),
        ),
    )


def _day(start: date, days: int) -> str:
    return (start + timedelta(days=days)).isoformat()


async def write_situation(writer: Any, situation: SituationPlan) -> None:
    """The observations (one CSV import, two filed one by one with a description), then
    the decisions and their follow-up (``writer``: ``WorldWriter``)."""
    loader = writer.loader
    area = writer.area[situation.area]
    plain = [o for o in situation.observations if o.description is None]
    answer = await loader.send(IMPORT, "incidents", input={"csv": _csv(writer, area, plain)})
    imported = (answer.get("data") or {}).get("importObservations")
    if answer.get("errors") or not imported or not imported["written"]:
        raise LoadFailed(f"importObservations: {answer.get('errors') or imported}")
    for position in imported["positions"]:
        loader.wrote(position)
    for seen in situation.observations:
        if seen.description is not None:
            await loader.mutate(
                "fileObservation",
                {
                    "category": seen.category,
                    "areaId": area,
                    "place": seen.place,
                    "observedAt": seen.observed_at,
                    "reportingActorId": writer.actor[seen.reporter],
                    "description": seen.description,
                },
            )
    for decision in situation.decisions:
        where = {"areaId": area, "week": decision.week}
        made = await loader.mutate(
            "recordSituationDecision",
            {
                **where,
                "action": decision.action,
                "ownerActorId": writer.actor[decision.owner],
                "due": decision.due,
            },
            "decision { id }",
        )
        if decision.done:
            await loader.mutate(
                "changeSituationDecisionStatus",
                {**where, "decisionId": made["decision"]["id"], "status": "DONE"},
            )


def _csv(writer: Any, area: str, observations: list[ObservationPlan]) -> str:
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(("category", "area", "place", "observed_at", "reporting_actor"))
    for seen in observations:
        rows.writerow(
            (
                seen.category.lower(),
                area,
                seen.place,
                seen.observed_at,
                writer.actor[seen.reporter],
            )
        )
    return out.getvalue()
