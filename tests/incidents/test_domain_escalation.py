"""The EscalationMatrix aggregate and whom it alerts, given / when / then."""

from __future__ import annotations

from typing import Any

import pytest

from tests.incidents.test_domain_known import (
    FSB,
    HUSUM,
    KK,
    KNOWN,
    NIGHT_RAVENS,
    OLD_SSP,
    POLICE,
    SSP,
    TINGBJERG,
)
from trygnet_core.errors import BadUserInput, NotFound, TrygnetError
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import escalation
from trygnet_incidents.domain.commands import RemoveEscalationRule, SetEscalationRule
from trygnet_incidents.domain.escalation import EscalationCommand, EscalationRule, alerts
from trygnet_incidents.domain.events import EscalationRuleRemoved, EscalationRuleSet
from trygnet_incidents.domain.model import IncidentKind

SHOOTINGS = EscalationRuleSet(
    rule_id="rule-shootings",
    kind="shooting",
    minimum_severity=1,
    area_id="any",
    actor_ids=(POLICE, KK),
)
SEVERE_IN_TINGBJERG = EscalationRuleSet(
    rule_id="rule-severe-tingbjerg",
    kind="any",
    minimum_severity=3,
    area_id=TINGBJERG,
    actor_ids=(KK, FSB, SSP),
)
EVERYTHING_SEVERE = EscalationRuleSet(
    rule_id="rule-everything-4",
    kind="any",
    minimum_severity=4,
    area_id="any",
    actor_ids=(NIGHT_RAVENS, POLICE),
)
REMOVED = EscalationRuleRemoved(rule_id="rule-everything-4")
ESCALATION_EVENTS: list[DomainEvent] = [SHOOTINGS, SEVERE_IN_TINGBJERG, EVERYTHING_SEVERE, REMOVED]
MATRIX = escalation.fold([SHOOTINGS, SEVERE_IN_TINGBJERG, EVERYTHING_SEVERE])


def when(command: EscalationCommand, *given: DomainEvent) -> list[DomainEvent]:
    return escalation.decide(command, escalation.fold(given), known=KNOWN)


def rule(**changes: Any) -> SetEscalationRule:
    fields: dict[str, Any] = {
        "rule_id": "rule-shootings",
        "kind": IncidentKind.SHOOTING,
        "minimum_severity": 1,
        "area_id": "any",
        "actor_ids": (POLICE, KK),
    }
    return SetEscalationRule(**{**fields, **changes})


def refused_field(
    error: type[TrygnetError], command: EscalationCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


def rules() -> list[EscalationRule]:
    assert MATRIX is not None
    return list(MATRIX.rules.values())


# Whom to alert


def test_every_matching_rules_actors_are_alerted_once_with_the_first_rule() -> None:
    assert alerts(rules(), "shooting", 4, TINGBJERG) == (
        {"actor_id": POLICE, "rule_id": "rule-shootings"},
        {"actor_id": KK, "rule_id": "rule-shootings"},
        {"actor_id": FSB, "rule_id": "rule-severe-tingbjerg"},
        {"actor_id": SSP, "rule_id": "rule-severe-tingbjerg"},
        {"actor_id": NIGHT_RAVENS, "rule_id": "rule-everything-4"},
    )


def test_a_rule_for_another_kind_does_not_match() -> None:
    assert alerts(rules(), "arson", 3, TINGBJERG) == (
        {"actor_id": KK, "rule_id": "rule-severe-tingbjerg"},
        {"actor_id": FSB, "rule_id": "rule-severe-tingbjerg"},
        {"actor_id": SSP, "rule_id": "rule-severe-tingbjerg"},
    )


def test_a_rule_for_another_area_does_not_match() -> None:
    assert alerts(rules(), "arson", 3, HUSUM) == ()


def test_a_rule_matches_from_its_minimum_severity_up() -> None:
    assert alerts(rules(), "threat", 2, TINGBJERG) == ()
    assert alerts(rules(), "threat", 4, HUSUM) == (
        {"actor_id": NIGHT_RAVENS, "rule_id": "rule-everything-4"},
        {"actor_id": POLICE, "rule_id": "rule-everything-4"},
    )


def test_no_rules_alert_no_one() -> None:
    assert alerts([], "shooting", 4, TINGBJERG) == ()


# Set and remove rules


def test_setting_a_rule_records_it_with_merged_actors_as_survivors() -> None:
    command = rule(actor_ids=(POLICE, KK, POLICE, OLD_SSP))
    assert when(command) == [
        EscalationRuleSet(
            rule_id="rule-shootings",
            kind="shooting",
            minimum_severity=1,
            area_id="any",
            actor_ids=(POLICE, KK, SSP),
        )
    ]


def test_a_rule_for_any_kind_in_a_known_area_is_recorded() -> None:
    command = rule(
        rule_id="rule-severe-tingbjerg",
        kind="any",
        minimum_severity=3,
        area_id=TINGBJERG,
        actor_ids=(KK, FSB, SSP),
    )
    assert when(command) == [SEVERE_IN_TINGBJERG]


def test_replacing_a_rule_keeps_its_place_in_the_matrix() -> None:
    changed = rule(minimum_severity=2)
    [event] = when(changed, SHOOTINGS, SEVERE_IN_TINGBJERG)
    matrix = escalation.fold([SHOOTINGS, SEVERE_IN_TINGBJERG, event])
    assert matrix is not None
    assert [r.rule_id for r in matrix.rules.values()] == ["rule-shootings", "rule-severe-tingbjerg"]
    assert matrix.rules["rule-shootings"].minimum_severity == 2


def test_setting_the_same_rule_again_records_nothing() -> None:
    assert when(rule(), SHOOTINGS) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "riot"}, "kind"),
        ({"minimum_severity": 0}, "minimumSeverity"),
        ({"minimum_severity": 5}, "minimumSeverity"),
        ({"area_id": "area-elsewhere"}, "areaId"),
        ({"actor_ids": ("actor-nobody",)}, "actorIds"),
        ({"actor_ids": ()}, "actorIds"),
        ({"rule_id": " "}, "ruleId"),
    ],
)
def test_a_bad_rule_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    assert refused_field(BadUserInput, rule(**changes)) == field


def test_removing_a_rule_records_it_and_it_no_longer_alerts() -> None:
    given = (SHOOTINGS, SEVERE_IN_TINGBJERG, EVERYTHING_SEVERE)
    assert when(RemoveEscalationRule("rule-everything-4"), *given) == [REMOVED]
    matrix = escalation.fold([*given, REMOVED])
    assert matrix is not None
    assert alerts(matrix.rules.values(), "threat", 4, HUSUM) == ()


def test_removing_an_unknown_rule_is_not_found() -> None:
    assert refused_field(NotFound, RemoveEscalationRule("rule-nothing"), SHOOTINGS) == "ruleId"
    assert refused_field(NotFound, RemoveEscalationRule("rule-nothing")) == "ruleId"
