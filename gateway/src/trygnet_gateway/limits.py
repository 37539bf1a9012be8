"""Every request bounded: what a query may be, what it may cost, and how often a caller
may ask. All set in ``Limits`` (environment variables), applied in this order:

1. **Address** (before any token is verified): a request without a token is counted
   against its client address; one with a token the gateway does not already know is
   refused at once when its address is out of unauthenticated requests
   (``trygnet_gateway.budgets``, ``trygnet_core.remembered_tokens``).
2. **Trusted documents**: a registered operation named by its hash is looked up; a
   caller held to registered operations runs nothing else
   (``trygnet_gateway.trusted_documents``).
3. **Shape**: the text's tokens (``max_tokens``: the parser stops at the next one),
   one name asked for at most ``MAX_REPEATS`` times in a selection, before validation
   (``trygnet_gateway.repeated_fields``), the depth of the selection (``max_depth``,
   ``trygnet_gateway.query_depth``),
   and introspection refused when it is off; parsing and validation remembered per
   query text.
4. **Cost**: the operation priced with its variables (``trygnet_gateway.query_cost``);
   above ``max_cost``, ``BAD_USER_INPUT`` naming the cost and the limit.
5. **Budget**: the caller's operations and cost per minute (``trygnet_gateway.budgets``);
   a request without a valid token is counted against its address instead.

A refusal runs nothing: no resolver, no service call.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, Final

from graphql import ASTValidationRule, DocumentNode, ExecutionResult, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from trygnet_core.errors import TrygnetError
from trygnet_gateway.budgets import INTEGRATION, Budgets, Refusal
from trygnet_gateway.query_cost import price
from trygnet_gateway.query_depth import depth_rule
from trygnet_gateway.repeated_fields import MAX_REPEATS, most_repeated
from trygnet_gateway.settings import Limits
from trygnet_gateway.trusted_documents import NoIntrospection, TrustedDocuments, persisted_hash

_NAME: Final = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")


def admission(
    limits: Limits, budgets: Budgets, trusted: TrustedDocuments | None
) -> type[SchemaExtension]:
    class Admission(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            run = self.execution_context
            context = run.context
            refusal = _address_refusal(context, budgets)
            if refusal is not None:
                _refuse(run, "RATE_LIMITED", refusal.detail, retry_after=refusal.retry_after)
            elif trusted is not None:
                _trusted(run, trusted, limits.trusted_only)
            yield

        def on_validate(self) -> Iterator[None]:
            run = self.execution_context
            if run.result is None and run.graphql_document is not None and run.query:
                found = _repeats(run.query, limits.max_tokens)
                if found is not None:  # refused before validation: see repeated_fields
                    name, times = found
                    run.pre_execution_errors = [
                        GraphQLError(
                            f"`{name}` is asked for {times:,} times in one selection, more "
                            f"than {MAX_REPEATS}: ask for it once",
                            extensions={"code": "BAD_USER_INPUT", "field": name},
                        )
                    ]
            yield

        def on_execute(self) -> Iterator[None]:
            run = self.execution_context
            if run.result is None:
                _admit(run, limits, budgets)
            yield

    return Admission


@functools.lru_cache(maxsize=512)
def _repeats(query: str, max_tokens: int) -> tuple[str, int] | None:
    """``repeated_fields.most_repeated`` of the query's parsed document, per text."""
    return most_repeated(parsed(query, max_tokens=max_tokens))


def _address(context: Any) -> str:
    connection = getattr(context, "request", None)
    client = getattr(connection, "client", None)
    return str(getattr(client, "host", "") or "unknown")


def _address_refusal(context: Any, budgets: Budgets) -> Refusal | None:
    """Step 1: no token counts against the address; an unknown token is not verified
    while the address is out of unauthenticated requests."""
    bearer = context.bearer
    if not bearer:
        return budgets.unauthenticated(_address(context))
    if context.verifier.known(bearer) is not None:
        return None
    return budgets.address_exhausted(_address(context))


def _trusted(run: ExecutionContext, trusted: TrustedDocuments, held: str) -> None:
    """Step 2: the registered document of the hash named; the caller's own text only
    when it is not held to registered operations (or its text is registered)."""
    named = persisted_hash(run.operation_extensions)
    if named is not None:
        document = trusted.find(named)
        if document is None:
            _refuse(run, "PERSISTED_QUERY_NOT_FOUND", "no registered operation has this hash")
        elif run.query and run.query != document:
            _refuse(run, "BAD_USER_INPUT", "the query is not the registered operation of its hash")
        else:
            run.query = document
        return
    if run.query and _held(run.context, held) and not trusted.holds(run.query):
        _refuse(run, "FORBIDDEN", "this client may run only registered operations (by hash)")


def _held(context: Any, held: str) -> bool:
    if held == "all":
        return True
    if held == "none":
        return False
    try:
        return not context.principal.has_role(INTEGRATION)
    except TrygnetError:
        return True


def _admit(run: ExecutionContext, limits: Limits, budgets: Budgets) -> None:
    """Steps 4 and 5, once the document is valid."""
    document = run.graphql_document
    assert document is not None
    cost = price(
        run.schema._schema,
        document,
        run.operation_name,
        run.variables,
        max_page=limits.max_page,
    )
    if cost > limits.max_cost:
        _refuse(
            run,
            "BAD_USER_INPUT",
            f"the query would cost {cost:,}, more than {limits.max_cost:,}: ask for fewer "
            "fields, fewer aliases or smaller pages",
            cost=cost,
            maxCost=limits.max_cost,
        )
        return
    context = run.context
    try:
        principal = context.principal
    except TrygnetError:  # the resolvers say why; without a token, step 1 counted it
        refusal = budgets.unauthenticated(_address(context)) if context.bearer else None
    else:
        refusal = budgets.charge(principal, cost)
    if refusal is not None:
        _refuse(run, "RATE_LIMITED", refusal.detail, retry_after=refusal.retry_after)


def _refuse(
    run: ExecutionContext,
    code: str,
    message: str,
    *,
    retry_after: int | None = None,
    **extensions: Any,
) -> None:
    """Answer ``code`` and run nothing. Refused before parsing, the caller's text is
    replaced by a stand-in of the operation's name (never executed: the result is set),
    so nothing the caller wrote is parsed."""
    if retry_after is not None:
        extensions["retryAfter"] = retry_after
        response = getattr(run.context, "response", None)
        if response is not None:
            response.status_code = 429
            response.headers["Retry-After"] = str(retry_after)
    if run.graphql_document is None:
        name = run.operation_name or ""
        run.query = f"query {name} {{ __typename }}" if _NAME.fullmatch(name) else "{ __typename }"
    run.result = ExecutionResult(
        data=None, errors=[GraphQLError(message, extensions={"code": code, **extensions})]
    )


def extensions(limits: Limits, budgets: Budgets) -> list[Any]:
    """The limits, with parsing and validation remembered per query text.

    The depth and the introspection switch depend on the document alone, so a query's
    validation is kept
    (``ValidationCache``: keyed by the parsed document and the rule classes, which are
    made once here so that the key repeats) and a client sending the same query with
    other variables pays for parsing and validating it once, not on every request.
    """
    rules: list[type[ASTValidationRule]] = [depth_rule(limits.max_depth)]
    if not limits.introspection:
        rules.append(NoIntrospection)
    trusted = TrustedDocuments.load(limits.trusted_documents) if limits.trusted_documents else None
    return [
        admission(limits, budgets, trusted),
        lambda: ParsedOnce(limits.max_tokens),
        lambda: AddValidationRules(rules),
        lambda: ValidatedOnce(maxsize=QUERY_TEXTS_KEPT),
    ]


class ValidatedOnce(ValidationCache):
    """Strawberry's validation cache, leaving alone a query already refused before its
    validation (``Admission.on_validate``: a field repeated too often)."""

    def on_validate(self) -> Iterator[None]:
        if self.execution_context.pre_execution_errors is None:
            yield from super().on_validate()
        else:
            yield


class ParsedOnce(ParserCache):
    """Strawberry's parser cache, stopping at ``max_tokens`` tokens (its own parse of a
    text the cache refused stops there too), and leaving a text that does not parse to
    Strawberry: the cache's hook raised its syntax error outside Strawberry's own
    handling of it, so the error went uncoded over HTTP and ended a subscription
    without a word."""

    def __init__(self, max_tokens: int) -> None:
        super().__init__(maxsize=QUERY_TEXTS_KEPT)
        self.max_tokens = max_tokens

    def on_parse(self) -> Iterator[None]:
        run = self.execution_context
        run.parse_options["max_tokens"] = self.max_tokens
        try:
            run.graphql_document = parsed(run.query or "", max_tokens=self.max_tokens)
        except GraphQLError:
            run.graphql_document = None
        yield


QUERY_TEXTS_KEPT = 512
"""Distinct query texts whose parsing and validation are kept (least recently used go)."""


def parsed(query: str, *, max_tokens: int) -> DocumentNode:
    """``query`` parsed, stopping at ``max_tokens``, through Strawberry's parser cache
    (one per size, shared by every request): a query the request parsed is not parsed
    again when its errors are checked (``trygnet_gateway.errors``)."""
    document: DocumentNode = ParserCache(maxsize=QUERY_TEXTS_KEPT).cached_parse_document(
        query, max_tokens=max_tokens
    )
    return document
