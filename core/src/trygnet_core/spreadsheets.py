"""Reading the CSV files coordinators keep (exported from a spreadsheet), for imports.

Files are UTF-8 (a byte-order mark is allowed), with a header row, separated by
commas or, as Danish and Swedish spreadsheets export them, semicolons. Rows come
back with the line number a spreadsheet would show (the header is line 1), so an
import can report every bad row as ``RowError(line, column, reason)``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from trygnet_core.errors import BadUserInput

DryRun = Annotated[bool, Query(alias="dryRun")]
"""An import route's ``?dryRun=true``: check every row and write nothing."""

MAX_BYTES = 20 * 1024 * 1024
"""The largest file an import takes."""

Row = tuple[int, dict[str, str]]
"""(line number, values by lower-case column name, trimmed)"""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str


def read_csv(text: str, *, columns: Sequence[str], required: Sequence[str]) -> list[Row]:
    """The file's non-empty rows; a missing required or unknown column is refused, and so
    are the NUL character, which PostgreSQL's text cannot hold (``nul_characters``), and
    a line the CSV reader cannot read, each naming ``file`` and the line."""
    text = text.lstrip("\ufeff")
    if (nul := text.find("\x00")) >= 0:
        line = text.count("\n", 0, nul) + 1
        raise BadUserInput(
            f"line {line} holds the NUL character (U+0000), which Trygnet does not store",
            field="file",
        )
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    if missing:
        raise BadUserInput(f"the file has no column {missing[0]} (line 1)", field=missing[0])
    unknown = [name for name in header if name not in columns]
    if unknown:
        raise BadUserInput(f"unknown column {unknown[0]} (line 1)", field=unknown[0])
    reader.fieldnames = header
    rows: list[Row] = []
    try:
        for row in reader:
            values = {k: (v or "").strip() for k, v in row.items() if k is not None}
            if any(values.values()):
                rows.append((reader.line_num, values))
    except csv.Error:  # a field past the reader's limit (128 KiB): no row is that long
        line = reader.reader.line_num  # the line it stopped on (DictReader's own lags)
        raise BadUserInput(
            f"line {line} cannot be read as CSV (a field too long?)", field="file"
        ) from None
    return rows


def file_text(raw: bytes) -> str:
    """An uploaded file's text: at most ``MAX_BYTES``, UTF-8, else ``BadUserInput``
    naming ``file``."""
    if len(raw) > MAX_BYTES:
        raise BadUserInput(f"the file is larger than {MAX_BYTES // 1024 // 1024} MB", field="file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadUserInput("the file is not UTF-8 text", field="file") from None
