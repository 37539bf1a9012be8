"""Areas, actors and their contacts: read from and written to the actors service.

The loaders here (``area_by_id``, ``actor_by_id``) are how every other module shows an
area or an actor: lookups made while one query runs go to the service as one batch.
A mutation forgets what its request's loaders hold of the thing it changed before it
reads it back, so two mutations in one request never answer a stale entity.

The actors service decides who sees what (a contact's phone and e-mail only for
coordinators and the actor's own staff) and who may change what; the gateway only
forwards the caller's token."""

from __future__ import annotations

from trygnet_gateway.actors.roots import Mutation, Query
from trygnet_gateway.actors.types import (
    Actor,
    Area,
    actor_by_id,
    actor_of,
    actors_by_id,
    actors_of,
    area_by_id,
    area_of,
    areas_by_id,
    areas_of,
)
from trygnet_gateway.context import found

__all__ = [
    "Actor",
    "Area",
    "Mutation",
    "Query",
    "actor_by_id",
    "actor_of",
    "actors_by_id",
    "actors_of",
    "area_by_id",
    "area_of",
    "areas_by_id",
    "areas_of",
    "found",
]
