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


def depth_rule(max_depth: int) -> type[ValidationRule]:
    class DepthLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            fragments = {
                d.name.value: d
                for d in self.context.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            deepest = _Depth(fragments).selection(node.selection_set)
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


class _Depth:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.known: dict[str, int] = {}

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

    def fragment(self, name: str) -> int:
        if name not in self.known:
            self.known[name] = 0  # a cycle (refused by validation) adds nothing
            definition = self.fragments.get(name)
            if definition is not None:
                self.known[name] = self.selection(definition.selection_set)
        return self.known[name]
