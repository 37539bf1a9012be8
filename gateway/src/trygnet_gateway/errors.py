"""Every GraphQL error carries ``extensions.code`` (DESIGN.md's list, and
``RATE_LIMITED``); ``BAD_USER_INPUT`` names the field. An unexpected failure is logged
and answered as ``INTERNAL`` with no detail: never a stack trace or a service's words."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from trygnet_core.errors import TrygnetError

log = logging.getLogger(__name__)


def coded(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, TrygnetError):
        extensions = {"code": original.code}
        if original.field:
            extensions["field"] = original.field
        return GraphQLError(
            original.detail, nodes=error.nodes, path=error.path, extensions=extensions
        )
    if original is None:  # the query itself: syntax, unknown fields, limits
        code = (error.extensions or {}).get("code") or "BAD_USER_INPUT"
        return GraphQLError(
            error.message, nodes=error.nodes, path=error.path, extensions={"code": code}
        )
    log.error(
        "resolver failed",
        exc_info=(type(original), original, original.__traceback__),
        extra={"path": list(error.path or [])},
    )
    return GraphQLError(
        "internal error", nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL"}
    )


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [coded(error) for error in result.errors]
