"""The inputs of the actors domain's mutations."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_gateway.payloads import tabled
from trygnet_gateway.vocabulary import AreaKind, LegalBasis, Level, Sector, Theme
from trygnet_gateway.writes import expected_version

# -- inputs --------------------------------------------------------------------------


@strawberry.input(description="A new area of the municipality.")
class DefineAreaInput:
    name: str = strawberry.field(
        description="Its name, unique among the areas in use (case and spacing ignored): "
        "else CONFLICT."
    )
    kind: AreaKind = strawberry.field(description="What kind of place it is.")
    population: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="How many people live there (0 or more); may be left out.",
    )


@strawberry.input(description="A new actor: an organisation, or a department of one.")
class RegisterActorInput:
    name: str = strawberry.field(description="The organisation's name.")
    sector: Sector = strawberry.field(description="What kind of organisation it is.")
    department: str | None = strawberry.field(
        default=strawberry.UNSET, description="The department or unit within the organisation."
    )
    parent_actor_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="The actor it is part of (its parent organisation), if any.",
    )
    levels: list[Level] = strawberry.field(
        description="The levels it works on.", default_factory=list
    )
    areas: list[strawberry.ID] = strawberry.field(
        description="The ids of the areas it works in.", default_factory=list
    )
    themes: list[Theme] = strawberry.field(
        description="The themes it works with.", default_factory=list
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="What it does, in its own words."
    )
    phone: str | None = strawberry.field(
        default=strawberry.UNSET, description="The organisation's public phone (not a person's)."
    )
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="The organisation's public e-mail (not a person's)."
    )
    website: str | None = strawberry.field(
        default=strawberry.UNSET, description="The organisation's public website."
    )
    external_id: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Your own system's key for it, unique in the municipality: "
        "registering it again with the same external id is CONFLICT, not a "
        "second actor.",
    )


@strawberry.input(description="A new name for an area.")
class RenameAreaInput:
    id: strawberry.ID = strawberry.field(description="The area's id.")
    name: str = strawberry.field(description="The new name, unique in the municipality.")
    expected_version: int | None = expected_version()


@strawberry.input(description="The area to retire.")
class RetireAreaInput:
    id: strawberry.ID = strawberry.field(description="The area's id.")
    expected_version: int | None = expected_version()


@strawberry.input(description="Only the fields given change; `null` clears one.")
class UpdateActorInput:
    id: strawberry.ID = strawberry.field(description="The actor's id.")
    name: str | None = strawberry.field(
        default=strawberry.UNSET, description="The organisation's name (cannot be cleared)."
    )
    sector: Sector | None = strawberry.field(
        default=strawberry.UNSET, description="What kind of organisation it is (cannot be cleared)."
    )
    department: str | None = strawberry.field(
        default=strawberry.UNSET, description="The department or unit within the organisation."
    )
    parent_actor_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The actor it is part of."
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="What it does, in its own words."
    )
    phone: str | None = strawberry.field(
        default=strawberry.UNSET, description="The organisation's public phone."
    )
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="The organisation's public e-mail."
    )
    website: str | None = strawberry.field(
        default=strawberry.UNSET, description="The organisation's public website."
    )
    external_id: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Your own system's key for it, unique in the municipality.",
    )
    expected_version: int | None = expected_version()


def _whole_list(name: str, field: str, kind: Any, of: str, every: str) -> Any:
    """An input that sets one of the actor's lists whole: its id, the list (an empty one
    clears it) and ``expectedVersion``."""
    fields = {
        "id": (strawberry.ID, "The actor's id."),
        field: (kind, f"{every}; an empty list clears them."),
        "expected_version": (int | None, expected_version()),
    }
    return strawberry.input(tabled(name, fields), description=f"The whole list of {of}.")


SetActorAreasInput = _whole_list(
    "SetActorAreasInput",
    "areas",
    list[strawberry.ID],
    "areas the actor works in",
    "The ids of every area it works in",
)
SetActorLevelsInput = _whole_list(
    "SetActorLevelsInput",
    "levels",
    list[Level],
    "levels the actor works on",
    "Every level it works on",
)
SetActorThemesInput = _whole_list(
    "SetActorThemesInput",
    "themes",
    list[Theme],
    "themes the actor works with",
    "Every theme it works with",
)


@strawberry.input(description="The actor to mark inactive.")
class DeactivateActorInput:
    id: strawberry.ID = strawberry.field(description="The actor's id.")
    reason: str | None = strawberry.field(
        default=strawberry.UNSET, description="Why, for the history (no personal data)."
    )
    expected_version: int | None = expected_version()


@strawberry.input(description="The inactive actor to make active again.")
class ReactivateActorInput:
    id: strawberry.ID = strawberry.field(description="The actor's id.")
    expected_version: int | None = expected_version()


@strawberry.input(
    description="`mergedId` is the same organisation as `id`: it folds into `id`, which "
    "takes over its areas, levels, themes and contacts."
)
class MergeActorsInput:
    id: strawberry.ID = strawberry.field(description="The actor that stays.")
    merged_id: strawberry.ID = strawberry.field(
        description="The duplicate that folds into it (its status becomes MERGED)."
    )
    expected_version: int | None = expected_version()


_CONTACT_DETAILS = {
    "title": "The person's job title.",
    "phone": "The person's work phone.",
    "email": "The person's work e-mail.",
}


def contact_detail(name: str) -> Any:
    """A contact person's optional work detail, described once for adding and changing."""
    return strawberry.field(default=strawberry.UNSET, description=_CONTACT_DETAILS[name])


@strawberry.input(description="A contact person to add to an actor.")
class AddContactInput:
    actor_id: strawberry.ID = strawberry.field(description="The actor the person works at.")
    name: str = strawberry.field(description="The person's name (personal data: stored encrypted).")
    legal_basis: LegalBasis = strawberry.field(
        description="Why Trygnet may keep the person's data (GDPR article 6)."
    )
    title: str | None = contact_detail("title")
    phone: str | None = contact_detail("phone")
    email: str | None = contact_detail("email")


@strawberry.input(description="Only the fields given change; `null` clears one.")
class UpdateContactInput:
    id: strawberry.ID = strawberry.field(description="The contact person's id.")
    name: str | None = strawberry.field(
        default=strawberry.UNSET, description="The person's name (cannot be cleared)."
    )
    title: str | None = contact_detail("title")
    phone: str | None = contact_detail("phone")
    email: str | None = contact_detail("email")
    legal_basis: LegalBasis | None = strawberry.field(
        default=strawberry.UNSET,
        description="Why Trygnet may keep the person's data (cannot be cleared).",
    )
    expected_version: int | None = expected_version()


@strawberry.input(description="Take a contact off the list; the data stays until erased.")
class RemoveContactInput:
    id: strawberry.ID = strawberry.field(description="The contact person's id.")
    expected_version: int | None = expected_version()


@strawberry.input(description="Erase the person: their data reads as erased everywhere, for good.")
class EraseContactInput:
    id: strawberry.ID = strawberry.field(description="The contact person's id.")
    expected_version: int | None = expected_version()


@strawberry.input(
    description="A list of actors as CSV text (docs/actors.md: the header row, one actor or "
    "one more contact a row, matched by external_id)."
)
class ImportActorsInput:
    csv: str = strawberry.field(description="The whole file as UTF-8 text, header row first.")
    dry_run: bool = strawberry.field(
        default=False, description="Check every row and write nothing."
    )
