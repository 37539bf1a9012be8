"""The Practice aggregate: an activity one municipality shares with all the others.

Rules: only a coordinator shares or withdraws (the handler checks roles); only an
activity of the municipality is shared; sharing is a snapshot of ``SHARED_FIELDS``
and nothing else of the activity (no areas, dates, focus areas, status, incident or
actor ids); the partners' sectors always go, their names only when chosen; the
results are the indicators of the focus areas the activity serves, each with its
latest value; a contact is an organisation to call (the owner or a partner), only
when chosen; no personal data enters a practice (no contact person, no free text
that is sealed); sharing what is already shared is no change, sharing a changed
activity again refreshes the snapshot; only a shared practice is withdrawn.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from trygnet_activities.domain.activity import Activity
from trygnet_activities.domain.exchange_commands import SharePractice, WithdrawPractice
from trygnet_activities.domain.exchange_events import PracticeShared, PracticeWithdrawn
from trygnet_core.aggregate import folding
from trygnet_core.errors import BadUserInput, Forbidden, NotFound
from trygnet_core.events import DomainEvent

PracticeCommand = SharePractice | WithdrawPractice

SHARED_FIELDS: Final = tuple(
    f.name
    for f in dataclasses.fields(PracticeShared)
    if f.name not in ("practice_id", "activity_id")
)
"""What a practice shows another municipality: these fields and the sharing
municipality's name, nothing else."""

PREFIX: Final = "practice-"


def practice_id(activity_id: str) -> str:
    """An activity is shared as one practice, whose stream is named after it."""
    return f"{PREFIX}{activity_id}"


@dataclass(frozen=True)
class Organisation:
    """An actor as a practice may show it: its name and sector, never its people."""

    name: str
    sector: str


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator of the strategy and its latest value overall (none yet: ``None``)."""

    focus_area_id: str
    name: str
    unit: str
    direction: str
    target: float | None = None
    value: float | None = None
    period: str | None = None


@dataclass(frozen=True)
class Sources:
    """What the handler looked up for one share: the activity (``None``: not in the
    municipality), the organisations it names and the strategy's indicators."""

    activity: Activity | None = None
    organisations: Mapping[str, Organisation] = dataclasses.field(default_factory=dict)
    indicators: tuple[IndicatorResult, ...] = ()


@dataclass(frozen=True)
class Practice:
    practice_id: str
    activity_id: str
    shared: PracticeShared | None = None
    """The snapshot other municipalities see; ``None`` once withdrawn."""


def evolve(state: Practice | None, event: DomainEvent) -> Practice | None:
    match event:
        case PracticeShared():
            return Practice(event.practice_id, event.activity_id, shared=event)
        case PracticeWithdrawn() if state is not None:
            return dataclasses.replace(state, shared=None)
    return state


fold = folding(evolve)


def decide(
    command: PracticeCommand, state: Practice | None, *, sources: Sources = Sources()
) -> list[DomainEvent]:
    match command:
        case SharePractice():
            shared = snapshot(command, sources)
            return [] if state is not None and state.shared == shared else [shared]
        case WithdrawPractice():
            if state is None or state.shared is None:
                raise NotFound("no shared practice of that activity", field="activityId")
            return [PracticeWithdrawn(practice_id=state.practice_id, activity_id=state.activity_id)]
    raise TypeError(f"not a practice command: {command!r}")


def snapshot(command: SharePractice, sources: Sources) -> PracticeShared:
    """The shared fields of the activity, as the coordinator chose to share them."""
    activity = sources.activity
    if activity is None or activity.activity_id != command.activity_id:
        raise NotFound("no activity with that id", field="activityId")
    involved = dict.fromkeys((activity.owner_actor_id, *sorted(activity.partners)))
    known = sorted(
        (sources.organisations[a] for a in involved if a in sources.organisations),
        key=lambda o: (o.name.casefold(), o.sector),
    )
    served = set(activity.focus_areas)
    return PracticeShared(
        practice_id=practice_id(activity.activity_id),
        activity_id=activity.activity_id,
        title=activity.title,
        description=activity.description,
        themes=tuple(sorted(activity.themes)),
        target_group=activity.target_group,
        target_age_from=activity.target_age_from,
        target_age_to=activity.target_age_to,
        partner_sectors=tuple(sorted({o.sector for o in known})),
        partners=tuple(
            {"name": o.name, "sector": o.sector} for o in known if command.name_partners
        ),
        hours=activity.hours,
        budget=activity.budget,
        results=tuple(
            {
                "indicator": i.name,
                "unit": i.unit,
                "direction": i.direction,
                "target": i.target,
                "value": i.value,
                "period": i.period,
            }
            for i in sources.indicators
            if i.focus_area_id in served
        ),
        contact=_contact(command.contact_actor_id, activity, sources),
    )


def _contact(chosen: str | None, activity: Activity, sources: Sources) -> dict[str, str] | None:
    if not chosen:
        return None
    if chosen != activity.owner_actor_id and chosen not in activity.partners:
        raise BadUserInput(
            "the contact is the activity's owner or one of its partners", field="contactActorId"
        )
    found = sources.organisations.get(chosen)
    if found is None:
        raise BadUserInput("no actor with that id", field="contactActorId")
    return {"name": found.name, "sector": found.sector}


def may_share(roles: Iterable[str]) -> None:
    """Sharing lets something out of the municipality: its coordinator decides, no one else
    (not a partner, not an integration client, not a national body)."""
    if "coordinator" not in set(roles):
        raise Forbidden("only the municipality's coordinator shares or withdraws a practice")
