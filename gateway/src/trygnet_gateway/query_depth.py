"""How deep a query may select: ``max_depth`` levels of fields with selections.

Strawberry's ``QueryDepthLimiter`` walks every path through the fragments: ten
fragments each spreading the next under ten aliases make 10^10 paths, and the walk
held the gateway's event loop for minutes. Here each fragment's depth is worked out
once (a fragment is as deep wherever it is spread), so the walk is as long as the text.
Introspection fields (``__schema``, ``__type``) are not counted, as strawberry does not.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)

from trygnet_gateway.fragment_walk import FragmentWalk, fragments_of


def depth_rule(max_depth: int) -> type[ValidationRule]:
    class DepthLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            deepest = _Depth(fragments_of(self.context.document)).selection(node.selection_set)
            if deepest > max_depth:
                self.report_error(
                    GraphQLError(
                        f"the query's depth is {deepest}, more than {max_depth}: select "
                        "less deeply",
                        node,
                        extensions={"code": "BAD_USER_INPUT"},
                    )
                )

    return DepthLimit


class _Depth(FragmentWalk):
    def selection(self, selection: SelectionSetNode | None) -> int:
        if selection is None:
            return 0
        deepest = 0
        for node in selection.selections:
            if isinstance(node, FieldNode):
                if node.selection_set is not None and not node.name.value.startswith("__"):
                    deepest = max(deepest, 1 + self.selection(node.selection_set))
            elif isinstance(node, InlineFragmentNode):
                deepest = max(deepest, self.selection(node.selection_set))
            elif isinstance(node, FragmentSpreadNode):
                deepest = max(deepest, self.fragment(node.name.value))
        return deepest

    def of_fragment(self, definition: FragmentDefinitionNode) -> int:
        return self.selection(definition.selection_set)
