"""The weekly situation picture as the reports keep it: observations and the decisions of
an area's week, with no personal data.

An observation is one document (``observation``): its category, area, public place
(and that place's key, ``name_key``, so "Ruten  underpass" and "ruten underpass" are
one hot spot), the ISO week it was seen in, the reporting actor and the incident it
led to. Its description, which may name people, is never read here: it does not
reach this database, so erasing it leaves nothing to erase. The decisions of an
area's week are one document (``situation-week``): each decision's action, owner,
due day and status (open, done or cancelled), as a forum's follow-ups are kept.

Registered in ``projections`` by importing this module; the figures are
``situation_picture``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from trygnet_core.checks import name_key
from trygnet_core.weeks import week_of
from trygnet_reporting.projection_rules import _Meta, camel_fields, on_document, rule
from trygnet_reporting.report_documents import DocKey, Docs

OBSERVATION: Final = "observation"
SITUATION_WEEK: Final = "situation-week"


@rule("incidents", "ObservationFiled")
def _filed(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """Everything but the description."""
    docs.put(
        keys[0],
        {
            **camel_fields(data, "observation_id", "category", "area_id", "place"),
            "placeKey": name_key(data["place"]),
            "observedAt": data["observed_at"],
            "week": week_of(data["observed_at"]),
            **camel_fields(data, "reporting_actor_id", "incident_id"),
        },
    )


@on_document("incidents", "ObservationLinkedToIncident")
def _linked(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["incidentId"] = data["incident_id"]


@rule("incidents", "ObservationDescriptionErased")
def _erased(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """The description never came here: nothing to erase."""


@rule("incidents", "SituationDecisionRecorded")
def _decided(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.get(keys[0]) or {"areaId": data["area_id"], "week": data["week"], "decisions": {}}
    doc["decisions"][data["decision_id"]] = {
        **camel_fields(data, "action", "owner_actor_id", "due"),
        "status": "open",
        "recordedAt": m.at,
    }
    docs.put(keys[0], doc)


@on_document("incidents", "SituationDecisionStatusChanged")
def _followed_up(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    decision = doc["decisions"].get(data["decision_id"])
    if decision is not None:
        decision["status"] = data["status"]
