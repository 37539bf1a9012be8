"""Each incidents concept's fields, written once.

A concept's event, the command that asks for it and (where it keeps one) its
aggregate's state all inherit these fields, so a field is added in one place. The
event's payload is what these declare, in this order; a command may take a value
in a looser form (a day as a date, a kind as given) and its aggregate's ``decide``
checks it into the event's form. Types are named as the commands name them
(``model.TaskStatus``): a command's summary in the API is its signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from trygnet_incidents.domain import model


@dataclass(frozen=True)
class IncidentLink:
    """A link to an earlier incident: ``LinkIncident`` and ``IncidentLinked``."""

    incident_id: str
    linked_incident_id: str
    kind: model.LinkKind


@dataclass(frozen=True)
class ResponseRoleDetails:
    """The role an actor holds: ``AssignResponseRole`` and ``ResponseRoleAssigned``."""

    incident_id: str
    actor_id: str
    role: model.ResponseRole
    contact_id: str | None = None


@dataclass(frozen=True)
class TaskStatusChange:
    """A task's new status: ``ChangeTaskStatus`` and ``TaskStatusChanged``."""

    incident_id: str
    task_id: str
    status: model.TaskStatus


@dataclass(frozen=True)
class FollowUpActivityDetails:
    """The activity a decision started: ``RecordFollowUpActivity`` and
    ``FollowUpActivityRecorded``."""

    incident_id: str
    activity_id: str
    decision_entry_id: str


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
class SituationDecisionStatusChange:
    """A decision's new status: ``ChangeSituationDecisionStatus`` and
    ``SituationDecisionStatusChanged``."""

    area_id: str
    week: str
    decision_id: str
    status: model.FollowUpStatus
