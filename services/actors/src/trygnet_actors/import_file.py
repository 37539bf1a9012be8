"""The actor import's file: its columns and how a cell is read.

One row per actor, with at most one contact; more rows with the same
``external_id`` add more contacts to it. Columns (header row required, any order,
UTF-8, comma- or semicolon-separated):

    external_id*, name*, sector*, department, parent_external_id, levels, areas, themes,
    description, phone, email, website, contact_name, contact_title, contact_phone,
    contact_email, contact_legal_basis

Lists (levels, areas, themes) are separated by ``|`` (or ``;`` in a comma-separated
file). A bad row is reported by the file's column name (``COLUMN_OF``,
``CONTACT_COLUMN_OF``: the domain's field names to the file's).
"""

from __future__ import annotations

from typing import Any

from trygnet_core.errors import BadUserInput

COLUMNS = (
    "external_id",
    "name",
    "sector",
    "department",
    "parent_external_id",
    "levels",
    "areas",
    "themes",
    "description",
    "phone",
    "email",
    "website",
    "contact_name",
    "contact_title",
    "contact_phone",
    "contact_email",
    "contact_legal_basis",
)
REQUIRED = ("external_id", "name", "sector")
#: Domain field names (as errors name them) to the file's column names.
COLUMN_OF = {
    "name": "name",
    "sector": "sector",
    "department": "department",
    "parentActorId": "parent_external_id",
    "areas": "areas",
    "description": "description",
    "phone": "phone",
    "email": "email",
    "website": "website",
    "externalId": "external_id",
    "legalBasis": "contact_legal_basis",
}
CONTACT_COLUMN_OF = {
    "name": "contact_name",
    "title": "contact_title",
    "phone": "contact_phone",
    "email": "contact_email",
    "legalBasis": "contact_legal_basis",
}


def split_list(value: str | None, separators: str) -> list[str]:
    """A list cell's items, any of ``separators`` between them, blanks left out."""
    text = value or ""
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return [item.strip() for item in text.split(separators[0]) if item.strip()]


def enum_cell(kind: Any, value: str, column: str) -> Any:
    """The ``kind`` member a cell names (case, spaces and hyphens aside)."""
    normalised = value.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return kind(normalised)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise BadUserInput(f"{column} is one of {allowed}", field=column) from None
