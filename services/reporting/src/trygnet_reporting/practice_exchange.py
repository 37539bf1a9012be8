"""The exchange between municipalities as the reports keep it: practices and support offers.

A shared practice is one document (``practice``) of the sharing municipality, holding
the snapshot its ``PracticeShared`` event carries and nothing else; a withdrawal
deletes it, so a withdrawn practice is found by no one (a rebuild replays both). A
support offer (``support-offer``) is a document of the national body that published
it. Reading them across municipalities is ``practice_reads``' business.

Registered in ``projections`` by importing this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from trygnet_reporting.projection_rules import _Meta, camel_fields, rule
from trygnet_reporting.report_documents import DocKey, Docs

PRACTICE: Final = "practice"
SUPPORT_OFFER: Final = "support-offer"

SHARED: Final = {
    "title": "title",
    "description": "description",
    "themes": "themes",
    "target_group": "targetGroup",
    "target_age_from": "targetAgeFrom",
    "target_age_to": "targetAgeTo",
    "partner_sectors": "partnerSectors",
    "partners": "partners",
    "hours": "hours",
    "budget": "budget",
    "results": "results",
    "contact": "contact",
}
"""The event's shared fields and their names in the document: the whole practice."""


@rule("activities", "PracticeShared")
def _shared(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    body = {name: data.get(field) for field, name in SHARED.items()}
    docs.put(keys[0], {**body, "activityId": data["activity_id"], "sharedAt": m.at})


@rule("activities", "PracticeWithdrawn")
def _withdrawn(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.drop(keys[0])


@rule("activities", "SupportOfferPublished")
def _offer(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            **camel_fields(data, "title", "provider"),
            "themes": sorted(data.get("themes") or []),
            "areaKinds": sorted(data.get("area_kinds") or []),
            **camel_fields(data, "eligibility", "deadline", "link"),
            "publishedAt": m.at,
        },
    )
