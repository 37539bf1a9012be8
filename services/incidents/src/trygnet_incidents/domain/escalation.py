"""The EscalationMatrix aggregate: whom to alert of which incidents, one per tenant.

A rule matches an incident of its kind (or ``any``), of at least its minimum
severity, in its area (or ``any``). Rules: the kind is an incident kind or ``any``;
the minimum severity runs from 1 to 4; the area and the actors must be known (a
merged actor is recorded as its survivor); a rule alerts at least one actor.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trygnet_core.aggregate import folding, started_by
from trygnet_core.errors import BadUserInput, NotFound
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import model
from trygnet_incidents.domain.commands import RemoveEscalationRule, SetEscalationRule
from trygnet_incidents.domain.events import (
    EscalationRuleDetails,
    EscalationRuleRemoved,
    EscalationRuleSet,
)
from trygnet_incidents.domain.model import ANY, NOTHING_KNOWN, IncidentKind, Known

EscalationCommand = SetEscalationRule | RemoveEscalationRule


@dataclass(frozen=True)
class EscalationRule(EscalationRuleDetails):
    """A rule as the matrix keeps it, and whether it matches an incident."""

    def matches(self, incident_kind: str, severity: int, area_id: str) -> bool:
        return (
            self.kind in (ANY, incident_kind)
            and severity >= self.minimum_severity
            and self.area_id in (ANY, area_id)
        )


@dataclass(frozen=True)
class EscalationMatrix:
    """The rules in the order they were first set; replacing a rule keeps its place."""

    rules: Mapping[str, EscalationRule] = dataclasses.field(default_factory=dict)


def alerts(
    rules: Iterable[EscalationRule], incident_kind: str, severity: int, area_id: str
) -> tuple[dict[str, str], ...]:
    """Every matching rule's actors, each actor once with the first rule that matched."""
    first_rule: dict[str, str] = {}
    for rule in rules:
        if rule.matches(incident_kind, severity, area_id):
            for actor_id in rule.actor_ids:
                first_rule.setdefault(actor_id, rule.rule_id)
    return tuple({"actor_id": a, "rule_id": r} for a, r in first_rule.items())


def evolve(state: EscalationMatrix | None, event: DomainEvent) -> EscalationMatrix | None:
    rules = state.rules if state is not None else {}
    match event:
        case EscalationRuleSet():
            rule = started_by(EscalationRule, event)
            return EscalationMatrix({**rules, event.rule_id: rule})
        case EscalationRuleRemoved():
            return EscalationMatrix({k: v for k, v in rules.items() if k != event.rule_id})
    return state


fold = folding(evolve)


def decide(
    command: EscalationCommand, state: EscalationMatrix | None, *, known: Known = NOTHING_KNOWN
) -> list[DomainEvent]:
    rules = state.rules if state is not None else {}
    match command:
        case SetEscalationRule():
            rule_id = model.required_text(command.rule_id, field="ruleId")
            actor_ids = known.actor_ids(command.actor_ids, field="actorIds")
            if not actor_ids:
                raise BadUserInput("an escalation rule alerts at least one actor", field="actorIds")
            kind = (
                ANY
                if command.kind == ANY
                else model.one_of(IncidentKind, command.kind, field="kind")
            )
            area_id = ANY if command.area_id == ANY else known.area(command.area_id)
            rule = EscalationRule(
                rule_id,
                str(kind),
                model.severity(command.minimum_severity, field="minimumSeverity"),
                area_id,
                actor_ids,
            )
            if rules.get(rule_id) == rule:
                return []
            return [EscalationRuleSet(**dataclasses.asdict(rule))]
        case RemoveEscalationRule():
            if command.rule_id not in rules:
                raise NotFound("no escalation rule with that id", field="ruleId")
            return [EscalationRuleRemoved(rule_id=command.rule_id)]
    raise TypeError(f"not an escalation command: {command!r}")
