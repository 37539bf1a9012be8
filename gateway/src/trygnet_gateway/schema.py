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

DOMAINS = ("actors", "activities", "incidents", "reporting")


@strawberry.type(description="Who is calling, as the bearer token says.")
class Me:
    subject: str
    tenant: str = strawberry.field(description="The municipality code (tenant).")
    roles: list[str]
    actor_id: strawberry.ID | None = strawberry.field(
        description="The organisation the caller works for, if any."
    )
    scopes: list[str]


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


def build_schema(limits: Limits | None = None, budgets: Budgets | None = None) -> strawberry.Schema:
    limits = limits or Limits()
    budgets = budgets or Budgets(limits)
    query: Any = merge_types("Query", (Root, *_roots("Query")))
    mutations = _roots("Mutation")
    subscriptions = _roots("Subscription")
    return Schema(
        query=query,
        mutation=merge_types("Mutation", mutations) if mutations else None,
        subscription=merge_types("Subscription", subscriptions) if subscriptions else None,
        extensions=extensions(limits, budgets),
    )


def sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    print(sdl(), end="")
