"""The register of projection rules: which function folds which event type.

A rule is a function of the batch's documents (``Docs``), the keys the event needs,
the event's data and its ``_Meta`` (type, tenant, when recorded). Each service's
events are folded by a module of its own (``actor_rules``, ``activity_rules``,
``incident_rules``); a report that keeps more of a document registers a second rule
for the same type, which runs after the first (``contribution_rules``). Event types
the reports have no use for are listed in ``PASSED_OVER``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from trygnet_core.checks import camel
from trygnet_reporting.report_documents import DocKey, Docs


class _Meta:
    """An event's type and tenant, and ``at``: when it was recorded, for events that carry
    no time of their own. A plain class, ``at`` written out only when a rule asks: one
    is made for every event of a rebuild."""

    __slots__ = ("_recorded_at", "tenant", "type")

    def __init__(self, type: str, tenant: str, recorded_at: datetime) -> None:
        self.type, self.tenant, self._recorded_at = type, tenant, recorded_at

    @property
    def at(self) -> str:
        return self._recorded_at.isoformat()


Rule = Callable[[Docs, list[DocKey], Mapping[str, Any], _Meta], None]
_RULES: dict[tuple[str, str], Rule] = {}

PASSED_OVER = frozenset(
    {
        ("actors", "ContactChanged"),
        *(
            ("incidents", name)
            for name in (
                "EscalationRuleRemoved",
                "EscalationRuleSet",
                "IncidentLinked",
                "IncidentPersonalDataErased",
                "ResponseRoleReleased",
                "TacticalReportUpdated",
                "TimelineEntryPinned",
                "TimelineEntryUnpinned",
            )
        ),
    }
)
"""Events the reports have no use for: read, and passed over."""


def rule(service: str, *types: str) -> Callable[[Rule], Rule]:
    """Register a rule for event types; a second rule for a type runs after the first
    (a report's own module adds what it keeps to a document the services' rules made)."""

    def register(function: Rule) -> Rule:
        for event_type in types:
            earlier = _RULES.get((service, event_type))
            _RULES[(service, event_type)] = (
                function if earlier is None else _one_after_the_other(earlier, function)
            )
        return function

    return register


Change = Callable[[dict[str, Any], Mapping[str, Any], _Meta], None]


def on_document(service: str, *types: str) -> Callable[[Change], Change]:
    """Register a rule that changes the event's own document (its first key) in place;
    an event whose document the reports do not keep (its stream's first event was
    passed over or not yet seen) changes nothing."""

    def register(change: Change) -> Change:
        def touched(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], meta: _Meta) -> None:
            doc = docs.touch(keys[0])
            if doc is not None:
                change(doc, data, meta)

        rule(service, *types)(touched)
        return change

    return register


def _one_after_the_other(first: Rule, then: Rule) -> Rule:
    def both(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], meta: _Meta) -> None:
        first(docs, keys, data, meta)
        then(docs, keys, data, meta)

    return both


def plain(values: Any) -> list[Any]:
    """A list field of an event as the documents keep it: sorted (none: empty)."""
    return sorted(values or [])


def camel_fields(data: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """Fields of an event as the documents keep them: by camelCase name (``area_id``:
    ``areaId``), one the event does not hold as ``None``."""
    return {camel(name): data.get(name) for name in names}
