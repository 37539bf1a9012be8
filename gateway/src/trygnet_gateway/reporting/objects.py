"""The objects behind the ids a report hands out: its area, actors, activities, fora,
incident and focus area, for a field beside the id (``area`` beside ``areaId``).

An integrator should not have to send a second query to learn what ``area-4612ba78``
is. Each resolver here reads through the request's DataLoaders (``area_by_id``,
``actor_by_id``, ``activity_by_id``, ...), so a report of a hundred rows asks each
service once, never once per row. Each object comes from its owning service as the
caller may see it: an incident restricted from the caller comes redacted (its text
null), and what a report withholds from the caller (``null`` ids) stays null here.
"""

from __future__ import annotations

from typing import Any, TypeVar

from trygnet_gateway.activities.types.activity import Activity, activity_by_id
from trygnet_gateway.activities.types.fora import Forum, forum_by_id
from trygnet_gateway.activities.types.strategy import FocusArea, focus_area_by_id
from trygnet_gateway.actors import Actor, Area, actor_by_id, area_by_id
from trygnet_gateway.context import Info, each
from trygnet_gateway.incidents.types import Incident, incident_by_id

T = TypeVar("T")


async def area(root: Any, info: Info) -> Area | None:
    """``root.area_id``'s area; null when the report covers every area."""
    return None if root.area_id is None else await area_by_id(info, root.area_id)


async def source_actor(root: Any, info: Info) -> Actor | None:
    return await actor_by_id(info, root.source)


async def target_actor(root: Any, info: Info) -> Actor | None:
    return await actor_by_id(info, root.target)


async def activity(root: Any, info: Info) -> Activity | None:
    """``root.id`` as an activity (null for a forum's id)."""
    return await activity_by_id(info, root.id)


async def forum(root: Any, info: Info) -> Forum | None:
    """``root.id`` as a forum (null for an activity's id)."""
    return await forum_by_id(info, root.id)


async def shared_activities(root: Any, info: Info) -> list[Activity]:
    """The activities among ``root.groups`` (the ids of activities and fora)."""
    return await each(info, root.groups, activity_by_id)


async def shared_fora(root: Any, info: Info) -> list[Forum]:
    """The fora among ``root.groups``."""
    return await each(info, root.groups, forum_by_id)


async def follow_ups(root: Any, info: Info) -> list[Activity] | None:
    """``root.follow_up_activities`` as activities; null where the report withholds them."""
    ids = root.follow_up_activities
    return None if ids is None else await each(info, ids, activity_by_id)


async def incident(root: Any, info: Info) -> Incident | None:
    """``root.incident_id``'s incident, as the incidents service shows it to the caller."""
    return await incident_by_id(info, root.incident_id)


async def focus_area(root: Any, info: Info) -> FocusArea | None:
    """``root.focus_area_id``'s focus area of the strategy (read once per query)."""
    return await focus_area_by_id(info, root.focus_area_id)
