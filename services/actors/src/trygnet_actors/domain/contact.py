"""The Contact aggregate: a person to call at an actor; all of it personal data.

Its events carry the person's data sealed under the contact's own key, so
erasing the contact deletes that key and the data is unreadable everywhere.
After erasure the contact takes no more commands.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from trygnet_actors.domain import model
from trygnet_actors.domain.commands import AddContact, ChangeContact, EraseContact, RemoveContact
from trygnet_actors.domain.events import (
    ContactAdded,
    ContactChanged,
    ContactErased,
    ContactMoved,
    ContactRemoved,
)
from trygnet_actors.domain.model import LegalBasis
from trygnet_core.aggregate import folding, must_be_new, started_by
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent
from trygnet_core.personal_data import Erased

ContactCommand = AddContact | ChangeContact | RemoveContact | EraseContact
PersonalValue: TypeAlias = str | Erased | None


@dataclass(frozen=True)
class Contact:
    contact_id: str
    actor_id: str
    legal_basis: LegalBasis
    name: PersonalValue
    title: PersonalValue = None
    phone: PersonalValue = None
    email: PersonalValue = None
    removed: bool = False
    erased: bool = False


_PERSONAL = ("name", "title", "phone", "email")


def evolve(state: Contact | None, event: DomainEvent) -> Contact | None:
    match event:
        case ContactAdded():
            return started_by(Contact, event)
        case ContactChanged() if state is not None:
            changed: dict[str, Any] = {
                n: getattr(event, n) for n in _PERSONAL if getattr(event, n) is not None
            }
            changed.update({n: None for n in event.cleared})
            if event.legal_basis is not None:
                changed["legal_basis"] = event.legal_basis
            return dataclasses.replace(state, **changed)
        case ContactMoved() if state is not None:
            return dataclasses.replace(state, actor_id=event.actor_id)
        case ContactRemoved() if state is not None:
            return dataclasses.replace(state, removed=True)
        case ContactErased() if state is not None:
            erased = Erased(state.contact_id)
            return dataclasses.replace(
                state, erased=True, name=erased, title=erased, phone=erased, email=erased
            )
    return state


fold = folding(evolve)


def decide(
    command: ContactCommand, state: Contact | None, *, actor_in_use: bool = True
) -> list[DomainEvent]:
    """``actor_in_use``: the handler's answer to "does the actor exist and is it not merged?"."""
    if isinstance(command, AddContact):
        must_be_new(state, "a contact", field="contactId")
        if not actor_in_use:
            raise NotFound("no actor with that id", field="actorId")
        return [
            ContactAdded(
                contact_id=command.contact_id,
                actor_id=command.actor_id,
                legal_basis=_legal_basis(command.legal_basis),
                name=model.required_text(command.name, field="name"),
                title=model.optional_text(command.title, field="title", max_length=200),
                phone=model.phone(command.phone),
                email=model.email(command.email),
            )
        ]
    if state is None or (state.removed and not isinstance(command, EraseContact)):
        raise NotFound("no contact with that id", field="contactId")
    if isinstance(command, EraseContact):
        return (
            []
            if state.erased
            else [ContactErased(contact_id=state.contact_id, actor_id=state.actor_id)]
        )
    if state.erased:
        raise Conflict("this contact was erased", field="contactId")
    if isinstance(command, RemoveContact):
        return [ContactRemoved(contact_id=state.contact_id, actor_id=state.actor_id)]
    return _changes(state, command.changes)


def _changes(state: Contact, changes: Mapping[str, Any]) -> list[DomainEvent]:
    unknown = sorted(set(changes) - {*_PERSONAL, "legal_basis"})
    if unknown:
        raise BadUserInput(f"{unknown[0]} is not a detail of a contact", field=unknown[0])
    validators: dict[str, Callable[[Any], str | None]] = {
        "name": lambda v: model.required_text(v, field="name"),
        "title": lambda v: model.optional_text(v, field="title", max_length=200),
        "phone": model.phone,
        "email": model.email,
    }
    values: dict[str, Any] = {}
    cleared: list[str] = []
    for name in _PERSONAL:
        if name not in changes:
            continue
        value = validators[name](changes[name])
        if value == getattr(state, name):
            continue
        if value is None:
            cleared.append(name)
        else:
            values[name] = value
    legal_basis = None
    if "legal_basis" in changes:
        chosen = _legal_basis(changes["legal_basis"])
        legal_basis = chosen if chosen != state.legal_basis else None
    if not values and not cleared and legal_basis is None:
        return []
    return [
        ContactChanged(
            contact_id=state.contact_id,
            actor_id=state.actor_id,
            legal_basis=legal_basis,
            cleared=tuple(cleared),
            **values,
        )
    ]


def _legal_basis(value: Any) -> LegalBasis:
    try:
        return LegalBasis(value)
    except ValueError:
        raise BadUserInput(
            f"legal basis must be one of {', '.join(b.value for b in LegalBasis)}",
            field="legalBasis",
        ) from None
