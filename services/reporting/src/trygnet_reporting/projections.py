"""The reporting service's projector: the consumer's handler that keeps one document per
thing from the three topics.

The consumer hands over a batch of events; ``Projector`` reads every document the
batch touches in one query (``needs`` says which), applies the events in memory in
order by the rules registered in ``projection_rules`` (each service's in
``actor_rules``, ``activity_rules``, ``incident_rules``; the reports' own in
``contribution_rules``, ``practice_exchange``, ``situation``), and writes the changed
documents back (``report_documents``), all in the consumer's transaction, beside the
consumer's positions. So an event is applied exactly once in effect, and a replay from
the start builds the same documents. A document holds only what the reports need: no
personal data and nothing of an incident but its outline and response figures, so
restricted text never enters this database. Each change also marks the network figures
of its tenant and areas as stale; they are recomputed when next read, at most once per
short interval (``network_report``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.envelope import ReceivedEvent
from trygnet_reporting import (  # the rules register themselves on import
    activity_rules,  # noqa: F401
    actor_rules,  # noqa: F401
    contribution_rules,  # noqa: F401
    incident_rules,  # noqa: F401
    practice_exchange,  # noqa: F401
    situation,  # noqa: F401
)
from trygnet_reporting.actor_rules import EARLY_CONTACTS, contact_actors
from trygnet_reporting.projection_rules import _RULES, PASSED_OVER, _Meta
from trygnet_reporting.report_documents import DocKey, Docs, Touched, mark_stale

# -- which documents an event needs ---------------------------------------------------

_STREAM_KINDS = {
    "Area": "area",
    "Actor": "actor",
    "Partnership": "partnership",
    "Forum": "group",
    "Activity": "group",
    "SafetyWalk": "walk",
    "Strategy": "strategy",
    "SurveyWave": "survey",
    "Incident": "incident",
    "Observation": "observation",  # situation
    "SituationWeek": "situation-week",
    "Practice": "practice",  # practice_exchange
    "SupportOffer": "support-offer",
    "HourlyRate": "rate",
}


def needs(received: ReceivedEvent) -> list[DocKey]:
    """The documents an event reads or writes."""
    event, data = received.event, received.event.data
    tenant = str(event.tenant_id)
    if event.stream_type == "Contact":  # each actor's document, or its early contacts
        actors = contact_actors(data)
        return [(tenant, kind, a) for a in actors for kind in ("actor", EARLY_CONTACTS)]
    kind = _STREAM_KINDS.get(event.stream_type)
    if kind is None:
        return []
    keys = [(tenant, kind, event.stream_id)]
    if event.type == "ActorRegistered":
        keys.append((tenant, EARLY_CONTACTS, event.stream_id))
    elif event.type == "SafetyIndexResultRecorded":
        keys.append((tenant, "safety-index", f"{data['area_id']}|{data['period']}"))
    elif event.type == "MeasurementRecorded":
        keys.append((tenant, "measurement", _measurement_id(data)))
    return keys


def _measurement_id(data: Mapping[str, Any]) -> str:
    return f"{data['indicator_id']}|{data['period']}|{data.get('area_id') or ''}"


# -- the projector --------------------------------------------------------------------


class Projector:
    """The consumer's handler for ``trygnet.actors``, ``.activities`` and ``.incidents``."""

    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        docs = Docs()
        wanted = [needs(received) for received in events]
        await docs.load(conn, (key for keys in wanted for key in keys))
        touched = Touched()
        for received, keys in zip(events, wanted, strict=True):
            apply_event(docs, received, touched, keys)
        await docs.flush(conn)
        await mark_stale(conn, touched)

    @property
    def reads(self) -> dict[str, frozenset[str]]:
        """Every event type of the platform: those a registered rule applies and those the
        reports pass over (``PASSED_OVER``). The consumer dead-letters any other type, and
        any newer schema version, so an unknown event never takes a stream's next version."""
        found: dict[str, set[str]] = {}
        for service, event_type in (*_RULES, *PASSED_OVER):
            found.setdefault(service, set()).add(event_type)
        return {service: frozenset(types) for service, types in found.items()}


def apply_event(docs: Docs, received: ReceivedEvent, touched: Touched, keys: list[DocKey]) -> None:
    """Apply one event to the documents it needs (``keys``: ``needs``; already loaded)."""
    event = received.event
    rule = _RULES.get((received.service, event.type))
    if rule is None:
        return
    meta = _Meta(event.type, str(event.tenant_id), event.recorded_at)
    rule(docs, keys, event.data, meta)
    if event.stream_type in ("Actor", "Forum", "Activity", "Partnership", "SurveyWave"):
        main = docs.get(keys[0]) or {}
        touched.add(str(event.tenant_id), main.get("areas") or [])
