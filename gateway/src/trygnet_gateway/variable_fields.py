"""A variable's error names the field the variable feeds, as the caller wrote it.

``query($n: Int) { actors(first: $n) }`` with ``"n": "ten"`` is an error of ``first``;
``renameArea(input: {id: $area, name: $name})`` with a bad ``$name`` is one of
``name``. The fields of a mutation's single ``input`` argument are named by their own
names (``sector``, ``results[1].feelingSafe``), as the services name them; any other
argument by its name (``first``, ``after``). A variable the query never uses to feed
anything is named by itself.
"""

from __future__ import annotations

from graphql import (
    ArgumentNode,
    DocumentNode,
    ListValueNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    visit,
)

INPUT = "input"


def field_of(document: DocumentNode | None, variable: str, within: str = "") -> str:
    """The field a refused value of ``variable`` is in: the field the variable feeds in
    ``document`` (its first use) or else the variable, and ``within`` it the path of the
    value refused (``.sector``, ``[1].feelingSafe``)."""
    fed: str | None = None
    if document is not None:
        finder = _Uses(variable)
        visit(document, finder)
        fed = finder.found
    return joined(variable if fed is None else fed, within) or INPUT


def joined(head: str, tail: str) -> str:
    """A field path and a path within it: ``results`` and ``[1].feelingSafe``."""
    tail = tail.lstrip(".")
    if not head or not tail:
        return head or tail
    return head + tail if tail.startswith("[") else f"{head}.{tail}"


class _Uses(Visitor):
    def __init__(self, variable: str) -> None:
        super().__init__()
        self.variable = variable
        self.found: str | None = None

    def enter_argument(self, node: ArgumentNode, *_args: object) -> object:
        if self.found is None:
            head = "" if node.name.value == INPUT else node.name.value
            inner = _within(node.value, self.variable)
            if inner is not None:
                self.found = joined(head, inner)
        return None


def _within(value: ValueNode, variable: str) -> str | None:
    """The path from ``value`` to the variable inside it (``""`` when it is the value)."""
    if isinstance(value, VariableNode):
        return "" if value.name.value == variable else None
    if isinstance(value, ObjectValueNode):
        for field in value.fields:
            inner = _within(field.value, variable)
            if inner is not None:
                return joined(field.name.value, inner)
    if isinstance(value, ListValueNode):
        for index, item in enumerate(value.values):
            inner = _within(item, variable)
            if inner is not None:
                return joined(f"[{index}]", inner)
    return None
