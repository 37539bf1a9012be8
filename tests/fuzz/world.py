"""A small world in the fuzzer's municipality, so generated requests reach the domain:
an area and two actors in the actors service, known to the activities and incidents
services (their replicas learn them from the actors' events), a partnership and an
activity there, and an incident. Generated requests name these where the schema asks
for an area, an actor or a stream; without them nearly every write stops at "no actor"."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.gateway.conftest import Platform


@dataclass
class World:
    ids: dict[str, list[str]] = field(default_factory=dict)
    """Ids by kind (their prefix: ``area``, ``actor``, ``incident``, ...)."""

    def add(self, written: Any) -> None:
        """Every id an answer names (``id``, ``taskId``, ...), by its prefix."""
        if not isinstance(written, dict):
            return
        for key, value in written.items():
            if (key == "id" or key.endswith("Id")) and isinstance(value, str) and "-" in value:
                kind = value.split("-", 1)[0]
                if value not in self.ids.setdefault(kind, []):
                    self.ids[kind].append(value)


async def _created(http: httpx.AsyncClient, url: str, body: dict[str, Any]) -> Any:
    """A write retried while the service does not know the actors and areas yet."""
    deadline = time.monotonic() + 30
    while True:
        response = await http.post(url, json=body)
        if response.status_code == 201 or time.monotonic() > deadline:
            assert response.status_code == 201, response.text
            return response.json()
        await asyncio.sleep(0.2)


async def build_world(platform: Platform, bearer: str) -> World:
    world = World()
    urls = platform.services
    headers = {"Authorization": f"Bearer {bearer}"}
    async with httpx.AsyncClient(headers=headers, timeout=30) as http:
        world.add(
            await _created(
                http, f"{urls['actors']}/areas", {"name": "Tingbjerg", "kind": "housing_area"}
            )
        )
        for name, sector in (
            ("SSP Brønshøj", "ssp"),
            ("Boligsocial helhedsplan", "housing_association"),
        ):
            world.add(
                await _created(http, f"{urls['actors']}/actors", {"name": name, "sector": sector})
            )
        area, actor, other = world.ids["area"][0], *world.ids["actor"][:2]
        world.add(
            await _created(
                http,
                f"{urls['activities']}/partnerships",
                {
                    "name": "Tryghedspartnerskab",
                    "mandate": "Coordinate prevention",
                    "authorisedBy": "Borgerrepræsentationen",
                    "authorisedOn": "2025-03-01",
                    "coordinatorActorId": other,
                    "areas": [area],
                },
            )
        )
        world.add(
            await _created(
                http,
                f"{urls['activities']}/activities",
                {
                    "title": "After-school jobs",
                    "level": "frontline",
                    "ownerActorId": actor,
                    "areas": [area],
                    "themes": ["youth", "employment"],
                    "targetAgeFrom": 13,
                    "targetAgeTo": 17,
                    "targetGroup": "young people 13-17",
                    "start": "2026-09-01",
                    "end": "2027-06-30",
                },
            )
        )
        world.add(
            await _created(
                http,
                f"{urls['incidents']}/incidents",
                {
                    "kind": "shooting",
                    "severity": 4,
                    "areaId": area,
                    "place": "Ruten",
                    "occurredAt": "2026-09-14T21:40:00+00:00",
                    "reportingActorId": actor,
                    "summary": "Shots fired near the square",
                },
            )
        )
    return world
