"""The rules that fold the incidents service's events: an incident's outline and its
response figures.

Only the outline (kind, severity, area, sensitivity, times, status) and who was
alerted, engaged and tasked is kept, never the summary, the place, the details or
any text, so restricted text never enters this database. The status an event sets
is the status rule's (``trygnet_vocabulary.incident_status``), not a copy of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trygnet_reporting.projection_rules import _Meta, camel_fields, on_document, rule
from trygnet_reporting.report_documents import DocKey, Docs
from trygnet_vocabulary import incident_status
from trygnet_vocabulary.incidents import IncidentStatus


@rule("incidents", "IncidentReported")
def _incident(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """The outline only: never the summary, the place, the details or any text."""
    docs.put(
        keys[0],
        {
            **camel_fields(
                data,
                "incident_id",
                "kind",
                "severity",
                "area_id",
                "sensitivity",
                "occurred_at",
                "reported_at",
                "reporting_actor_id",
            ),
            "status": incident_status.FIRST.value,
            "closedAt": None,
            "firstJointActionAt": None,
            "alerted": [],
            "engaged": [],
            "tasks": {},
            "followUpActivities": [],
        },
    )


@rule("incidents", *incident_status.events())
def _incident_status(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    status = incident_status.status_after(m.type)
    if doc is not None and status is not None:
        doc["status"] = status.value
        doc["closedAt"] = data["at"] if status is IncidentStatus.CLOSED else None


@on_document("incidents", "ActorsAlerted")
def _alerted(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["alerted"] = sorted({alert["actor_id"] for alert in data["alerts"]})


@rule("incidents", "ResponseRoleAssigned")
def _role(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    _engage(docs.touch(keys[0]), data["actor_id"], at=None)


@on_document("incidents", "TaskAdded")
def _task(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["tasks"][data["task_id"]] = {
        **camel_fields(data, "assignee_actor_id", "due"),
        "status": "open",
        "addedAt": m.at,
    }
    _engage(doc, data["assignee_actor_id"], at=m.at)


@on_document("incidents", "TaskStatusChanged")
def _task_status(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    task = doc["tasks"].get(data["task_id"])
    if task is not None:
        task["status"] = data["status"]


@rule("incidents", "TimelineEntryRecorded")
def _entry(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """Who acted and when; the entry's text is not read."""
    _engage(docs.touch(keys[0]), data["author_actor_id"], at=data["at"])


@on_document("incidents", "FollowUpActivityRecorded")
def _follow_up(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    if data["activity_id"] not in doc["followUpActivities"]:
        doc["followUpActivities"].append(data["activity_id"])


def _engage(doc: dict[str, Any] | None, actor: str, *, at: str | None) -> None:
    """An actor took part; the first act of one other than the reporter is the first
    joint action."""
    if doc is None:
        return
    doc["engaged"] = sorted({*doc["engaged"], actor})
    if at is not None and actor != doc["reportingActorId"]:
        first = doc["firstJointActionAt"]
        doc["firstJointActionAt"] = at if first is None else min(first, at)
