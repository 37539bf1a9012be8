"""The reports' vocabulary values as the schema's enums, beside the lower-case strings
they were first given as.

A national table's columns are the values of one vocabulary (the reporting service
names it), and a tie count's pair is two sectors or two levels. One GraphQL field has
one type, so each vocabulary a column can be gets a field of its own enum, null where
the table counts another; the strings stay, deprecated, until clients have moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, TypeVar

from trygnet_gateway.vocabulary import FindingKind, IncidentKind, Sector, Theme
from trygnet_vocabulary.words import Word

VOCABULARIES: Final[tuple[type[Word], ...]] = (IncidentKind, Theme, FindingKind, Sector)
"""Each vocabulary a national table's columns can be; each has its field."""

_BY_NAME: Final = {words.__name__: words for words in VOCABULARIES}

DEPRECATED_COLUMN: Final = (
    "A vocabulary value in lower case: read incidentKind, theme, findingKind or sector "
    "(whichever the table counts), the same value as the schema's enum."
)
DEPRECATED_PAIR: Final = (
    "Enum values in lower case: read sectors (of sectorPairs) or levels (of levelPairs), "
    "the same values as the schema's enums."
)

W = TypeVar("W", bound=Word)


def vocabulary(name: object) -> type[Word] | None:
    """The vocabulary the reporting service says a table's columns are (None: unknown)."""
    return _BY_NAME.get(str(name))


def column_as(words: type[Word] | None, kind: type[W], column: str) -> W | None:
    """A column as the enum ``kind`` where the table counts that vocabulary, else None."""
    return kind(column) if words is kind else None


def columns_as(words: type[Word] | None, kind: type[W], columns: Iterable[str]) -> list[W] | None:
    """A table's columns as the enum ``kind`` where it counts that vocabulary, else None."""
    return [kind(column) for column in columns] if words is kind else None
