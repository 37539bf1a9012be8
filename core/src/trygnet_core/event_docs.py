"""``python -m trygnet_core.event_docs``: the event catalogue of every service, as Markdown.

Writes what ``make docs`` puts in ``docs/events.md``: each installed service's
``EventCatalogue``, generated from the code so the page cannot drift from it.
"""

from __future__ import annotations

import importlib

from trygnet_core.events import EventCatalogue

#: The services whose events the platform publishes, by module holding ``catalogue``.
SERVICES = (
    "trygnet_actors.domain.events",
    "trygnet_activities.domain.events",
    "trygnet_incidents.domain.events",
)


def catalogues() -> list[EventCatalogue]:
    found: list[EventCatalogue] = []
    for module in SERVICES:
        try:
            found.append(importlib.import_module(module).catalogue)
        except ModuleNotFoundError:  # a service not installed here (its own container image)
            continue
    return found


def markdown() -> str:
    head = (
        "# Trygnet's events\n\nEvery service publishes its events on its own Kafka topic "
        "(`trygnet.<service>`). This page is generated from the code (`make docs`).\n\n"
    )
    return head + "\n".join(catalogue.markdown(level=2) for catalogue in catalogues())


if __name__ == "__main__":
    print(markdown(), end="")
