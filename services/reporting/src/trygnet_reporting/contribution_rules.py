"""What the contribution and cost reports keep, added to the documents the services'
rules make (``activity_rules``, ``incident_rules``): each activity's declared hours and
budget and the participants it reached, each forum's meetings (who attended) and
follow-ups (who owns them, due, done), each incident's response roles and when its
tasks were done, and the municipality's hourly rate. Ids, days and counts only: no
follow-up text, no meeting notes, no task title.

A document made before these rules existed lacks these keys; the reports read them
with defaults, and a rebuild fills them in. These rules run after those of the same
event types in ``activity_rules`` and ``incident_rules``: importing those first
registers them first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trygnet_reporting import activity_rules, incident_rules  # noqa: F401  (registered first)
from trygnet_reporting.projection_rules import _Meta, on_document, rule
from trygnet_reporting.report_documents import DocKey, Docs


@on_document("activities", "ActivityCreated")
def _declared(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["hours"], doc["budget"] = data.get("hours"), data.get("budget")
    doc["participantsReached"] = None


@on_document("activities", "ActivityDetailsChanged")
def _declared_changed(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    for name in ("hours", "budget"):
        if name in data["changes"]:
            doc[name] = data["changes"][name]


@on_document("activities", "ParticipantsReachedRecorded")
def _reached(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["participantsReached"] = data["participants_reached"]


@rule("activities", "HourlyRateSet")
def _rate(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(keys[0], {"rate": data["rate"], "setAt": m.at})


@on_document("activities", "MeetingRecorded")
def _meeting(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    held = data["held_on"]
    doc.setdefault("meetingLog", []).append(
        {"meetingId": data["meeting_id"], "heldOn": held, "attendees": list(data["attendees"])}
    )
    follow_ups = doc.setdefault("followUps", {})
    for item in data.get("follow_ups") or ():
        follow_ups[item["follow_up_id"]] = {
            "actorId": item["actor_id"],
            "due": item["due"],
            "heldOn": held,
            "status": "open",
        }


@on_document("activities", "FollowUpStatusChanged")
def _follow_up(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    item = (doc.get("followUps") or {}).get(data["follow_up_id"])
    if item is not None:
        item["status"] = data["status"]


@on_document("incidents", "ResponseRoleAssigned")
def _role(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    """A role held in the response (a later change of role keeps the actor counted once)."""
    doc.setdefault("roles", {})[data["actor_id"]] = data["role"]


@on_document("incidents", "TaskStatusChanged")
def _task_done(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    task = doc["tasks"].get(data["task_id"])
    if task is not None:
        task["doneAt"] = m.at if data["status"] == "done" else None
