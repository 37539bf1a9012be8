"""The fields of an actor joining a partnership, a forum or an activity (with its role
there, where it has one) and of one leaving it: field groups of ``change_of`` inputs.
Annotated with types, not text (no ``from __future__ import annotations``): an input
declared in another module could not resolve the text there."""

import strawberry

from trygnet_gateway.vocabulary import PartnerRole


class Joining:
    actor_id: strawberry.ID = strawberry.field(description="The actor joining.")


class JoiningInRole(Joining):
    role: PartnerRole = strawberry.field(description="Its role there.")


class Leaving:
    actor_id: strawberry.ID = strawberry.field(description="The actor leaving.")
