"""The live incident board's relay: the gateway's ``incidentEvents`` subscription
(graphql-transport-ws), asked with the signed-in person's own token, relayed to
their browser as server-sent events.

Each person's stream is their own subscription: the gateway decides what it tells
them, and nothing one person receives ever reaches another. The relay sends only
which incident changed and how (its type, id and status, as the person's own
subscription gave them); the browser then asks the board again, as that person.
The stream ends when the person signs out or their session ends. A person has at
most a few streams open at once (``LiveStreams``): each holds a subscription at the
gateway, and one person's hundred tabs or scripted requests must not hold hundreds."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import Counter
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator
from typing import Final

from trygnet_portal.client.gateway import Gateway
from trygnet_portal.client.incident_events import IncidentEventsIncidentEvents

log = logging.getLogger(__name__)
KEEPALIVE: Final = 15.0
"""Seconds between comments on a quiet stream, so a browser gone away is noticed."""


class LiveStreams:
    """How many live streams each person (municipality and subject) has open; a stream
    counts from its first event to its end, so one never started holds nothing."""

    def __init__(self, per_person: int) -> None:
        self.per_person = per_person
        self._open: Counter[tuple[str, str]] = Counter()

    def full(self, person: tuple[str, str]) -> bool:
        return self._open[person] >= self.per_person

    @contextlib.contextmanager
    def held(self, person: tuple[str, str]) -> Iterator[bool]:
        """True, and one more stream counted while it lasts; False when the person has
        as many open as they may."""
        if self.full(person):
            yield False
            return
        self._open[person] += 1
        try:
            yield True
        finally:
            self._open[person] -= 1
            if not self._open[person]:
                del self._open[person]


def subscriber(graphql_url: str, token: str) -> Gateway:
    """The typed client for one person's subscription."""
    authorization = f"Bearer {token}"
    return Gateway(
        url=graphql_url,
        ws_url=graphql_url.replace("https://", "wss://", 1).replace("http://", "ws://", 1),
        ws_headers={"Authorization": authorization},
        ws_connection_init_payload={"Authorization": authorization},
    )


def message(event: str, data: dict[str, str]) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


def change(event: IncidentEventsIncidentEvents) -> dict[str, str]:
    return {
        "type": event.type_,
        "incidentId": event.incident_id,
        "status": event.incident.status.value,
    }


async def relayed(
    gateway: Gateway,
    still_signed_in: Callable[[], bool],
    slot: contextlib.AbstractContextManager[bool],
    keepalive: float = KEEPALIVE,
) -> AsyncIterator[str]:
    """The server-sent events of one person's subscription, while ``slot`` (the
    person's count of streams) holds it; none is opened when it does not."""
    with slot as held:
        if not held:
            yield message("unavailable", {})
            return
        async with contextlib.aclosing(_relayed(gateway, still_signed_in, keepalive)) as events:
            async for event in events:
                yield event


async def _relayed(
    gateway: Gateway, still_signed_in: Callable[[], bool], keepalive: float
) -> AsyncGenerator[str]:
    queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=100)

    async def read() -> None:
        try:
            async for answer in gateway.incident_events():
                await queue.put(message("incident", change(answer.incident_events)))
        except Exception as failure:  # any end of the socket ends the stream
            log.warning("the live incident stream ended: %s", type(failure).__name__)
            await queue.put(message("unavailable", {}))
        await queue.put(None)

    reader = asyncio.create_task(read())
    try:
        yield message("ready", {})
        while still_signed_in():
            try:
                item = await asyncio.wait_for(queue.get(), keepalive)
            except TimeoutError:
                yield ": keepalive\n\n"
                continue
            if item is None:
                break
            if still_signed_in():
                yield item
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
