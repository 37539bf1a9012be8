"""Every GraphQL error carries ``extensions.code`` (DESIGN.md's list, and
``RATE_LIMITED``); ``BAD_USER_INPUT`` names the field. An unexpected failure is logged
and answered as ``INTERNAL`` with no detail: never a stack trace or a service's words."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncGenerator, Iterator
from contextlib import aclosing
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.execution import ExecutionResult

from trygnet_core.errors import TrygnetError

log = logging.getLogger(__name__)


_VARIABLE = re.compile(
    r"^Variable '\$(\w+)'(?: has invalid value(?: at ([\w.\[\]]*))?:| [^;]*;|)\s*(.*)$", re.S
)
_QUOTED_VALUE = re.compile(r"(?i)(value|found) '[^']*'|: '[^']*'")


def _bad_variable(error: GraphQLError) -> GraphQLError | None:
    """A variable the schema refuses (a wrong enum value, a missing field) as
    ``BAD_USER_INPUT`` naming the field, without repeating the value given: it may be
    personal data (a name typed where a number belongs)."""
    found = _VARIABLE.match(error.message)
    if found is None:
        return None
    variable, at, reason = found.groups()
    where = (at or "").strip(".")
    field = where if variable == "input" and where else ".".join(filter(None, (variable, where)))
    reason = reason.split(" Did you mean")[0]
    reason = _QUOTED_VALUE.sub(lambda m: f"{m.group(1)} given" if m.group(1) else "", reason)
    reason = re.sub(r"^of required type '[^']*' was not provided\.", "is required.", reason)
    missing = re.match(
        r"^(?:Field '(\w+)' of required type '[^']*' was not provided\."
        r"|Expected value of type '[^']*' to include required field '(\w+)')",
        reason,
    )
    if missing:
        inner = missing.group(1) or missing.group(2)
        field = f"{field}.{inner}" if field and field != "input" else inner
        reason = "is required."
    message = f"{field}: {reason.strip() or 'invalid value'}"
    return GraphQLError(
        message,
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "BAD_USER_INPUT", "field": field},
    )


def coded(error: GraphQLError) -> GraphQLError:
    refused = _bad_variable(error)
    if refused is not None:
        return refused
    original = error.original_error
    if isinstance(original, TrygnetError):
        extensions = {"code": original.code}
        if original.field:
            extensions["field"] = original.field
        return GraphQLError(
            original.detail, nodes=error.nodes, path=error.path, extensions=extensions
        )
    if original is None:  # the query itself: syntax, unknown fields, limits
        given = dict(error.extensions or {})  # a limit's figures: cost, retryAfter
        given["code"] = given.get("code") or "BAD_USER_INPUT"
        return GraphQLError(error.message, nodes=error.nodes, path=error.path, extensions=given)
    log.error(
        "resolver failed",
        exc_info=(type(original), original, original.__traceback__),
        extra={"path": list(error.path or [])},
    )
    return GraphQLError(
        "internal error", nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL"}
    )


class Schema(strawberry.Schema):
    """Strawberry's schema, minus its own error log: that log repeats what the caller
    sent, which may be personal data. ``coded`` logs what needs it (a resolver that
    failed), with ids only."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None

    async def stream(self, *args: Any, **kwargs: Any) -> Any:
        """A subscription's results (over graphql-transport-ws) coded as the others are:
        its errors (a missing or expired token, a refusal) pass no operation hook."""
        return _coded_results(await super().stream(*args, **kwargs))


async def _coded_results(results: Any) -> AsyncGenerator[Any, None]:
    async with aclosing(results):
        async for result in results:
            if isinstance(result, ExecutionResult) and result.errors:
                result.errors = [coded(error) for error in result.errors]
            yield result


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [coded(error) for error in result.errors]
