"""The inputs of the actors domain's mutations."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.vocabulary import AreaKind, LegalBasis, Level, Sector, Theme
from trygnet_gateway.writes import empty_unless_given, expected_version, optional

AREA = Target("id", "The area's id.")
ACTOR = Target("id", "The actor's id.")
CONTACT = Target("id", "The contact person's id.")

# -- inputs --------------------------------------------------------------------------


@strawberry.input(description="A new area of the municipality.")
class DefineAreaInput:
    name: str = strawberry.field(
        description="Its name, unique among the areas in use (case and spacing ignored): "
        "else CONFLICT."
    )
    kind: AreaKind = strawberry.field(description="What kind of place it is.")
    population: int | None = optional("How many people live there (0 or more); may be left out.")


@strawberry.input(description="A new actor: an organisation, or a department of one.")
class RegisterActorInput:
    name: str = strawberry.field(description="The organisation's name.")
    sector: Sector = strawberry.field(description="What kind of organisation it is.")
    department: str | None = optional("The department or unit within the organisation.")
    parent_actor_id: strawberry.ID | None = optional(
        "The actor it is part of (its parent organisation), if any."
    )
    levels: list[Level] = empty_unless_given("The levels it works on.")
    areas: list[strawberry.ID] = empty_unless_given("The ids of the areas it works in.")
    themes: list[Theme] = empty_unless_given("The themes it works with.")
    description: str | None = optional("What it does, in its own words.")
    phone: str | None = optional("The organisation's public phone (not a person's).")
    email: str | None = optional("The organisation's public e-mail (not a person's).")
    website: str | None = optional("The organisation's public website.")
    external_id: str | None = optional(
        "Your own system's key for it, unique in the municipality: "
        "registering it again with the same external id is CONFLICT, not a "
        "second actor."
    )


@change_of(AREA, "A new name for an area.")
class RenameAreaInput:
    name: str = strawberry.field(description="The new name, unique in the municipality.")


@change_of(AREA, "The area to retire.")
class RetireAreaInput: ...


@change_of(ACTOR, "Only the fields given change; `null` clears one.")
class UpdateActorInput:
    name: str | None = optional("The organisation's name (cannot be cleared).")
    sector: Sector | None = optional("What kind of organisation it is (cannot be cleared).")
    department: str | None = optional("The department or unit within the organisation.")
    parent_actor_id: strawberry.ID | None = optional("The actor it is part of.")
    description: str | None = optional("What it does, in its own words.")
    phone: str | None = optional("The organisation's public phone.")
    email: str | None = optional("The organisation's public e-mail.")
    website: str | None = optional("The organisation's public website.")
    external_id: str | None = optional("Your own system's key for it, unique in the municipality.")


@change_of(ACTOR, "The whole list of areas the actor works in.")
class SetActorAreasInput:
    areas: list[strawberry.ID] = strawberry.field(
        description="The ids of every area it works in; an empty list clears them."
    )


@change_of(ACTOR, "The whole list of levels the actor works on.")
class SetActorLevelsInput:
    levels: list[Level] = strawberry.field(
        description="Every level it works on; an empty list clears them."
    )


@change_of(ACTOR, "The whole list of themes the actor works with.")
class SetActorThemesInput:
    themes: list[Theme] = strawberry.field(
        description="Every theme it works with; an empty list clears them."
    )


@change_of(ACTOR, "The actor to mark inactive.")
class DeactivateActorInput:
    reason: str | None = optional("Why, for the history (no personal data).")


@change_of(ACTOR, "The inactive actor to make active again.")
class ReactivateActorInput: ...


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


@change_of(CONTACT, "Only the fields given change; `null` clears one.")
class UpdateContactInput:
    name: str | None = optional("The person's name (cannot be cleared).")
    title: str | None = contact_detail("title")
    phone: str | None = contact_detail("phone")
    email: str | None = contact_detail("email")
    legal_basis: LegalBasis | None = optional(
        "Why Trygnet may keep the person's data (cannot be cleared)."
    )


@change_of(CONTACT, "Take a contact off the list; the data stays until erased.")
class RemoveContactInput: ...


@change_of(CONTACT, "Erase the person: their data reads as erased everywhere, for good.")
class EraseContactInput: ...


@strawberry.input(
    description="A list of actors as CSV text (docs/actors.md: the header row, one actor or "
    "one more contact a row, matched by external_id)."
)
class ImportActorsInput:
    csv: str = strawberry.field(description="The whole file as UTF-8 text, header row first.")
    dry_run: bool = strawberry.field(
        default=False, description="Check every row and write nothing."
    )
