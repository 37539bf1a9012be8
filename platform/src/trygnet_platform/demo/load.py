"""The one way the demo data reaches the platform: GraphQL over HTTP to the gateway, as
a municipality's coordinator (or a national body, to read).

Writes run concurrently, at most a few at once against each service (``gate.py``),
shared by every municipality being loaded, so the gateway and the services stay busy
without being flooded: on SQLite a service writes one command at a time anyway, and
its outbox relay needs the write lock between them.

The activities and incidents services learn actors and areas from the actors
service's events (their replica), a moment after they are written. A write naming an
actor or area they have not learned yet is answered BAD_USER_INPUT "no actor …" /
"no area …"; ``Loader.mutate`` waits and sends it again, with a growing pause (never
a busy loop), for up to ``REPLICA_WAIT`` seconds. It is the only retry in the demo
loader: no other refusal is retried.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import httpx

from trygnet_platform.demo.gate import Gate

REPLICA_WAIT: Final = 30.0
AT_ONCE: Final = {"actors": 2, "activities": 6, "incidents": 4, "reads": 8}
"""Writes under way at once against each service (reads: queries to any)."""
FIRST_PAUSE: Final = 0.05
LONGEST_PAUSE: Final = 1.0
INPUT_TYPES: Final = {"pinTimelineEntry": "TimelineEntryInput"}
"""The mutations whose input type is not named after them."""
SERVICE_OF: Final = {
    **dict.fromkeys(("defineArea", "registerActor", "importActors"), "actors"),
    **dict.fromkeys(
        (
            "setEscalationRules",
            "reportIncident",
            "changeIncidentStatus",
            "assignIncidentRole",
            "addIncidentTask",
            "completeIncidentTask",
            "addTimelineEntry",
            "pinTimelineEntry",
            "updateTacticalReport",
            "recordFollowUpActivity",
            "fileObservation",
            "recordSituationDecision",
            "changeSituationDecisionStatus",
        ),
        "incidents",
    ),
}
"""The service each mutation the demo sends is written by (the others: activities)."""


def gates() -> dict[str, Gate]:
    """One gate a service, to share between the loaders of every municipality."""
    return {service: Gate(size) for service, size in AT_ONCE.items()}


class LoadFailed(RuntimeError):
    """The platform refused a write of the demo data (or a read it needs)."""


def given(**fields: Any) -> dict[str, Any]:
    """A mutation's input without the fields a plan leaves out (``None``)."""
    return {name: value for name, value in fields.items() if value is not None}


def _waiting_for_replica(errors: list[dict[str, Any]]) -> bool:
    return bool(errors) and all(
        error.get("extensions", {}).get("code") == "BAD_USER_INPUT"
        and str(error.get("message", "")).startswith(("no actor ", "no area "))
        for error in errors
    )


@dataclass
class Loader:
    """One caller's GraphQL client. ``positions`` keeps the latest position written on
    each stream (a report takes them as ``atLeast``); ``writes`` counts the writes."""

    http: httpx.AsyncClient
    token: str
    gates: dict[str, Gate] = field(default_factory=gates)
    positions: dict[str, str] = field(default_factory=dict)
    writes: int = 0

    async def send(self, query: str, service: str = "reads", **variables: Any) -> dict[str, Any]:
        """One operation (a mutation of ``service``); its errors as given, unretried."""
        async with self.gates[service].held():
            answer = await self.http.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {self.token}"},
            )
        if answer.status_code != 200:
            raise LoadFailed(f"the gateway answered HTTP {answer.status_code}: {answer.text[:200]}")
        body: dict[str, Any] = answer.json()
        return body

    async def read(self, query: str, **variables: Any) -> dict[str, Any]:
        body = await self.send(query, **variables)
        if body.get("errors"):
            raise LoadFailed(f"reading: {body['errors'][0]['message']}")
        data: dict[str, Any] = body["data"]
        return data

    async def mutate(self, name: str, input: Mapping[str, Any], pick: str = "") -> dict[str, Any]:
        """The mutation ``name`` with ``input``, answering its payload (``position`` and
        what ``pick`` selects)."""
        kind = INPUT_TYPES.get(name) or f"{name[0].upper()}{name[1:]}Input"
        query = f"mutation($input: {kind}!) {{ {name}(input: $input) {{ position {pick} }} }}"
        deadline = time.monotonic() + REPLICA_WAIT
        pause = FIRST_PAUSE
        while True:
            body = await self.send(query, SERVICE_OF.get(name, "activities"), input=dict(input))
            errors = body.get("errors") or []
            if not errors:
                written: dict[str, Any] = body["data"][name]
                self._written(written["position"])
                return written
            if not _waiting_for_replica(errors) or time.monotonic() > deadline:
                raise LoadFailed(f"{name}: {errors[0]['message']}")
            await asyncio.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)

    def _written(self, position: str) -> None:
        self.writes += 1
        self.wrote(position)

    def wrote(self, position: str) -> None:
        """``service/streamId/version``: the stream's latest so far (a write not made
        by ``mutate``: an import's)."""
        stream, _, version = position.rpartition("/")
        known = self.positions.get(stream)
        if known is None or int(known.rpartition("/")[2]) < int(version):
            self.positions[stream] = position

    def latest(self, service: str | None = None, stream: str = "") -> list[str]:
        """The latest position of each stream written (of one service, whose id starts
        with ``stream``: ``walk``, ``strategy``, ``incident``)."""
        wanted = f"{service}/{stream}" if service else ""
        return [p for s, p in self.positions.items() if s.startswith(wanted)]


Written = dict[str, list[str]]
"""The latest position of each stream a load wrote, by municipality: what the reports
must show before ``make run`` says it is ready (``settled``)."""


def note(written: Written | None, tenant: str, loader: Loader) -> None:
    """What ``loader`` wrote, in ``written`` (when kept)."""
    if written is not None:
        written.setdefault(tenant, []).extend(loader.latest())
