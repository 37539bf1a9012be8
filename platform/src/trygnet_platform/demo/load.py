"""Load a plan into a municipality through the gateway's GraphQL API, as its
coordinator: areas, actors, fora, activities and their partners.

A write that names an actor the activities service has not yet learned of (its
replica follows the actors service's events) is retried for a while.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from trygnet_platform.demo import tingbjerg

REPLICA_WAIT = 30.0


class LoadFailed(RuntimeError):
    pass


@dataclass
class Loader:
    http: httpx.AsyncClient
    token: str
    positions: list[str] = field(default_factory=list)

    async def mutate(self, name: str, input: dict[str, Any], pick: str = "") -> dict[str, Any]:
        kind = name[0].upper() + name[1:]
        query = f"mutation($input: {kind}Input!) {{ {name}(input: $input) {{ position {pick} }} }}"
        deadline = time.monotonic() + REPLICA_WAIT
        while True:
            answer = await self.http.post(
                "/graphql",
                json={"query": query, "variables": {"input": input}},
                headers={"Authorization": f"Bearer {self.token}"},
            )
            body = answer.json()
            errors = body.get("errors") or []
            waiting = errors and all(
                e["extensions"]["code"] == "BAD_USER_INPUT"
                and e["message"].startswith(("no actor ", "no area "))
                for e in errors
            )
            if not errors:
                written: dict[str, Any] = body["data"][name]
                self.positions.append(written["position"])
                return written
            if not waiting or time.monotonic() > deadline:
                raise LoadFailed(f"{name}: {errors[0]['message']}")
            await asyncio.sleep(0.2)


async def load_tingbjerg(http: httpx.AsyncClient, token: str) -> Loader:
    """Tingbjerg-Husum (``tingbjerg``) into the municipality of ``token``."""
    loader = Loader(http, token)
    area = (
        await loader.mutate(
            "defineArea", {"name": tingbjerg.AREA, "kind": "HOUSING_AREA"}, "area { id }"
        )
    )["area"]["id"]
    actors: dict[str, str] = {}
    for plan in tingbjerg.ACTORS:
        made = await loader.mutate(
            "registerActor",
            {
                "name": plan.name,
                "sector": plan.sector,
                "levels": list(plan.levels),
                "themes": list(plan.themes),
                "areas": [area],
                "externalId": plan.key,
            },
            "actor { id }",
        )
        actors[plan.key] = made["actor"]["id"]
    for forum in tingbjerg.FORA:
        await loader.mutate(
            "createForum",
            {
                "name": forum.name,
                "ownerActorId": actors[forum.owner],
                "level": forum.level,
                "cadence": forum.cadence,
                "members": [actors[k] for k in (forum.owner, *forum.members)],
            },
        )
    for activity in tingbjerg.ACTIVITIES:
        ages = (
            {"targetAgeFrom": activity.ages[0], "targetAgeTo": activity.ages[1]}
            if activity.ages
            else {}
        )
        made = await loader.mutate(
            "createActivity",
            {
                "title": activity.title,
                "level": activity.level,
                "ownerActorId": actors[activity.owner],
                "themes": list(activity.themes),
                "areas": [area],
                "start": "2026-01-05",
                **ages,
            },
            "activity { id }",
        )
        activity_id = made["activity"]["id"]
        for partner in activity.partners:
            await loader.mutate(
                "joinActivity",
                {"activityId": activity_id, "actorId": actors[partner], "role": "PARTNER"},
            )
        await loader.mutate("changeActivityStatus", {"activityId": activity_id, "status": "ACTIVE"})
    return loader
