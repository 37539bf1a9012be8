"""A walk over a query's selections that works out each fragment once, however often it
is spread: ten fragments each spreading the next under ten aliases are ten fragments to
walk, not 10^10 paths. Its depth (``query_depth``) and its price (``query_cost``) are
such walks."""

from __future__ import annotations

from collections.abc import Mapping

from graphql import DocumentNode, FragmentDefinitionNode


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    """The document's fragments by name."""
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


class FragmentWalk:
    """``fragment(name)``: what ``of_fragment`` makes of the fragment, worked out at its
    first spread and kept; a fragment spread inside itself (a cycle, which validation
    refuses) counts 0 there, as does one the document does not define."""

    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.known: dict[str, int] = {}

    def fragment(self, name: str) -> int:
        if name not in self.known:
            self.known[name] = 0
            definition = self.fragments.get(name)
            if definition is not None:
                self.known[name] = self.of_fragment(definition)
        return self.known[name]

    def of_fragment(self, definition: FragmentDefinitionNode) -> int:
        raise NotImplementedError
