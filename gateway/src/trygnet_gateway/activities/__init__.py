"""What the partners do together: partnerships, fora and their meetings, activities,
safety walks, the joint strategy and relationship surveys, read from and written to
the activities service.

Every entity is read back from the service's documents (``GET /<kind>?id=...`` in one
batch per query); the actors and areas they name go through the loaders of
``trygnet_gateway.actors``, so a page of activities with their partners and areas
costs one call to each service, never one per item."""

from __future__ import annotations

from strawberry.tools import merge_types

from trygnet_gateway.activities import hourly_rate, queries
from trygnet_gateway.activities.mutations import (
    activity,
    fora,
    partnerships,
    safety_walks,
    strategy,
    surveys,
)

Query = merge_types("Query", (queries.Query, hourly_rate.Query))
# The schema lists the commands sent as they are first, then the written-out mutations,
# concept by concept: this order is the published schema's.
Mutation = merge_types(
    "Mutation",
    (
        partnerships.Commands,
        fora.Commands,
        activity.Commands,
        strategy.Commands,
        surveys.Commands,
        fora.Mutation,
        activity.Mutation,
        safety_walks.Mutation,
        strategy.Mutation,
        hourly_rate.Mutation,
    ),
)
