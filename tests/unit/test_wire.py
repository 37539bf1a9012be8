"""A state's JSON on the wire: its names camelCase, the ids keying its maps as they are."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import make_dataclass
from typing import Any

from trygnet_core.wire import camel_json


class Role(enum.StrEnum):
    LEAD = "lead"


# A record of named fields kept in a map by its id, and a state with maps keyed by ids,
# records of ``Any``, a list of records and an optional record.
Task = make_dataclass("Task", [("owner_actor_id", str), ("due_on", str | None, None)])
Group = make_dataclass(
    "Group",
    [
        ("group_id", str),
        ("member_roles", Mapping[str, Role]),
        ("open_tasks", Mapping[str, Task]),
        ("last_meeting", Mapping[str, Any]),
        ("ratings", tuple[dict[str, Any], ...], ()),
        ("lead_task", Task | None, None),
    ],
)


def test_names_are_camel_case_and_ids_keying_a_map_stay_as_they_are() -> None:
    stored = {
        "group_id": "group_1",
        "member_roles": {"actor_police": "lead"},
        "open_tasks": {"task_1": {"owner_actor_id": "actor_police", "due_on": None}},
        "last_meeting": {"held_on": "2026-01-05", "follow_up": {"actor_id": "actor_club"}},
        "ratings": [{"actor_id": "actor_club", "trust": {"shared_mission": 3}}],
        "lead_task": {"owner_actor_id": "actor_police"},
    }

    assert camel_json(Group | None, stored) == {
        "groupId": "group_1",
        "memberRoles": {"actor_police": "lead"},
        "openTasks": {"task_1": {"ownerActorId": "actor_police", "dueOn": None}},
        "lastMeeting": {"heldOn": "2026-01-05", "followUp": {"actorId": "actor_club"}},
        "ratings": [{"actorId": "actor_club", "trust": {"sharedMission": 3}}],
        "leadTask": {"ownerActorId": "actor_police"},
    }
    assert camel_json(Group | None, None) is None
