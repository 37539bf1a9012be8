"""A root field that is one report: it takes ``areaId``, its own filters and ``atLeast``,
reads the report once (``reads.report``) and answers the type made of it. Each such
field is one row of its roots' table:

    outcomes = report_field(
        "/outcomes", Outcomes.of, Outcomes, "Safety index, …", from_=From, to=To
    )

is ``outcomes(areaId: ID, from: String, to: String, atLeast: [String!]): Outcomes!``; a
filter is sent under its GraphQL name (``from_`` as ``from``, ``as_of`` as ``asOf``)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import strawberry

from trygnet_gateway.context import Info
from trygnet_gateway.input_fields import camel
from trygnet_gateway.reporting.reads import AreaId, AtLeast, report

_ARGUMENT = inspect.Parameter.POSITIONAL_OR_KEYWORD


def report_field(
    path: str,
    made: Callable[[dict[str, Any]], Any],
    returns: Any,
    description: str,
    **filters: Any,
) -> Any:
    """The root field reading the report ``path``: its arguments ``areaId``, each of
    ``filters`` (``name=ArgumentType``, optional, in the order given) and ``atLeast``;
    it answers ``made(report)``, of the GraphQL type ``returns``."""

    async def resolve(
        info: Info, area_id: str | None = None, at_least: list[str] | None = None, **given: Any
    ) -> Any:
        params = {camel(name): value for name, value in given.items()}
        return made(await report(info, path, area_id=area_id, at_least=at_least, params=params))

    def optional(name: str, kind: Any) -> inspect.Parameter:
        return inspect.Parameter(
            name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None, annotation=kind
        )

    arguments = {"area_id": AreaId, **filters, "at_least": AtLeast}
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("info", _ARGUMENT, annotation=Info),
            *(optional(name, kind) for name, kind in arguments.items()),
        ],
        return_annotation=returns,
    )
    return strawberry.field(resolver=resolve, description=description)
