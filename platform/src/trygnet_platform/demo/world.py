"""A municipality's demo world as a plan: plain frozen dataclasses, no I/O.

Plans refer to one another by keys (an actor's key is also its external id in the
municipality's system), never by the platform's ids, which the loader learns as it
writes (``load.py``). The same plan always loads the same world."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trygnet_platform.demo.contribution import SurveyPlan
    from trygnet_platform.demo.situation import SituationPlan

Keys = tuple[str, ...]


@dataclass(frozen=True)
class AreaPlan:
    key: str
    name: str
    kind: str = "HOUSING_AREA"
    population: int | None = None


@dataclass(frozen=True)
class ContactPlan:
    """A person to call at an actor; every name is invented."""

    name: str
    title: str
    email: str = ""
    legal_basis: str = "PUBLIC_TASK"


@dataclass(frozen=True)
class ActorPlan:
    key: str
    name: str
    sector: str
    levels: Keys
    themes: Keys = ("YOUTH",)
    areas: Keys | None = None
    """Area keys; ``None``: every area of the municipality."""
    contact: ContactPlan | None = None


@dataclass(frozen=True)
class ActivityPlan:
    title: str
    owner: str
    level: str
    themes: Keys
    ages: tuple[int, int] | None = None
    partners: Keys = ()
    areas: Keys | None = None
    """Area keys; ``None``: the municipality's first area."""
    start: str = "2026-01-05"
    focus_areas: Keys = ()
    status: str = "ACTIVE"
    hours: int | None = None
    budget: int | None = None
    participants: int | None = None
    """The participants reached, recorded with its status."""


@dataclass(frozen=True)
class FollowUpPlan:
    description: str
    actor: str
    due: str
    done: bool = False


@dataclass(frozen=True)
class MeetingPlan:
    held_on: str
    attendees: Keys
    agenda: str
    decisions: str = ""
    follow_ups: tuple[FollowUpPlan, ...] = ()


@dataclass(frozen=True)
class ForumPlan:
    name: str
    owner: str
    level: str
    cadence: str
    members: Keys = field(default_factory=tuple)
    partnership: str | None = None
    """The key of the partnership it works under."""
    meetings: tuple[MeetingPlan, ...] = ()


@dataclass(frozen=True)
class PartnershipPlan:
    key: str
    name: str
    mandate: str
    authorised_by: str
    authorised_on: str
    coordinator: str
    members: tuple[tuple[str, str], ...] = ()
    """(actor key, role: a ``PartnerRole`` as the schema spells it) of each member
    beside the coordinator."""
    areas: Keys | None = None
    hours_per_year: int | None = None
    budget_per_year: int | None = None


@dataclass(frozen=True)
class EscalationRulePlan:
    key: str
    kind: str
    minimum_severity: int
    area: str | None
    """An area key; ``None``: any area."""
    actors: Keys


# -- the joint response to an incident: its steps, in order, on the incident's stream --


@dataclass(frozen=True)
class StatusStep:
    status: str
    at: str
    reason: str | None = None


@dataclass(frozen=True)
class RoleStep:
    actor: str
    role: str


@dataclass(frozen=True)
class TaskStep:
    key: str
    title: str
    assignee: str
    due: str
    priority: str = "NORMAL"


@dataclass(frozen=True)
class TaskDoneStep:
    task: str


@dataclass(frozen=True)
class EntryStep:
    key: str
    kind: str
    text: str
    author: str
    at: str
    pinned: bool = False


@dataclass(frozen=True)
class TacticalStep:
    author: str
    at: str
    conditions: str
    actions: str
    needs: str


@dataclass(frozen=True)
class FollowUpActivityStep:
    """An activity the response decided to start (the timeline entry ``decision``)."""

    decision: str
    activity: ActivityPlan


ResponseStep = (
    StatusStep
    | RoleStep
    | TaskStep
    | TaskDoneStep
    | EntryStep
    | TacticalStep
    | FollowUpActivityStep
)


@dataclass(frozen=True)
class IncidentPlan:
    kind: str
    severity: int
    area: str
    place: str
    occurred_at: str
    reported_at: str
    reporter: str
    summary: str
    response: tuple[ResponseStep, ...] = ()
    sensitivity: str = "OPEN"
    restricted_details: str | None = None


# -- safety walks --------------------------------------------------------------------


@dataclass(frozen=True)
class ActionPlan:
    owner: str
    deadline: str
    status: str = "OPEN"
    """OPEN, IN_PROGRESS, DONE or REJECTED (with a reason)."""
    reason: str | None = None


@dataclass(frozen=True)
class FindingPlan:
    kind: str
    place: str
    description: str
    action: ActionPlan | None = None


@dataclass(frozen=True)
class WalkPlan:
    key: str
    area: str
    walked_on: str
    route: str
    participants: Keys
    residents: int
    findings: tuple[FindingPlan, ...] = ()
    follows: str | None = None
    """The key of the earlier walk this one follows up."""


# -- the joint strategy and the safety index ------------------------------------------


@dataclass(frozen=True)
class MeasurementPlan:
    period: str
    value: float
    source: str
    area: str | None = None
    sample_size: int | None = None


@dataclass(frozen=True)
class IndicatorPlan:
    name: str
    unit: str
    direction: str
    target: float | None = None
    measurements: tuple[MeasurementPlan, ...] = ()


@dataclass(frozen=True)
class FocusAreaPlan:
    key: str
    title: str
    indicators: tuple[IndicatorPlan, ...] = ()


@dataclass(frozen=True)
class StrategyPlan:
    title: str
    focus_areas: tuple[FocusAreaPlan, ...] = ()


@dataclass(frozen=True)
class SafetyIndexPlan:
    """The police safety index for one area and period, in per cent."""

    area: str
    period: str
    feeling_safe: float
    feeling_unsafe: float
    respondents: int
    invited: int


@dataclass(frozen=True)
class World:
    """One municipality's demo world. ``partner`` is the actor the demo partner token works
    for: it owns some of the world (its activity, its contact, a task in the incident
    response) and not the rest, so what a partner may and may not do shows. The demo
    police token works for ``police``, the first police actor."""

    code: str
    municipality: str
    label: str
    """What the progress line calls it: the area the study counted, or the municipality."""
    areas: tuple[AreaPlan, ...]
    actors: tuple[ActorPlan, ...]
    strategy: StrategyPlan
    safety_index: tuple[SafetyIndexPlan, ...]
    partner: str | None = None
    partnerships: tuple[PartnershipPlan, ...] = ()
    fora: tuple[ForumPlan, ...] = ()
    activities: tuple[ActivityPlan, ...] = ()
    escalation: tuple[EscalationRulePlan, ...] = ()
    incidents: tuple[IncidentPlan, ...] = ()
    walks: tuple[WalkPlan, ...] = ()
    hourly_rate: float | None = None
    surveys: tuple[SurveyPlan, ...] = ()
    situation: SituationPlan | None = None
    """Observations of the weekly situation picture and the decisions taken on it."""

    def actor(self, key: str) -> ActorPlan:
        return next(a for a in self.actors if a.key == key)

    @property
    def police(self) -> str | None:
        return next((a.key for a in self.actors if a.sector == "POLICE"), None)

    def all_activities(self) -> tuple[ActivityPlan, ...]:
        """The activities, and those the incident responses start."""
        started = tuple(
            step.activity
            for incident in self.incidents
            for step in incident.response
            if isinstance(step, FollowUpActivityStep)
        )
        return (*self.activities, *started)

    def summary(self) -> str:
        """What the progress line says it holds."""
        meetings = sum(len(f.meetings) for f in self.fora)
        return ", ".join(
            _counted(n, one, many)
            for n, one, many in (
                (len(self.actors), "actor", "actors"),
                (len(self.all_activities()), "activity", "activities"),
                (len(self.fora), "forum", "fora"),
                (meetings, "meeting", "meetings"),
                (len(self.incidents), "incident", "incidents"),
                (len(self.walks), "safety walk", "safety walks"),
                (len(self.safety_index), "safety-index result", "safety-index results"),
            )
            if n
        )


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
