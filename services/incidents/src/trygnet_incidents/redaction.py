"""Who reads what of an incident, decided before any personal value is opened.

Coordinators and police read everything. Every other reader (partner staff,
integration clients) reads an open incident whole, but of a restricted one only
that it exists: its kind, severity, area, sensitivity, status and times, and the
tasks assigned to the reader's own actor (so that staff can do them). The summary,
the restricted details, the place, the timeline, the tactical report, the roles,
the alerts, the links and the reasons given are withheld: they are removed from
the document while still sealed, so they are never even decrypted for that reader,
and ``redacted`` says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trygnet_core.auth import Principal

OUTLINE = (
    "incidentId",
    "kind",
    "severity",
    "areaId",
    "sensitivity",
    "status",
    "statusAt",
    "occurredAt",
    "reportedAt",
    "personalDataErased",
    "version",
)
"""What every reader of the tenant sees of any incident."""

LISTED = (*OUTLINE, "place", "coordinates", "summary", "reportingActorId", "redacted")
"""What a list shows of each incident (the response is read one incident at a time)."""


def cleared(principal: Principal) -> bool:
    """Whether the principal reads restricted incidents whole."""
    return principal.has_role("coordinator", "police")


def redacted(body: Mapping[str, Any], principal: Principal) -> dict[str, Any]:
    """The incident document as this principal may read it (personal values still sealed)."""
    if cleared(principal):
        return {**body, "redacted": False}
    if body["sensitivity"] != "restricted":
        return {**{k: v for k, v in body.items() if k != "restrictedDetails"}, "redacted": False}
    shown = {name: body[name] for name in OUTLINE}
    shown["statusHistory"] = [
        {"status": change["status"], "at": change["at"]} for change in body["statusHistory"]
    ]
    shown["tasks"] = [
        task
        for task in body["tasks"]
        if principal.actor_id is not None and task["assigneeActorId"] == principal.actor_id
    ]
    shown["redacted"] = True
    return shown


def listed(body: Mapping[str, Any]) -> dict[str, Any]:
    """A redacted document cut to what a list shows."""
    return {name: body[name] for name in LISTED if name in body}
