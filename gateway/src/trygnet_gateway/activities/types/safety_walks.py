"""Safety walks' GraphQL types: a walk, its findings and the actions assigned on them, and
``safety_walk_by_id``, its batched loader."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from trygnet_gateway.activities.reads import by_id
from trygnet_gateway.actors import (
    actor_of,
    actors_of,
    area_of,
)
from trygnet_gateway.answers import kept, of_answer
from trygnet_gateway.context import Info
from trygnet_gateway.vocabulary import ActionStatus, FindingKind
from trygnet_gateway.writes import ABOUT_VERSION


async def safety_walk_by_id(info: Info, walk_id: str, *, fresh: bool = False) -> SafetyWalk | None:
    return await by_id(info, "safety-walks", SafetyWalk.of, walk_id, fresh=fresh)


@strawberry.type(description="What an actor is to do about a finding by its deadline.")
class FindingAction:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the action.")
    finding_id: strawberry.ID = strawberry.field(description="The finding it acts on.")
    owner_actor_id: strawberry.Private[str]
    deadline: date | None = strawberry.field(description="The day it is to be done by.")
    status: ActionStatus = strawberry.field(description="Where it stands.")
    reason: str | None = strawberry.field(description="Why it was rejected; null unless REJECTED.")

    owner = strawberry.field(
        resolver=actor_of("owner_actor_id"), description="The actor that owns the action."
    )


@strawberry.type(description="Something on a safety walk that makes the area feel unsafe.")
class Finding:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the finding.")
    kind: FindingKind = strawberry.field(description="What was found.")
    actions: list[FindingAction] = strawberry.field(description="The actions assigned on it.")


@strawberry.type(description="Partners and residents walked an area noting what feels unsafe.")
class SafetyWalk:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the walk.")
    walked_on: date | None = strawberry.field(description="The day of the walk.")
    area_id: strawberry.Private[str]
    participant_ids: strawberry.Private[list[str]] = kept("participants", many=True)
    residents: int = strawberry.field(description="How many residents came along.")
    follows_walk_id: strawberry.Private[str | None]
    findings: list[Finding] = strawberry.field(description="What the walk found.")
    actions: list[FindingAction] = strawberry.field(description="The actions on all its findings.")
    version: int = strawberry.field(description=ABOUT_VERSION)

    @classmethod
    def of(cls, item: dict[str, Any]) -> SafetyWalk:
        actions = [
            of_answer(FindingAction, a, id=strawberry.ID(action_id))
            for action_id, a in (item.get("actions") or {}).items()
        ]
        return of_answer(
            cls,
            item,
            residents=int(item.get("residents") or 0),
            findings=[
                Finding(
                    id=strawberry.ID(finding_id),
                    kind=FindingKind(kind),
                    actions=[a for a in actions if a.finding_id == finding_id],
                )
                for finding_id, kind in (item.get("findings") or {}).items()
            ],
            actions=actions,
        )

    area = strawberry.field(resolver=area_of("area_id"), description="The area walked.")
    participants = strawberry.field(
        resolver=actors_of("participant_ids"), description="The actors that walked."
    )

    @strawberry.field(description="The earlier walk this one follows up, if any.")
    async def follows_walk(self, info: Info) -> SafetyWalk | None:
        return await safety_walk_by_id(info, self.follows_walk_id) if self.follows_walk_id else None
