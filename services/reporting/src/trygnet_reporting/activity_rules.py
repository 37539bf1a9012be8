"""The rules that fold the activities service's events: partnerships, forums,
activities, safety walks, the strategy and its measurements, safety-index results and
survey waves.

Forums and activities are both kept as ``group`` documents (what actors do together);
a safety walk keeps its findings' kinds and its actions, never a finding's
description; a survey wave keeps each respondent's mean trust and value per rated actor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trygnet_reporting.projection_rules import _Meta, camel_fields, on_document, plain, rule
from trygnet_reporting.report_documents import DocKey, Docs


@rule("activities", "PartnershipEstablished")
def _partnership(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            **camel_fields(data, "partnership_id", "name", "coordinator_actor_id"),
            "areas": plain(data.get("areas")),
            "members": [data["coordinator_actor_id"]],
        },
    )


@rule("activities", "PartnershipMemberJoined", "PartnershipMemberLeft")
def _partnership_member(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    joined = m.type == "PartnershipMemberJoined"
    _membership(docs.touch(keys[0]), data["actor_id"], joined=joined)


def _membership(doc: dict[str, Any] | None, actor: str, *, joined: bool) -> None:
    if doc is None:
        return
    members = set(doc["members"]) - {actor}
    if joined:
        members.add(actor)
    doc["members"] = sorted(members)


@rule("activities", "ForumEstablished")
def _forum(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "groupId": data["forum_id"],
            "kind": "forum",
            "title": data["name"],
            **camel_fields(data, "level", "owner_actor_id", "partnership_id", "cadence"),
            "members": sorted({data["owner_actor_id"], *(data.get("members") or [])}),
            "areas": [],
            "status": "active",
            "meetings": 0,
            "lastMeetingOn": None,
        },
    )


@on_document("activities", "ForumMemberJoined", "ForumMemberLeft")
def _forum_member(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    if data["actor_id"] != doc["ownerActorId"]:
        _membership(doc, data["actor_id"], joined=m.type == "ForumMemberJoined")


@on_document("activities", "MeetingRecorded")
def _meeting(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["meetings"] += 1
    doc["lastMeetingOn"] = max(doc["lastMeetingOn"] or "", data["held_on"])


@rule("activities", "ActivityCreated")
def _activity(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "groupId": data["activity_id"],
            "kind": "activity",
            **camel_fields(data, "title", "level", "owner_actor_id"),
            "partners": {},
            "members": [data["owner_actor_id"]],
            "areas": plain(data.get("areas")),
            "themes": plain(data.get("themes")),
            "ageFrom": data.get("target_age_from"),
            "ageTo": data.get("target_age_to"),
            "focusAreas": plain(data.get("focus_areas")),
            **camel_fields(data, "incident_id", "start", "end"),
            "status": "planned",
            "createdAt": m.at,
        },
    )


_ACTIVITY_CHANGES = {
    "title": "title",
    "level": "level",
    "areas": "areas",
    "themes": "themes",
    "target_age_from": "ageFrom",
    "target_age_to": "ageTo",
    "focus_areas": "focusAreas",
    "start": "start",
    "end": "end",
}


@on_document("activities", "ActivityDetailsChanged")
def _activity_changed(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    for name, value in data["changes"].items():
        if name in _ACTIVITY_CHANGES:
            listed = name in ("areas", "themes", "focus_areas")
            doc[_ACTIVITY_CHANGES[name]] = plain(value) if listed else value


@on_document("activities", "ActivityPartnerJoined", "ActivityPartnerLeft")
def _activity_partner(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    partners = {k: v for k, v in doc["partners"].items() if k != data["actor_id"]}
    if "role" in data:
        partners[data["actor_id"]] = data["role"]
    doc["partners"] = dict(sorted(partners.items()))
    doc["members"] = sorted({doc["ownerActorId"], *partners})


@on_document("activities", "ActivityStatusChanged")
def _activity_status(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["status"] = data["status"]


@rule("activities", "SafetyWalkRecorded")
def _walk(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            **camel_fields(data, "walk_id", "area_id", "walked_on"),
            "participants": plain(data.get("participants")),
            **camel_fields(data, "residents", "follows_walk_id"),
            "findings": {},
            "actions": {},
        },
    )


@on_document("activities", "FindingRecorded")
def _finding(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["findings"][data["finding_id"]] = {"kind": data["kind"], "recordedAt": m.at}


@on_document("activities", "FindingActionAssigned")
def _action(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["actions"][data["action_id"]] = {
        **camel_fields(data, "finding_id", "owner_actor_id", "deadline"),
        "status": "open",
        "assignedAt": m.at,
        "doneAt": None,
    }


@on_document("activities", "FindingActionStatusChanged")
def _action_status(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    action = doc["actions"].get(data["action_id"])
    if action is not None:
        action["status"] = data["status"]
        action["doneAt"] = m.at if data["status"] == "done" else None


@rule("activities", "StrategyAdopted")
def _strategy(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(keys[0], {"title": data["title"], "focusAreas": {}, "indicators": {}})


@on_document("activities", "FocusAreaAdded")
def _focus_area(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["focusAreas"][data["focus_area_id"]] = data["title"]


@on_document("activities", "IndicatorAdded")
def _indicator(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    fields = ("focus_area_id", "name", "unit", "direction", "target")
    doc["indicators"][data["indicator_id"]] = camel_fields(data, *fields)


@rule("activities", "MeasurementRecorded")
def _measurement(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    fields = ("indicator_id", "period", "area_id", "value", "source", "sample_size")
    docs.put(keys[1], camel_fields(data, *fields))


@rule("activities", "SafetyIndexResultRecorded")
def _safety_index(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    fields = ("area_id", "period", "feeling_safe", "feeling_unsafe", "respondents", "invited")
    docs.put(keys[1], camel_fields(data, *fields))


@rule("activities", "SurveyWaveOpened")
def _wave(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            **camel_fields(data, "wave_id", "title", "opened_on"),
            "closed": False,
            "responses": {},
        },
    )


@on_document("activities", "SurveyWaveClosed")
def _wave_closed(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["closed"] = True


@on_document("activities", "SurveyResponseRecorded")
def _response(doc: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    doc["responses"][data["respondent_actor_id"]] = [
        {
            "actorId": rating["actor_id"],
            "intensity": rating.get("intensity"),
            "trust": _mean(rating.get("trust")),
            "value": _mean(rating.get("value")),
        }
        for rating in data["ratings"]
    ]


def _mean(scores: Mapping[str, Any] | None) -> float | None:
    values = [float(v) for v in (scores or {}).values() if v is not None]
    return round(sum(values) / len(values), 4) if values else None
