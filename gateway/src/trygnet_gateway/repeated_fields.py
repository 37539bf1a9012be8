"""One field asked for many times under one name in one selection: refused before the
query is validated.

graphql-core checks that the fields of one response name can be merged
(``OverlappingFieldsCanBeMergedRule``) by comparing them with each other: a text within
the token limit that repeats ``me { tenant }`` 3,000 times took that rule 1.2 s of the
gateway's CPU, before the query was refused or answered. No client needs one name more
than a few times in a selection (each fragment that shares a field repeats it once), so
above ``MAX_REPEATS`` the query is refused naming the field, and the rule never runs.
Inline fragments and fragment spreads count as the fields they hold, each time they
appear; a fragment is counted once and remembered, so fragments spreading fragments are
counted in time proportional to the text.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

MAX_REPEATS: Final = 100
"""How many times one response name may be asked for in one selection."""


def most_repeated(document: DocumentNode) -> tuple[str, int] | None:
    """The response name asked for most often in one selection of ``document``, with how
    often, when that is more than ``MAX_REPEATS``; else None."""
    counting = _Counting(document)
    waiting: list[SelectionSetNode] = [
        definition.selection_set
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    worst: tuple[str, int] | None = None
    while waiting:
        selection_set = waiting.pop()
        counts = counting.names(selection_set)
        if counts:
            name, times = counts.most_common(1)[0]
            if times > MAX_REPEATS and (worst is None or times > worst[1]):
                worst = (name, times)
        waiting.extend(
            selection.selection_set
            for selection in selection_set.selections
            if isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set
        )
    return worst


class _Counting:
    """Response names per selection set, fragments flattened and remembered."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.flat: dict[str, Counter[str]] = {}
        self.visiting: set[str] = set()

    def names(self, selection_set: SelectionSetNode) -> Counter[str]:
        counts: Counter[str] = Counter()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                counts[(selection.alias or selection.name).value] += 1
            elif isinstance(selection, InlineFragmentNode):
                counts.update(self.names(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                counts.update(self.fragment(selection.name.value))
        return counts

    def fragment(self, name: str) -> Counter[str]:
        if name in self.flat:
            return self.flat[name]
        if name in self.visiting or name not in self.fragments:
            return Counter()  # a cycle or an unknown fragment: validation refuses it
        self.visiting.add(name)
        self.flat[name] = self.names(self.fragments[name].selection_set)
        self.visiting.discard(name)
        return self.flat[name]
