"""What one query may cost: its depth, its size, and how many per minute a
municipality may make. All set in ``Limits`` (environment variables).

- Depth: strawberry's ``QueryDepthLimiter`` rule.
- Cost: every field costs 1; a field with ``first`` multiplies the cost of what it
  selects by ``first`` (by the largest page when ``first`` is a variable or absent on
  a list). A query over ``max_cost`` is refused before anything runs.
- Rate: a token bucket per municipality, refilled at ``rate_per_minute``; an operation
  without a token left is answered ``RATE_LIMITED`` and runs nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from graphql import (
    ASTValidationRule,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)
from strawberry.extensions import (
    AddValidationRules,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.query_depth_limiter import create_validator

from trygnet_core.errors import RateLimited, TrygnetError
from trygnet_gateway.settings import Limits


def cost_rule(limits: Limits) -> type[ValidationRule]:
    class CostLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            fragments = {
                d.name.value: d
                for d in self.context.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            cost = _cost(node.selection_set, fragments, limits, depth=0)
            if cost > limits.max_cost:
                self.report_error(
                    GraphQLError(
                        f"the query would cost {cost}, more than {limits.max_cost}: ask for "
                        "smaller pages or fewer fields",
                        node,
                        extensions={"code": "BAD_USER_INPUT"},
                    )
                )

    return CostLimit


def _cost(
    selection: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    limits: Limits,
    *,
    depth: int,
) -> int:
    if selection is None or depth > 64:
        return 0
    total = 0
    for node in selection.selections:
        if isinstance(node, FieldNode):
            times = _first(node, limits)
            total += 1 + times * _cost(node.selection_set, fragments, limits, depth=depth + 1)
        elif isinstance(node, InlineFragmentNode):
            total += _cost(node.selection_set, fragments, limits, depth=depth + 1)
        elif isinstance(node, FragmentSpreadNode) and node.name.value in fragments:
            spread = fragments[node.name.value].selection_set
            total += _cost(spread, fragments, limits, depth=depth + 1)
    return total


def _first(node: FieldNode, limits: Limits) -> int:
    for argument in node.arguments or ():
        if argument.name.value == "first":
            if isinstance(argument.value, IntValueNode):
                return max(1, int(argument.value.value))
            return limits.max_page
    return 1


class RateLimiter:
    """A token bucket per municipality."""

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, tenant: str) -> bool:
        now = time.monotonic()
        tokens, at = self._buckets.get(tenant, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - at) * self.rate)
        if tokens < 1:
            self._buckets[tenant] = (tokens, now)
            return False
        self._buckets[tenant] = (tokens - 1, now)
        return True


def rate_limit(limiter: RateLimiter) -> type[SchemaExtension]:
    class RateLimit(SchemaExtension):
        def on_execute(self) -> Iterator[None]:
            context = self.execution_context.context
            try:
                tenant = str(context.principal.tenant)
            except TrygnetError:
                tenant = ""  # the resolvers answer UNAUTHENTICATED
            if tenant and not limiter.take(tenant):
                refused = RateLimited("too many requests for this municipality: slow down")
                self.execution_context.result = ExecutionResult(
                    data=None,
                    errors=[GraphQLError(refused.detail, extensions={"code": refused.code})],
                )
            yield

    return RateLimit


def extensions(limits: Limits, limiter: RateLimiter) -> list[Any]:
    """The limits, with parsing and validation remembered per query text.

    Depth and cost depend on the document alone, so a query's validation is kept
    (``ValidationCache``: keyed by the parsed document and the rule classes, which are
    made once here so that the key repeats) and a client sending the same query with
    other variables pays for parsing and validating it once, not on every request.
    """
    rules: list[type[ASTValidationRule]] = [
        create_validator(limits.max_depth, should_ignore=None),
        cost_rule(limits),
    ]
    return [
        lambda: ParserCache(maxsize=QUERY_TEXTS_KEPT),
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=QUERY_TEXTS_KEPT),
        rate_limit(limiter),
    ]


QUERY_TEXTS_KEPT = 512
"""Distinct query texts whose parsing and validation are kept (least recently used go)."""
