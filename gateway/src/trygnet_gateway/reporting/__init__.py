"""The reports: the reporting service's projections, read through the gateway.

Every report of one municipality takes ``areaId`` (an area of the caller's
municipality, else ``NOT_FOUND``) and ``atLeast``: the ``position`` tokens mutations
answered. The report is answered once the projections have applied those writes
(read-your-writes), or ``TIMEOUT`` if they have not within a few seconds. The actors
a report names are read from the actors service through ``actor_by_id``: one batch
per report, never one call per actor.

National bodies read ``nationalOverview`` only (every other report is ``FORBIDDEN``
to them, and it to everyone else): counts across municipalities, a small count shown
as suppressed, never as a number."""

from __future__ import annotations

from strawberry.tools import merge_types

from trygnet_gateway.reporting import contributions, roots

Query = merge_types("Query", (roots.Query, contributions.Query))

__all__ = ["Query"]
