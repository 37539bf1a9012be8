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
counted in time proportional to the text (times the distinct names they hold).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
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
    often, when that is more than ``MAX_REPEATS``; else None. Without recursion: neither
    nested selections nor a chain of fragments spreading each other can exhaust the stack."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    flat = _flattened({name: _direct(found.selection_set) for name, found in fragments.items()})
    waiting: list[SelectionSetNode] = [
        definition.selection_set
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    worst: tuple[str, int] | None = None
    while waiting:
        found = _direct(waiting.pop())
        counts = _expanded(found, flat)
        if counts:
            name, times = counts.most_common(1)[0]
            if times > MAX_REPEATS and (worst is None or times > worst[1]):
                worst = (name, times)
        waiting.extend(found.below)
    return worst


@dataclass
class _Direct:
    """One selection set with its inline fragments flattened: its fields' response names
    and the fragments it spreads, each with how often, and the selections of its fields."""

    fields: Counter[str] = field(default_factory=Counter)
    spreads: Counter[str] = field(default_factory=Counter)
    below: list[SelectionSetNode] = field(default_factory=list)


def _direct(selection_set: SelectionSetNode) -> _Direct:
    found = _Direct()
    waiting = [selection_set]
    while waiting:
        for selection in waiting.pop().selections:
            if isinstance(selection, FieldNode):
                found.fields[(selection.alias or selection.name).value] += 1
                if selection.selection_set:
                    found.below.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                waiting.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                found.spreads[selection.name.value] += 1
    return found


def _expanded(found: _Direct, flat: dict[str, Counter[str]]) -> Counter[str]:
    """The set's response names with each spread counted as its fragment's, as often as
    it is spread (an unknown fragment, or one in a cycle, counts nothing: validation
    refuses it)."""
    counts = Counter(found.fields)
    for spread, times in found.spreads.items():
        for name, count in flat.get(spread, {}).items():
            counts[name] += times * count
    return counts


def _flattened(direct: dict[str, _Direct]) -> dict[str, Counter[str]]:
    """Each fragment's response names with the fragments it spreads counted in, each
    fragment once: depth first over the spreads, by a stack of its own."""
    flat: dict[str, Counter[str]] = {}
    for root in direct:
        if root in flat:
            continue
        path = [(root, iter(direct[root].spreads))]
        on_path = {root}
        while path:
            name, pending = path[-1]
            after = next(
                (s for s in pending if s in direct and s not in flat and s not in on_path), None
            )
            if after is not None:
                path.append((after, iter(direct[after].spreads)))
                on_path.add(after)
                continue
            path.pop()
            on_path.discard(name)
            flat[name] = _expanded(direct[name], flat)
    return flat
