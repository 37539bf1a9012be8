"""Every answer of ``/graphql`` is GraphQL JSON with a coded error, whatever was sent.

Strawberry refuses a request it cannot read (no query, a body that is not JSON, a
content type it does not take, a mutation sent with GET, an operation name the query
does not hold) with plain text, which a client reading ``errors[0].extensions.code``
cannot read. Here each refusal becomes ``{"errors": [{"message", "extensions": {"code",
"field"}}]}`` with the HTTP status the GraphQL-over-HTTP specification gives it, in
the gateway's own words: the caller's operation name, or a fragment of its body, is
never repeated. The same words serve a refusal over graphql-transport-ws
(``trygnet_gateway.errors``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from cross_web import HTTPException
from fastapi import Request, WebSocket
from fastapi.responses import JSONResponse, Response
from strawberry.exceptions import MissingQueryError
from strawberry.fastapi import GraphQLRouter
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refused:
    """A request the gateway does not run, as GraphQL JSON."""

    status: int
    code: str
    message: str
    field: str | None = None
    allow: str | None = None

    def error(self) -> dict[str, Any]:
        extensions: dict[str, Any] = {"code": self.code}
        if self.field:
            extensions["field"] = self.field
        return {"message": self.message, "extensions": extensions}

    def response(self) -> Response:
        headers = {"Allow": self.allow} if self.allow else None
        return JSONResponse({"errors": [self.error()]}, self.status, headers)


_NOT_AN_OBJECT = "the body is not a JSON object"
_UNREADABLE = Refused(400, "BAD_USER_INPUT", "the request is not a GraphQL request", "body")

_BY_REASON = {
    "Unsupported content type": Refused(
        415,
        "BAD_USER_INPUT",
        "send the request as application/json, or a query with GET ?query=",
        "Content-Type",
    ),
    "Batching is not enabled": Refused(
        400, "BAD_USER_INPUT", "send one operation per request, as a JSON object", "body"
    ),
    "The GraphQL operation's `query` must be a string or null, if provided.": Refused(
        400, "BAD_USER_INPUT", "query must be the query's text", "query"
    ),
    "The GraphQL operation's `variables` must be an object or null, if provided.": Refused(
        400, "BAD_USER_INPUT", "variables must be a JSON object", "variables"
    ),
    "The GraphQL operation's `extensions` must be an object or null, if provided.": Refused(
        400, "BAD_USER_INPUT", "extensions must be a JSON object", "extensions"
    ),
    _NOT_AN_OBJECT: Refused(
        400, "BAD_USER_INPUT", "the body must be a JSON object: query, variables", "body"
    ),
    "Not Found": Refused(404, "NOT_FOUND", "GraphiQL is served in development only"),
}


def refused(error: BaseException) -> Refused:
    """What the gateway answers to a request Strawberry would not run: ``error`` is
    Strawberry's refusal (an ``HTTPException``, or the exception it stands for)."""
    cause = error.__cause__ if isinstance(error, HTTPException) else error
    if isinstance(cause, json.JSONDecodeError):
        return Refused(400, "BAD_USER_INPUT", "the body is not JSON", "body")
    if isinstance(cause, MissingQueryError):
        return Refused(400, "BAD_USER_INPUT", "the request has no query", "query")
    if isinstance(cause, CannotGetOperationTypeError):
        if cause.operation_name is None:
            return Refused(400, "BAD_USER_INPUT", "the query holds no operation", "query")
        return Refused(
            400, "BAD_USER_INPUT", "the query has no operation of that name", "operationName"
        )
    if isinstance(cause, InvalidOperationTypeError):
        if cause.operation_type is OperationType.SUBSCRIPTION:
            return Refused(
                400,
                "BAD_USER_INPUT",
                "a subscription runs over a WebSocket (graphql-transport-ws)",
                "query",
            )
        return Refused(
            405, "METHOD_NOT_ALLOWED", "a mutation is sent with POST, not GET", "query", "POST"
        )
    if isinstance(error, HTTPException):
        known = _BY_REASON.get(error.reason)
        if known is not None:
            return known
        if error.status_code == 405:
            return Refused(
                405, "METHOD_NOT_ALLOWED", "GraphQL takes GET and POST", None, "GET, POST"
            )
        return Refused(error.status_code, _UNREADABLE.code, _UNREADABLE.message, "body")
    return _UNREADABLE


class CodedRouter(GraphQLRouter[Any, None]):
    """Strawberry's router, answering what it refuses as GraphQL JSON (``refused``),
    and a fault it did not expect as ``INTERNAL``, logged, with no detail; the other
    HTTP methods on the same path are ``METHOD_NOT_ALLOWED`` in the same shape."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        async def not_allowed() -> Response:
            return refused(HTTPException(405, "")).response()

        self.add_api_route(
            "",
            not_allowed,
            methods=["PUT", "PATCH", "DELETE", "OPTIONS"],
            include_in_schema=False,
        )

    def parse_json(self, data: str | bytes) -> Any:
        parsed = super().parse_json(data)
        if not isinstance(parsed, dict | list):  # a list is a batch: refused by its reason
            raise HTTPException(400, _NOT_AN_OBJECT)
        return parsed

    async def run(
        self,
        request: Request | WebSocket,
        context: Any = UNSET,
        root_value: Any = UNSET,
    ) -> Any:
        try:
            return await super().run(request, context, root_value)
        except HTTPException as error:
            return refused(error).response()
        except (MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError) as e:
            return refused(e).response()
        except Exception as error:
            if isinstance(request, WebSocket):
                raise
            log.error("request failed", exc_info=(type(error), error, error.__traceback__))
            internal = Refused(500, "INTERNAL", "internal error")
            return internal.response()
