"""Who reads what of an incident, decided before any personal value is opened.

Coordinators and police read everything. Every other reader (partner staff,
integration clients) reads an open incident whole, but of a restricted one only
that it exists: its kind, severity, area, sensitivity, status and times, and the
tasks assigned to the reader's own actor (so that staff can do them). The summary,
the restricted details, the place, the timeline, the tactical report, the roles,
the alerts, the links, the follow-up activities and the reasons given are withheld:
they are removed from the document while still sealed, so they are never even
decrypted for that reader, and ``redacted`` says so.

This is the one policy: the incidents service applies it to its documents, the
reporting service to every figure it derives from an incident (a report shows of a
restricted incident what ``OUTLINE`` names and what the reader's own tasks give,
nothing else), and the gateway to what its live subscription tells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from trygnet_core.auth import Principal
from trygnet_vocabulary.incidents import Sensitivity

T = TypeVar("T", bound=Mapping[str, Any])

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


def outline_only(sensitivity: str, principal: Principal) -> bool:
    """Whether the principal reads of an incident of this sensitivity only its outline
    and its own tasks."""
    return sensitivity == Sensitivity.RESTRICTED and not cleared(principal)


def own_tasks(tasks: Iterable[T], principal: Principal) -> list[T]:
    """The tasks assigned to the principal's own actor (each has ``assigneeActorId``)."""
    own = principal.actor_id
    return [task for task in tasks if own is not None and task["assigneeActorId"] == own]


def redacted(body: Mapping[str, Any], principal: Principal) -> dict[str, Any]:
    """The incident document as this principal may read it (personal values still sealed)."""
    if cleared(principal):
        return {**body, "redacted": False}
    if not outline_only(body["sensitivity"], principal):
        return {**{k: v for k, v in body.items() if k != "restrictedDetails"}, "redacted": False}
    shown = {name: body[name] for name in OUTLINE}
    shown["statusHistory"] = [
        {"status": change["status"], "at": change["at"]} for change in body["statusHistory"]
    ]
    shown["tasks"] = own_tasks(body["tasks"], principal)
    shown["redacted"] = True
    return shown


def listed(body: Mapping[str, Any]) -> dict[str, Any]:
    """A redacted document cut to what a list shows."""
    return {name: body[name] for name in LISTED if name in body}


PARTICIPATION = ("reported", "role", "task", "timeline", "report")
"""The ways an actor takes part in an incident's response: it reported it, held a
role, was given a task, wrote in the timeline or the tactical report."""


def participation_seen(principal: Principal, actor_id: str) -> tuple[str, ...] | None:
    """Which of ``actor_id``'s ways of taking part in a *restricted* incident the
    principal may learn of (None: all of them). A reader who sees a restricted incident
    only in outline sees nothing of who took part but its own actor's tasks, so a
    filter by actor can tell them no more than that either."""
    if cleared(principal):
        return None
    return ("task",) if actor_id == principal.actor_id else ()
