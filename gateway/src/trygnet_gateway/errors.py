"""Every GraphQL error carries ``extensions.code``; an error of one input names it in
``extensions.field``; no message repeats a value the caller sent (it may be personal
data: a name typed where a number belongs).

- the query's text does not parse: ``GRAPHQL_PARSE_FAILED`` (field ``query``);
- it does not fit the schema (an unknown field or argument, a literal of the wrong
  type): ``GRAPHQL_VALIDATION_FAILED``;
- a variable's value does not fit (a wrong enum value, a missing field):
  ``BAD_USER_INPUT`` naming the field the variable feeds (``variable_fields``);
- a domain's refusal: its own code (DESIGN.md's list, and ``RATE_LIMITED``);
- a request Strawberry does not run (no query, an unknown operation name):
  ``request_errors``;
- an unexpected failure is logged and answered ``INTERNAL`` with no detail: never a
  stack trace or a service's words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncGenerator, Iterable, Iterator
from contextlib import aclosing
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    StringValueNode,
    Visitor,
    visit,
)
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionContext
from strawberry.types.execution import ExecutionResult
from strawberry.types.graphql import OperationType

from trygnet_core.errors import TrygnetError
from trygnet_gateway.limits import parsed
from trygnet_gateway.request_errors import refused
from trygnet_gateway.variable_fields import field_of

log = logging.getLogger(__name__)

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
REFUSED = "the value given is refused."
"""What ``without_values_sent`` says of a message it would not pass on."""
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"

_VARIABLE = re.compile(
    r"^Variable '\$(\w+)' (?:has invalid value(?: at)? ?([\w.\[\]]*):|got invalid value)\s*(.*)$",
    re.S,
)
_UNPROVIDED = re.compile(r"^Variable '\$(\w+)' of (?:required|non-null) type '[^']*'")
_SCALAR = re.compile(r"^(?:Value cannot represent an? (\w+)|(\w+) cannot represent)")
_ENUM = re.compile(r"in '(\w+)' enum\b")
_OBJECT = re.compile(r"^Expected value of type '(\w+)' to be an object")
_UNKNOWN_FIELD = re.compile(r"^Expected value of type '(\w+)' not to include unknown field")
_REQUIRED = re.compile(
    r"^(?:Field '(\w+)' of required type '[^']*' was not provided"
    r"|Expected value of type '\w+' to include required field '(\w+)')"
)
_NON_NULL = re.compile(r"non-null type|was not provided|to be provided|must not be null")
_CHECKED = (PARSE_FAILED, VALIDATION_FAILED, "BAD_USER_INPUT", "NOT_FOUND")


def _reason(inner: str) -> tuple[str, str]:
    """The gateway's words for a refused value (and the field within it, for a missing
    field), from graphql-core's message, which quotes the value."""
    required = _REQUIRED.match(inner)
    if required:
        return "is required.", required.group(1) or required.group(2)
    if _NON_NULL.search(inner):
        return "is required.", ""
    enums = _ENUM.findall(inner)  # the last: the value given comes before the type
    if enums:
        return f"is not a value of {enums[-1]}.", ""
    for pattern, words in (
        (_OBJECT, "must be an object ({})."),
        (_UNKNOWN_FIELD, "holds a field {} does not have."),
    ):
        found = pattern.match(inner)
        if found:
            return words.format(found.group(1)), ""
    scalar = _SCALAR.match(inner)
    if scalar:
        return f"is not a valid {scalar.group(1) or scalar.group(2)}.", ""
    return "is not a valid value.", ""


def _bad_variable(error: GraphQLError, document: DocumentNode | None) -> GraphQLError | None:
    """A variable the schema refuses, as ``BAD_USER_INPUT`` naming the field it feeds."""
    found = _VARIABLE.match(error.message)
    if found is not None:
        variable, within, inner = found.groups()
        inner = (
            error.original_error.message
            if isinstance(error.original_error, GraphQLError)
            else inner
        )
        reason, missing = _reason(inner)
    else:
        unprovided = _UNPROVIDED.match(error.message)
        if unprovided is None:
            return None
        variable, within, reason, missing = unprovided.group(1), "", "is required.", ""
    field = field_of(document, variable, f"{within or ''}.{missing}" if missing else within or "")
    return GraphQLError(
        f"{field}: {reason}",
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "BAD_USER_INPUT", "field": field},
    )


def _query_error(error: GraphQLError) -> GraphQLError:
    """The query's own fault: it does not parse, or does not fit the schema. The message
    is graphql-core's up to the first value it quotes from the query."""
    given = dict(error.extensions or {})  # a limit's code and figures: cost, retryAfter
    message = error.message
    if isinstance(error, GraphQLSyntaxError):
        given = {"code": PARSE_FAILED, "field": "query"}
    elif not given.get("code"):
        given["code"] = VALIDATION_FAILED
    if given["code"] == PARSE_FAILED:
        message = _sentence(re.split(r"['\"]", message)[0])
    elif given["code"] == VALIDATION_FAILED:
        message = re.sub(r"\b([Vv])alue '[^']*'", r"\1alue given", message)
        message = _sentence(re.split(r"\"|,? found\b|: ", message)[0])
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source if error.nodes is None else None,
        positions=error.positions if error.nodes is None else None,
        path=error.path,
        extensions=given,
    )


def _sentence(head: str) -> str:
    head = head.rstrip(" :,")
    return head if head.endswith((".", "?")) else f"{head}."


def coded(error: GraphQLError, document: DocumentNode | None = None) -> GraphQLError:
    """``error`` with its code (and field); ``document`` is the query, which says what
    field a refused variable feeds."""
    refused_variable = _bad_variable(error, document)
    if refused_variable is not None:
        return refused_variable
    original = error.original_error
    if isinstance(original, TrygnetError):
        extensions = {"code": original.code}
        if original.field:
            extensions["field"] = original.field
        return GraphQLError(
            original.detail, nodes=error.nodes, path=error.path, extensions=extensions
        )
    if isinstance(
        original, MissingQueryError | CannotGetOperationTypeError | InvalidOperationTypeError
    ):  # over graphql-transport-ws, where no HTTP status is answered
        answer = refused(original)
        return GraphQLError(answer.message, extensions=answer.error()["extensions"])
    if original is None or isinstance(error, GraphQLSyntaxError):
        return _query_error(error)
    log.error(
        "resolver failed",
        exc_info=(type(original), original, original.__traceback__),
        extra={"path": list(error.path or [])},
    )
    return GraphQLError(
        "internal error", nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL"}
    )


def without_values_sent(error: GraphQLError, sent: TextsSent) -> GraphQLError:
    """The last guard: an error of the input or the query whose message still holds a
    text the caller sent (a variable's, or a string in the query) says only what is
    wrong where. A service's message names ids and rules, never the value refused."""
    code = (error.extensions or {}).get("code")
    if code not in _CHECKED or not sent.within(error.message):
        return error
    field = (error.extensions or {}).get("field")
    message = f"{field}: {REFUSED}" if field else f"the query: {REFUSED}"
    return GraphQLError(message, nodes=error.nodes, path=error.path, extensions=error.extensions)


class TextsSent:
    """Every text of four characters or more in the variables and the query's string
    literals: shorter ones are words of any message. (An object's keys are fields of
    the schema, named in messages on purpose.)

    Gathered once per answer, when its first error needs them, and looked up by the
    windows of a message (of each length a text has): an answer of a hundred errors
    walks the query and the variables once, and each message costs its own length,
    not the size of what was sent."""

    def __init__(self, variables: Any, document: DocumentNode | None) -> None:
        self._variables = variables
        self._document = document
        self._texts: set[str] | None = None
        self._lengths: list[int] = []

    def within(self, message: str) -> bool:
        if self._texts is None:
            self._texts = set(_texts_sent(self._variables, self._document))
            self._lengths = sorted({len(text) for text in self._texts})
        for length in self._lengths:
            if length > len(message):
                break
            windows = (message[i : i + length] for i in range(len(message) - length + 1))
            if any(window in self._texts for window in windows):
                return True
        return False


def _texts_sent(variables: Any, document: DocumentNode | None) -> Iterator[str]:
    stack: list[Any] = [variables]
    if document is not None:
        stack.extend(_literals(document))
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and len(value.strip()) >= 4:
            yield value.strip()


def _literals(document: DocumentNode) -> list[str]:
    found: list[str] = []

    class Strings(Visitor):
        def enter_string_value(self, node: StringValueNode, *_args: object) -> None:
            found.append(node.value)

    visit(document, Strings())
    return found


def _document(query: str | None, max_tokens: int) -> DocumentNode | None:
    """The query as the request parsed it (``ParsedOnce``'s cache: not parsed again)."""
    if not query:
        return None
    try:
        return parsed(query, max_tokens=max_tokens)
    except GraphQLError:
        return None


def _coded_all(
    errors: list[GraphQLError], query: str | None, variables: Any, max_tokens: int
) -> list[GraphQLError]:
    document = _document(query, max_tokens)
    sent = TextsSent(variables, document)
    return [without_values_sent(coded(error, document), sent) for error in errors]


class Schema(strawberry.Schema):
    """Strawberry's schema, every answer's errors coded (``coded``), minus its own
    error log: that log repeats what the caller sent, which may be personal data.
    ``coded`` logs what needs it (a resolver that failed), with ids only."""

    def __init__(self, *args: Any, max_tokens: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_tokens = max_tokens
        """The query text's limit (``Limits.max_tokens``), kept when its errors are read."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        """One answer: a subscription, which answers many, is refused here (it runs
        over graphql-transport-ws, through ``stream``)."""
        allowed = set(allowed_operation_types or OperationType) - {OperationType.SUBSCRIPTION}
        result = await super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed,
            operation_extensions,
        )
        if result.errors:
            result.errors = _coded_all(result.errors, query, variable_values, self.max_tokens)
        return result

    async def stream(
        self, query: str | None, variable_values: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        """A subscription's results (over graphql-transport-ws) coded as the others
        are; a query that does not parse is an ``error`` message with its code, not a
        closed socket."""
        results = await super().stream(query, variable_values, *args, **kwargs)
        return _coded_results(results, query, variable_values, self.max_tokens)


async def _coded_results(
    results: Any, query: str | None, variables: Any, max_tokens: int
) -> AsyncGenerator[Any, None]:
    async with aclosing(results):
        async for result in results:
            if isinstance(result, ExecutionResult) and result.errors:
                result.errors = _coded_all(result.errors, query, variables, max_tokens)
            yield result
