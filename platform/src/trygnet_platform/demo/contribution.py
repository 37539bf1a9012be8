"""What Tingbjerg-Husum's partners put in, in the demo: the hours, budget and
participants of its activities, Copenhagen's hourly rate, and a relationship-survey
wave in which two dozen actors rate the others they work with (so the collaboration
network shows survey ties beside the observed ones, some of them ties no shared
activity or forum shows).

Deterministic: every figure comes from the activity's title or the actors' keys
through a seeded generator, so every run looks alike."""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from typing import Any

from trygnet_platform.demo.world import ActivityPlan, ActorPlan, ForumPlan

HOURLY_RATE = 425.0
"""DKK an hour of the partners' work costs in Copenhagen (the demo's figure)."""

TRUST = ("openness", "reliability", "sharedMission")
VALUE = ("powerAndInfluence", "resourceContribution", "levelOfInvolvement")
INTENSITIES = ("AWARENESS", "COOPERATION", "COORDINATION", "INTEGRATION")


@dataclass(frozen=True)
class RatingPlan:
    actor: str
    intensity: str
    trust: tuple[int, int, int]
    value: tuple[int, int, int]


@dataclass(frozen=True)
class SurveyPlan:
    """A relationship-survey wave: each respondent's ratings of others (actor keys)."""

    title: str
    opened_on: str
    responses: tuple[tuple[str, tuple[RatingPlan, ...]], ...]
    closed: bool = True


def costed(activity: ActivityPlan, seed: int = 2026) -> ActivityPlan:
    """The activity with hours, a budget and participants reached, as its owner would
    declare them (a planned activity has reached nobody yet)."""
    draw = random.Random(f"{seed}:{activity.title}")
    hours = draw.randrange(80, 1600, 20)
    participants = None if activity.status == "PLANNED" else draw.randrange(12, 240)
    return dataclasses.replace(
        activity,
        hours=hours,
        budget=draw.randrange(0, 600_000, 5_000),
        participants=participants,
    )


def survey(
    actors: tuple[ActorPlan, ...],
    activities: tuple[ActivityPlan, ...],
    fora: tuple[ForumPlan, ...],
    seed: int = 2026,
) -> SurveyPlan:
    """Every fourth actor answers: it rates three to five actors it works with (higher
    trust where they share an activity or forum) and one it only knows of."""
    draw = random.Random(seed)
    together: dict[str, set[str]] = {a.key: set() for a in actors}
    groups = [
        *({a.owner, *a.partners} for a in activities),
        *({f.owner, *f.members} for f in fora),
    ]
    for members in groups:
        for key in members:
            together.setdefault(key, set()).update(members - {key})
    keys = [a.key for a in actors]
    responses = []
    for respondent in keys[::4]:
        known = sorted(together[respondent])
        rated = draw.sample(known, min(len(known), draw.randint(3, 5)))
        outside = sorted(set(keys) - set(known) - {respondent})
        if outside:
            rated.append(draw.choice(outside))
        ratings = tuple(_rating(draw, actor, actor in together[respondent]) for actor in rated)
        if ratings:
            responses.append((respondent, ratings))
    return SurveyPlan("PARTNER-undersøgelse 2026", "2026-09-01", tuple(responses))


def _rating(draw: random.Random, actor: str, works_with: bool) -> RatingPlan:
    low = 2 if works_with else 1
    scores = [draw.randint(low, 4) for _ in range(6)]
    return RatingPlan(
        actor,
        draw.choice(INTENSITIES[1:] if works_with else INTENSITIES[:1]),
        (scores[0], scores[1], scores[2]),
        (scores[3], scores[4], scores[5]),
    )


async def write_survey(writer: Any, plan: SurveyPlan) -> None:
    """Open the wave, record every response, close it (``writer``: ``WorldWriter``)."""
    loader = writer.loader
    opened = await loader.mutate(
        "openSurveyWave", {"title": plan.title, "openedOn": plan.opened_on}, "surveyWave { id }"
    )
    wave = opened["surveyWave"]["id"]
    for respondent, ratings in plan.responses:
        await loader.mutate(
            "recordSurveyResponse",
            {
                "waveId": wave,
                "respondentActorId": writer.actor[respondent],
                "ratings": [
                    {
                        "actorId": writer.actor[r.actor],
                        "intensity": r.intensity,
                        "trust": dict(zip(TRUST, r.trust, strict=True)),
                        "value": dict(zip(VALUE, r.value, strict=True)),
                    }
                    for r in ratings
                ],
            },
        )
    if plan.closed:
        await loader.mutate("closeSurveyWave", {"waveId": wave})


async def write_rate(writer: Any, rate: float) -> None:
    await writer.loader.mutate("setHourlyRate", {"rate": rate})
