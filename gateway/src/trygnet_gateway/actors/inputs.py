"""The inputs of the actors domain's mutations."""

from __future__ import annotations

import strawberry

from trygnet_gateway.vocabulary import AreaKind, LegalBasis, Level, Sector, Theme

# -- inputs --------------------------------------------------------------------------


@strawberry.input
class DefineAreaInput:
    name: str
    kind: AreaKind
    population: int | None = strawberry.UNSET


@strawberry.input
class RegisterActorInput:
    name: str
    sector: Sector
    department: str | None = strawberry.UNSET
    parent_actor_id: strawberry.ID | None = strawberry.UNSET
    levels: list[Level] = strawberry.field(default_factory=list)
    areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    themes: list[Theme] = strawberry.field(default_factory=list)
    description: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    external_id: str | None = strawberry.UNSET


@strawberry.input
class RenameAreaInput:
    id: strawberry.ID
    name: str


@strawberry.input
class RetireAreaInput:
    id: strawberry.ID


@strawberry.input(description="Only the fields given change; `null` clears one.")
class UpdateActorInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    sector: Sector | None = strawberry.UNSET
    department: str | None = strawberry.UNSET
    parent_actor_id: strawberry.ID | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    external_id: str | None = strawberry.UNSET


@strawberry.input(description="The whole list of areas the actor works in.")
class SetActorAreasInput:
    id: strawberry.ID
    areas: list[strawberry.ID]


@strawberry.input(description="The whole list of levels the actor works on.")
class SetActorLevelsInput:
    id: strawberry.ID
    levels: list[Level]


@strawberry.input(description="The whole list of themes the actor works with.")
class SetActorThemesInput:
    id: strawberry.ID
    themes: list[Theme]


@strawberry.input
class DeactivateActorInput:
    id: strawberry.ID
    reason: str | None = strawberry.UNSET


@strawberry.input
class ReactivateActorInput:
    id: strawberry.ID


@strawberry.input(
    description="`mergedId` is the same organisation as `id`: it folds into `id`, which "
    "takes over its areas, levels, themes and contacts."
)
class MergeActorsInput:
    id: strawberry.ID
    merged_id: strawberry.ID


@strawberry.input
class AddContactInput:
    actor_id: strawberry.ID
    name: str
    legal_basis: LegalBasis = strawberry.field(
        description="Why Trygnet may keep the person's data (GDPR article 6)."
    )
    title: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET


@strawberry.input(description="Only the fields given change; `null` clears one.")
class UpdateContactInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    legal_basis: LegalBasis | None = strawberry.UNSET


@strawberry.input(description="Take a contact off the list; the data stays until erased.")
class RemoveContactInput:
    id: strawberry.ID


@strawberry.input(description="Erase the person: their data reads as erased everywhere, for good.")
class EraseContactInput:
    id: strawberry.ID


@strawberry.input(
    description="A list of actors as CSV text (docs/actors.md: the header row, one actor or "
    "one more contact a row, matched by external_id)."
)
class ImportActorsInput:
    csv: str
    dry_run: bool = strawberry.field(
        default=False, description="Check every row and write nothing."
    )
