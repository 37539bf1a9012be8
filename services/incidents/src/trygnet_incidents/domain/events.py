"""The incidents service's events: incidents, the joint response and the escalation
matrix. Moments are ISO text in UTC, dates ISO text (``2026-03-14``). Free text that
may name people is personal data under the incident's id: the summary, the restricted
details, the timeline's text and the tactical report from the start; the place and
coordinates (an address names a household), task titles ("drive Jonas's sister
home") and the reasons given for closing and reopening since they were sealed too.
Events stored before that carry those in clear text and read as they are: a reader
takes a personal field either as text (or, for coordinates, an object) or sealed.

Where a command asks for the same fields as its event, they are written once, in the
class above the event, which the command inherits. Those classes name their types as
the commands do (``model.TaskStatus``): a command without a docstring is summarised in
the API by its signature."""

from __future__ import annotations

from dataclasses import dataclass

from trygnet_core.events import DomainEvent, EventCatalogue, personal
from trygnet_incidents.domain import model
from trygnet_incidents.domain.model import (
    IncidentKind,
    ObservationCategory,
    Sensitivity,
    TaskPriority,
    TimelineKind,
)


@dataclass(frozen=True)
class IncidentReported(DomainEvent):
    """An acute incident (a shooting, an extortion case...) in an area, severity 1 to 4;
    ``coordinates`` is ``{lat, lon}``. The place, coordinates, summary and restricted
    details may name people (events stored before the place and coordinates were sealed
    carry them in clear text)."""

    subject_field = "incident_id"
    incident_id: str
    kind: IncidentKind
    severity: int
    area_id: str
    occurred_at: str
    reported_at: str
    reporting_actor_id: str
    sensitivity: Sensitivity
    place: str = personal()
    summary: str = personal()
    coordinates: dict[str, float] | None = personal(None)  # noqa: RUF009 (None, not shared)
    restricted_details: str | None = personal(None)


@dataclass(frozen=True)
class ActorsAlerted(DomainEvent):
    """The escalation matrix's actors to alert of the incident, each once: ``{actor_id,
    rule_id}`` with the first rule that matched."""

    incident_id: str
    alerts: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class IncidentMoment:
    """What happened to an incident and when: the first fields of its status changes
    (``IncidentActivated``...), of ``IncidentPersonalDataErased`` and of the commands
    asking for them (``ActivateIncident``..., which take the moment as a datetime too)."""

    incident_id: str
    at: str


@dataclass(frozen=True)
class IncidentActivated(IncidentMoment, DomainEvent):
    """The joint response started, or resumed after the incident was stable."""


@dataclass(frozen=True)
class IncidentStabilised(IncidentMoment, DomainEvent):
    pass


@dataclass(frozen=True)
class IncidentClosed(IncidentMoment, DomainEvent):
    """The incident is closed, for a reason that may name people; an incident whose
    personal text was erased closes without one (events stored before the reason was
    sealed carry it in clear text)."""

    subject_field = "incident_id"
    reason: str | None = personal(None)


@dataclass(frozen=True)
class IncidentReopened(IncidentMoment, DomainEvent):
    """A closed incident is active again; the reason may name people (events stored
    before it was sealed carry it in clear text)."""

    subject_field = "incident_id"
    reason: str | None = personal(None)


@dataclass(frozen=True)
class IncidentPersonalDataErased(IncidentMoment, DomainEvent):
    """The incident's personal text was erased (its key deleted); from now on it reads
    as erased and no new text can be written to the incident."""


@dataclass(frozen=True)
class IncidentLink:
    """A link to an earlier incident: ``LinkIncident`` and ``IncidentLinked``."""

    incident_id: str
    linked_incident_id: str
    kind: model.LinkKind


@dataclass(frozen=True)
class IncidentLinked(IncidentLink, DomainEvent):
    """The incident is linked to an earlier one at the same place or in the same series."""


@dataclass(frozen=True)
class ResponseRoleDetails:
    """The role an actor holds: ``AssignResponseRole`` and ``ResponseRoleAssigned``."""

    incident_id: str
    actor_id: str
    role: model.ResponseRole
    contact_id: str | None = None


@dataclass(frozen=True)
class ResponseRoleAssigned(ResponseRoleDetails, DomainEvent):
    """An actor holds a role in the response, or its role changed."""


@dataclass(frozen=True)
class ResponseRoleReleased(DomainEvent):
    incident_id: str
    actor_id: str


@dataclass(frozen=True)
class TaskAdded(DomainEvent):
    """An actor takes on a task in the response, due by a date; it starts open. The
    title may name people (events stored before it was sealed carry it in clear text)."""

    subject_field = "incident_id"
    incident_id: str
    task_id: str
    assignee_actor_id: str
    due: str
    priority: TaskPriority
    title: str = personal()


@dataclass(frozen=True)
class TaskStatusChange:
    """A task's new status: ``ChangeTaskStatus`` and ``TaskStatusChanged``."""

    incident_id: str
    task_id: str
    status: model.TaskStatus


@dataclass(frozen=True)
class TaskStatusChanged(TaskStatusChange, DomainEvent):
    pass


@dataclass(frozen=True)
class TimelineEntryRecorded(DomainEvent):
    """What happened in the response, when and by whom; the text may name people."""

    subject_field = "incident_id"
    incident_id: str
    entry_id: str
    kind: TimelineKind
    author_actor_id: str
    at: str
    text: str = personal()


@dataclass(frozen=True)
class TimelineEntryPinned(DomainEvent):
    incident_id: str
    entry_id: str


@dataclass(frozen=True)
class TimelineEntryUnpinned(DomainEvent):
    incident_id: str
    entry_id: str


@dataclass(frozen=True)
class TacticalReportUpdated(DomainEvent):
    """The next version of the tactical report (conditions, actions, needs); the latest
    is the one shown. Its text may name people."""

    subject_field = "incident_id"
    incident_id: str
    report_version: int
    author_actor_id: str
    at: str
    conditions: str | None = personal(None)
    actions: str | None = personal(None)
    needs: str | None = personal(None)


@dataclass(frozen=True)
class FollowUpActivityDetails:
    """The activity a decision started: ``RecordFollowUpActivity`` and
    ``FollowUpActivityRecorded``."""

    incident_id: str
    activity_id: str
    decision_entry_id: str


@dataclass(frozen=True)
class FollowUpActivityRecorded(FollowUpActivityDetails, DomainEvent):
    """A decision in the timeline started an extra effort: the activity it started."""


@dataclass(frozen=True)
class EscalationRuleDetails:
    """A rule of the escalation matrix: ``EscalationRuleSet``, ``SetEscalationRule`` (its
    kind as given) and the matrix's rule (``escalation.EscalationRule``)."""

    rule_id: str
    kind: str
    minimum_severity: int
    area_id: str
    actor_ids: tuple[str, ...]


@dataclass(frozen=True)
class EscalationRuleSet(EscalationRuleDetails, DomainEvent):
    """A rule of the tenant's escalation matrix, added or replaced: incidents of the
    kind (or ``any``), at least the severity, in the area (or ``any``) alert the actors."""


@dataclass(frozen=True)
class EscalationRuleRemoved(DomainEvent):
    rule_id: str


@dataclass(frozen=True)
class ObservationFiled(DomainEvent):
    """A trained reporter's observation for the weekly situation picture: its category,
    the area and public place (``coordinates`` ``{lat, lon}``), when it was seen and
    filed, by which actor, and the incident it led to, if any. The place is what hot
    spots are counted on and stays readable; the description may name people."""

    subject_field = "observation_id"
    observation_id: str
    category: ObservationCategory
    area_id: str
    place: str
    observed_at: str
    filed_at: str
    reporting_actor_id: str
    coordinates: dict[str, float] | None = None
    incident_id: str | None = None
    description: str | None = personal(None)


@dataclass(frozen=True)
class ObservationIncidentLink:
    """The incident an observation led to: ``LinkObservationToIncident`` and
    ``ObservationLinkedToIncident``."""

    observation_id: str
    incident_id: str


@dataclass(frozen=True)
class ObservationLinkedToIncident(ObservationIncidentLink, DomainEvent):
    """The observation led to the incident."""


@dataclass(frozen=True)
class ObservationDescriptionErased(DomainEvent):
    """The observation's description was erased (its key deleted); it reads as erased."""

    observation_id: str
    at: str


@dataclass(frozen=True)
class SituationDecisionDetails:
    """A decision on the situation picture: ``SituationDecisionRecorded`` and
    ``RecordSituationDecision`` (its due day as a date)."""

    area_id: str
    week: str
    decision_id: str
    action: str
    owner_actor_id: str
    due: str


@dataclass(frozen=True)
class SituationDecisionRecorded(SituationDecisionDetails, DomainEvent):
    """An action decided on an area's weekly situation picture (``week`` as
    ``2026-W38``), owned by an actor and due by a date; it starts open."""


@dataclass(frozen=True)
class SituationDecisionStatusChange:
    """A decision's new status: ``ChangeSituationDecisionStatus`` and
    ``SituationDecisionStatusChanged``."""

    area_id: str
    week: str
    decision_id: str
    status: model.FollowUpStatus


@dataclass(frozen=True)
class SituationDecisionStatusChanged(SituationDecisionStatusChange, DomainEvent):
    """A decision of the situation picture is open, done or cancelled."""


catalogue = EventCatalogue(
    "incidents",
    [
        IncidentReported,
        ActorsAlerted,
        IncidentActivated,
        IncidentStabilised,
        IncidentClosed,
        IncidentReopened,
        IncidentPersonalDataErased,
        IncidentLinked,
        ResponseRoleAssigned,
        ResponseRoleReleased,
        TaskAdded,
        TaskStatusChanged,
        TimelineEntryRecorded,
        TimelineEntryPinned,
        TimelineEntryUnpinned,
        TacticalReportUpdated,
        FollowUpActivityRecorded,
        EscalationRuleSet,
        EscalationRuleRemoved,
        ObservationFiled,
        ObservationLinkedToIncident,
        ObservationDescriptionErased,
        SituationDecisionRecorded,
        SituationDecisionStatusChanged,
    ],
)


if __name__ == "__main__":  # the incidents service's event catalogue, as Markdown
    print(catalogue.markdown(), end="")
