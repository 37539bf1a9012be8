"""The gateway's schema: the root fields of each domain module, merged.

Each domain module (``actors``, ``activities``, ``incidents``, ``reporting``) defines
its types and may define ``Query``, ``Mutation`` and ``Subscription`` classes; they are
merged here into one schema. ``python -m trygnet_gateway.schema`` prints the SDL, which
is kept in ``gateway/schema.graphql`` (a test fails when code and file differ).
"""

from __future__ import annotations

import importlib
from typing import Any

import strawberry
from strawberry.tools import merge_types

from trygnet_gateway.budgets import Budgets
from trygnet_gateway.context import Info
from trygnet_gateway.errors import Schema
from trygnet_gateway.limits import extensions
from trygnet_gateway.settings import Limits

DOMAINS = ("actors", "activities", "incidents", "reporting", "exchange", "situation")


@strawberry.type(description="Who is calling, as the bearer token says.")
class Me:
    subject: str = strawberry.field(
        description="The token's subject: the person or client calling."
    )
    tenant: str = strawberry.field(description="The municipality code (tenant).")
    roles: list[str] = strawberry.field(
        description="The caller's roles: coordinator, partner, police, integration, national."
    )
    actor_id: strawberry.ID | None = strawberry.field(
        description="The organisation the caller works for, if any."
    )
    scopes: list[str] = strawberry.field(
        description="An integration client's scopes (what it may do); empty for people."
    )


@strawberry.type
class Root:
    @strawberry.field(description="The caller: subject, municipality, roles and actor.")
    def me(self, info: Info) -> Me:
        principal = info.context.principal
        return Me(
            subject=principal.subject,
            tenant=str(principal.tenant),
            roles=sorted(principal.roles),
            actor_id=strawberry.ID(principal.actor_id) if principal.actor_id else None,
            scopes=sorted(principal.scopes),
        )


def _roots(name: str) -> tuple[type, ...]:
    found = []
    for domain in DOMAINS:
        try:
            module = importlib.import_module(f"trygnet_gateway.{domain}")
        except ModuleNotFoundError as error:
            if error.name != f"trygnet_gateway.{domain}":
                raise
            continue
        if hasattr(module, name):
            found.append(getattr(module, name))
    return tuple(found)


ROOT_DESCRIPTIONS = {
    "Query": "What you may read: your municipality's actors, activities and incidents "
    "(from the services that own them, up to date) and the reports (`atLeast` waits for "
    "your own writes); national bodies read only `nationalOverview`, the practices every "
    "municipality shared (`practices`), `supportOffers` and `me`.",
    "Mutation": "Each mutation is one command on one thing, checked by the service that "
    "owns it; it answers the thing as it is after the write and the write's `position`.",
    "Subscription": "Live changes, over a WebSocket (graphql-transport-ws).",
}


def _merged(name: str, roots: tuple[type, ...]) -> Any:
    """The domains' root fields of one kind as one described type."""
    merged: Any = merge_types(name, roots)
    merged.__strawberry_definition__.description = ROOT_DESCRIPTIONS[name]
    return merged


def build_schema(limits: Limits | None = None, budgets: Budgets | None = None) -> strawberry.Schema:
    limits = limits or Limits()
    budgets = budgets or Budgets(limits)
    mutations = _roots("Mutation")
    subscriptions = _roots("Subscription")
    return Schema(
        query=_merged("Query", (Root, *_roots("Query"))),
        mutation=_merged("Mutation", mutations) if mutations else None,
        subscription=_merged("Subscription", subscriptions) if subscriptions else None,
        extensions=extensions(limits, budgets),
        max_tokens=limits.max_tokens,
    )


def sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    print(sdl(), end="")
