"""The Contact aggregate, given / when / then: events in, a command, events or an error out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trygnet_actors.domain import contact
from trygnet_actors.domain.commands import AddContact, ChangeContact, EraseContact, RemoveContact
from trygnet_actors.domain.contact import ContactCommand
from trygnet_actors.domain.events import (
    ContactAdded,
    ContactChanged,
    ContactErased,
    ContactMoved,
    ContactRemoved,
    catalogue,
)
from trygnet_actors.domain.model import LegalBasis
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent
from trygnet_core.personal_data import Erased

JENS, SSP, POLICE = "contact-jens", "actor-ssp", "actor-police"

ADDED = ContactAdded(
    contact_id=JENS,
    actor_id=SSP,
    legal_basis=LegalBasis.PUBLIC_TASK,
    name="Jens Hansen",
    title="SSP consultant",
    phone="+45 12 34 56 78",
    email="jens.hansen@kk.dk",
)
REMOVED = ContactRemoved(contact_id=JENS, actor_id=SSP)
ERASED = ContactErased(contact_id=JENS, actor_id=SSP)


def when(
    command: ContactCommand, *given: DomainEvent, actor_in_use: bool = True
) -> list[DomainEvent]:
    """Decide ``command`` on the contact that the ``given`` events folded into."""
    return contact.decide(command, contact.fold(given), actor_in_use=actor_in_use)


def add(**changes: Any) -> AddContact:
    fields: dict[str, Any] = {
        "contact_id": JENS,
        "actor_id": SSP,
        "name": "Jens Hansen",
        "legal_basis": LegalBasis.PUBLIC_TASK,
    }
    return AddContact(**{**fields, **changes})


def refused_field(error: type[Exception], command: ContactCommand, *given: DomainEvent) -> Any:
    with pytest.raises(error) as refused:
        when(command, *given)
    return getattr(refused.value, "field", None)


# Add


def test_adding_a_contact_records_every_field_trimmed() -> None:
    command = add(
        name=" Jens Hansen ",
        title=" SSP consultant ",
        phone=" +45 12 34 56 78 ",
        email=" jens.hansen@kk.dk ",
    )
    assert when(command) == [ADDED]


def test_a_contact_needs_only_a_name_and_a_legal_basis_and_empty_fields_are_none() -> None:
    assert when(add(title="  ", phone="", email=None)) == [
        ContactAdded(
            contact_id=JENS, actor_id=SSP, legal_basis=LegalBasis.PUBLIC_TASK, name="Jens Hansen"
        )
    ]


def test_the_added_contact_is_the_state_its_events_fold_into() -> None:
    assert contact.fold([ADDED]) == contact.Contact(
        contact_id=JENS,
        actor_id=SSP,
        legal_basis=LegalBasis.PUBLIC_TASK,
        name="Jens Hansen",
        title="SSP consultant",
        phone="+45 12 34 56 78",
        email="jens.hansen@kk.dk",
        removed=False,
        erased=False,
    )


@pytest.mark.parametrize("basis", list(LegalBasis))
def test_a_legal_basis_given_by_its_value_is_recorded_as_the_basis(basis: LegalBasis) -> None:
    [added] = when(add(legal_basis=basis.value))
    assert type(added.legal_basis) is LegalBasis and added.legal_basis is basis


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legal_basis": "because"}, "legalBasis"),
        ({"legal_basis": None}, "legalBasis"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": None}, "name"),
        ({"name": "J" * 201}, "name"),
        ({"title": "T" * 201}, "title"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "+45 12 34 56 78 90 12 34"}, "phone"),
        ({"email": "jens"}, "email"),
        ({"email": "jens@kk"}, "email"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_adding_with_a_bad_field_is_refused_naming_it(changes: dict[str, Any], field: str) -> None:
    assert refused_field(BadUserInput, add(**changes)) == field


def test_a_contact_of_an_actor_not_in_use_is_not_found() -> None:
    with pytest.raises(NotFound) as refused:
        when(add(), actor_in_use=False)
    assert refused.value.field == "actorId"


@pytest.mark.parametrize("given", [[ADDED], [ADDED, REMOVED]], ids=["added", "removed"])
def test_adding_a_contact_twice_conflicts(given: list[DomainEvent]) -> None:
    assert refused_field(Conflict, add(name="Jens Hansen again"), *given) == "contactId"


# Change


def test_changing_a_contact_records_only_the_fields_that_changed() -> None:
    command = ChangeContact(
        JENS, {"name": " Jens Hansen ", "title": "SSP coordinator", "phone": "+45 12 34 56 78"}
    )
    assert when(command, ADDED) == [
        ContactChanged(contact_id=JENS, actor_id=SSP, title="SSP coordinator")
    ]


def test_fields_given_empty_are_listed_as_cleared() -> None:
    command = ChangeContact(JENS, {"title": None, "phone": "  ", "email": "jens@kk.dk"})
    events = when(command, ADDED)
    assert events == [
        ContactChanged(
            contact_id=JENS, actor_id=SSP, cleared=("title", "phone"), email="jens@kk.dk"
        )
    ]
    state = contact.fold([ADDED, *events])
    assert state is not None
    assert (state.name, state.title, state.phone, state.email) == (
        "Jens Hansen",
        None,
        None,
        "jens@kk.dk",
    )


def test_a_new_legal_basis_is_recorded_and_is_the_contacts_from_then_on() -> None:
    events = when(ChangeContact(JENS, {"legal_basis": "consent"}), ADDED)
    assert events == [ContactChanged(contact_id=JENS, actor_id=SSP, legal_basis=LegalBasis.CONSENT)]
    state = contact.fold([ADDED, *events])
    assert state is not None and state.legal_basis is LegalBasis.CONSENT
    assert state.name == "Jens Hansen" and state.phone == "+45 12 34 56 78"


def test_changing_nothing_records_nothing() -> None:
    same = {
        "name": "Jens Hansen",
        "title": " SSP consultant ",
        "phone": "+45 12 34 56 78",
        "email": "jens.hansen@kk.dk",
        "legal_basis": LegalBasis.PUBLIC_TASK,
    }
    assert when(ChangeContact(JENS, same), ADDED) == []
    assert when(ChangeContact(JENS, {}), ADDED) == []


def test_clearing_an_empty_field_records_nothing() -> None:
    bare = ContactAdded(
        contact_id=JENS, actor_id=SSP, legal_basis=LegalBasis.CONSENT, name="Jens Hansen"
    )
    assert when(ChangeContact(JENS, {"title": None, "phone": ""}), bare) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"shoe_size": 44}, "shoe_size"),
        ({"actor_id": POLICE}, "actor_id"),
        ({"name": None}, "name"),
        ({"name": "  "}, "name"),
        ({"title": "T" * 201}, "title"),
        ({"phone": "call me"}, "phone"),
        ({"email": "jens at kk.dk"}, "email"),
        ({"legal_basis": "because"}, "legalBasis"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_bad_or_unknown_field_is_refused_naming_it(changes: dict[str, Any], field: str) -> None:
    assert refused_field(BadUserInput, ChangeContact(JENS, changes), ADDED) == field


# Remove


def test_removing_a_contact_records_it_under_its_actor() -> None:
    events = when(RemoveContact(JENS), ADDED)
    assert events == [REMOVED]
    state = contact.fold([ADDED, *events])
    assert state is not None and state.removed


def test_a_moved_contact_belongs_to_the_survivor_it_moved_to() -> None:
    moved = ContactMoved(contact_id=JENS, from_actor_id=SSP, actor_id=POLICE)
    assert when(RemoveContact(JENS), ADDED, moved) == [
        ContactRemoved(contact_id=JENS, actor_id=POLICE)
    ]


@pytest.mark.parametrize(
    "command",
    [ChangeContact(JENS, {"title": "Coordinator"}), RemoveContact(JENS)],
    ids=["change", "remove"],
)
def test_a_removed_contact_cannot_be_changed_or_removed(command: ContactCommand) -> None:
    assert refused_field(NotFound, command, ADDED, REMOVED) == "contactId"


@pytest.mark.parametrize(
    "command",
    [ChangeContact(JENS, {"title": "Coordinator"}), RemoveContact(JENS), EraseContact(JENS)],
    ids=["change", "remove", "erase"],
)
def test_an_unknown_contact_is_not_found(command: ContactCommand) -> None:
    assert refused_field(NotFound, command) == "contactId"


# Erase


def test_erasing_a_contact_records_it_and_every_personal_field_reads_as_erased() -> None:
    events = when(EraseContact(JENS), ADDED)
    assert events == [ERASED]
    state = contact.fold([ADDED, *events])
    assert state == contact.Contact(
        contact_id=JENS,
        actor_id=SSP,
        legal_basis=LegalBasis.PUBLIC_TASK,
        name=Erased(JENS),
        title=Erased(JENS),
        phone=Erased(JENS),
        email=Erased(JENS),
        removed=False,
        erased=True,
    )


def test_erasing_an_erased_contact_records_nothing() -> None:
    assert when(EraseContact(JENS), ADDED, ERASED) == []


@pytest.mark.parametrize(
    "command",
    [ChangeContact(JENS, {"title": "Coordinator"}), RemoveContact(JENS)],
    ids=["change", "remove"],
)
def test_an_erased_contact_takes_no_more_changes(command: ContactCommand) -> None:
    assert refused_field(Conflict, command, ADDED, ERASED) == "contactId"


def test_a_removed_contact_can_still_be_erased() -> None:
    events = when(EraseContact(JENS), ADDED, REMOVED)
    assert events == [ERASED]
    state = contact.fold([ADDED, REMOVED, *events])
    assert state is not None and state.removed and state.erased
    assert state.name == Erased(JENS) and state.email == Erased(JENS)


def test_an_erased_contact_folds_from_its_revealed_events_as_erased() -> None:
    """After crypto-shredding the stored events reveal ``Erased`` in every sealed field."""
    gone = Erased(JENS)
    revealed = [
        ContactAdded(
            contact_id=JENS,
            actor_id=SSP,
            legal_basis=LegalBasis.CONSENT,
            name=gone,
            phone=gone,
        ),
        ContactChanged(contact_id=JENS, actor_id=SSP, email=gone, cleared=("phone",)),
        ERASED,
    ]
    state = contact.fold(revealed)
    assert state is not None and state.erased
    assert {state.name, state.title, state.phone, state.email} == {gone}
    assert when(EraseContact(JENS), *revealed) == []


# Events as stored

CONTACT_EVENTS: list[DomainEvent] = [
    ADDED,
    ContactChanged(
        contact_id=JENS,
        actor_id=SSP,
        legal_basis=LegalBasis.CONSENT,
        cleared=("title", "phone"),
        name="Jens Peter Hansen",
        email="jph@kk.dk",
    ),
    ContactMoved(contact_id=JENS, from_actor_id=SSP, actor_id=POLICE),
    REMOVED,
    ERASED,
]


@pytest.mark.parametrize("event", CONTACT_EVENTS, ids=lambda e: type(e).__name__)
def test_a_contact_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)  # enums stay enums, tuples stay tuples


def test_contact_events_name_the_contact_as_their_data_subject() -> None:
    for event in (ADDED, CONTACT_EVENTS[1]):
        assert event.subject() == JENS
        assert set(event.personal_fields()) == {"name", "title", "phone", "email"}


def test_the_event_catalogue_explains_what_erasing_a_contact_does() -> None:
    markdown = catalogue.markdown()
    section = markdown[markdown.index("## ContactErased (v1)") :]
    assert "crypto-shredding" in section.split("\n## ")[0]
