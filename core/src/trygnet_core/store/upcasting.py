"""Upcasters: old events read as the newest schema, stored events never rewritten.

An upcaster turns the data of ``(event type, schema version n)`` into the data of
version ``n + 1``; the registry applies them in a chain until no upcaster is
left, so a reader only ever sees the newest schema.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from trygnet_core.envelope import RecordedEvent

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class Upcasters:
    def __init__(self) -> None:
        self._chain: dict[tuple[str, int], Upcaster] = {}

    def register(self, event_type: str, *, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Decorator: ``fn`` upcasts ``event_type`` data from ``from_version`` to the next."""

        def add(fn: Upcaster) -> Upcaster:
            key = (event_type, from_version)
            if key in self._chain:
                raise ValueError(f"an upcaster for {event_type} v{from_version} exists already")
            self._chain[key] = fn
            return fn

        return add

    def latest_version(self, event_type: str, version: int = 1) -> int:
        while (event_type, version) in self._chain:
            version += 1
        return version

    def upcast(self, event: RecordedEvent) -> RecordedEvent:
        version = event.schema_version
        step = self._chain.get((event.type, version))
        if step is None:
            return event
        data: Mapping[str, Any] = event.data
        while step is not None:
            data = step(dict(data))
            version += 1
            step = self._chain.get((event.type, version))
        return dataclasses.replace(event, data=data, schema_version=version)
