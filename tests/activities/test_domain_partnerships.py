"""The Partnership aggregate, given / when / then: events in, a command, events or an error out."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest

from tests.activities.test_domain_known import (
    CLUB,
    FSB,
    HUSUM,
    KK,
    KNOWN,
    OLD_SSP,
    PARTNERSHIP,
    POLICE,
    SSP,
    TINGBJERG,
)
from trygnet_activities.domain import partnership
from trygnet_activities.domain.commands import (
    EstablishPartnership,
    JoinPartnership,
    LeavePartnership,
)
from trygnet_activities.domain.events import (
    PartnershipEstablished,
    PartnershipMemberJoined,
    PartnershipMemberLeft,
)
from trygnet_activities.domain.model import Known, PartnerRole
from trygnet_activities.domain.partnership import PartnershipCommand
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent

MANDATE = (
    "Coordinate crime prevention in Tingbjerg-Husum across the strategic level, "
    "frontline staff and civil society."
)
ESTABLISHED = PartnershipEstablished(
    partnership_id=PARTNERSHIP,
    name="Tryghedspartnerskab Tingbjerg-Husum",
    mandate=MANDATE,
    authorised_by="Copenhagen City Council and Copenhagen Police",
    authorised_on="2024-01-15",
    coordinator_actor_id=KK,
    areas=(TINGBJERG, HUSUM),
    hours_per_year=1600,
    budget_per_year=750_000,
)
POLICE_JOINED = PartnershipMemberJoined(
    partnership_id=PARTNERSHIP, actor_id=POLICE, role=PartnerRole.PARTNER
)


def when(
    command: PartnershipCommand, *given: DomainEvent, known: Known = KNOWN
) -> list[DomainEvent]:
    """Decide ``command`` on the partnership that the ``given`` events folded into."""
    return partnership.decide(command, partnership.fold(given), known=known)


def establish(**changes: Any) -> EstablishPartnership:
    fields: dict[str, Any] = {
        "partnership_id": PARTNERSHIP,
        "name": "Tryghedspartnerskab Tingbjerg-Husum",
        "mandate": MANDATE,
        "authorised_by": "Copenhagen City Council and Copenhagen Police",
        "authorised_on": date(2024, 1, 15),
        "coordinator_actor_id": KK,
    }
    return EstablishPartnership(**{**fields, **changes})


def refused_field(
    error: type[TrygnetError], command: PartnershipCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Establish


def test_establishing_a_partnership_records_every_detail_trimmed_and_without_duplicates() -> None:
    command = establish(
        name="  Tryghedspartnerskab Tingbjerg-Husum ",
        mandate=f" {MANDATE}\n",
        authorised_by=" Copenhagen City Council and Copenhagen Police ",
        areas=(TINGBJERG, HUSUM, TINGBJERG),
        hours_per_year=1600,
        budget_per_year=750_000,
    )
    assert when(command) == [ESTABLISHED]


def test_a_partnership_needs_no_areas_nor_resources() -> None:
    assert when(establish()) == [
        dataclasses.replace(ESTABLISHED, areas=(), hours_per_year=None, budget_per_year=None)
    ]


def test_the_authorisation_date_may_be_given_as_iso_text_or_lie_in_the_future() -> None:
    [established] = when(establish(authorised_on=" 2031-12-01 "))
    assert isinstance(established, PartnershipEstablished)
    assert established.authorised_on == "2031-12-01"


def test_a_coordinator_given_by_a_merged_id_is_recorded_as_the_survivor() -> None:
    [established] = when(establish(coordinator_actor_id=OLD_SSP))
    assert isinstance(established, PartnershipEstablished)
    assert established.coordinator_actor_id == SSP


def test_the_established_partnership_has_no_members_yet() -> None:
    assert partnership.fold([ESTABLISHED]) == partnership.Partnership(
        partnership_id=PARTNERSHIP,
        name="Tryghedspartnerskab Tingbjerg-Husum",
        mandate=MANDATE,
        authorised_by="Copenhagen City Council and Copenhagen Police",
        authorised_on="2024-01-15",
        coordinator_actor_id=KK,
        areas=(TINGBJERG, HUSUM),
        hours_per_year=1600,
        budget_per_year=750_000,
        members={},
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "N" * 201}, "name"),
        ({"mandate": ""}, "mandate"),
        ({"mandate": "M" * 4001}, "mandate"),
        ({"authorised_by": None}, "authorisedBy"),
        ({"authorised_on": "15/01/2024"}, "authorisedOn"),
        ({"authorised_on": None}, "authorisedOn"),
        ({"coordinator_actor_id": "actor-nobody"}, "coordinatorActorId"),
        ({"areas": (TINGBJERG, "area-atlantis")}, "areas"),
        ({"hours_per_year": -1}, "hoursPerYear"),
        ({"hours_per_year": True}, "hoursPerYear"),
        ({"budget_per_year": -500}, "budgetPerYear"),
        ({"budget_per_year": 1.5}, "budgetPerYear"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_establishing_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, establish(**changes)) == field


def test_an_unknown_coordinator_is_refused_naming_its_field_not_its_id() -> None:
    with pytest.raises(BadUserInput) as refused:
        when(establish(coordinator_actor_id="actor-nobody"))
    assert refused.value.field == "coordinatorActorId"
    assert "actor-nobody" not in str(refused.value)


def test_establishing_a_partnership_twice_conflicts() -> None:
    assert refused_field(Conflict, establish(), ESTABLISHED) == "partnershipId"


# Join


@pytest.mark.parametrize("role", list(PartnerRole), ids=str)
def test_an_actor_joins_in_a_partner_role_given_by_its_value(role: PartnerRole) -> None:
    [joined] = when(JoinPartnership(PARTNERSHIP, POLICE, role.value), ESTABLISHED)
    assert isinstance(joined, PartnershipMemberJoined) and type(joined.role) is PartnerRole
    state = partnership.fold([ESTABLISHED, joined])
    assert state is not None and state.members == {POLICE: role}


def test_an_actor_joining_by_a_merged_id_joins_as_the_survivor() -> None:
    assert when(JoinPartnership(PARTNERSHIP, OLD_SSP, PartnerRole.LEAD), ESTABLISHED) == [
        PartnershipMemberJoined(partnership_id=PARTNERSHIP, actor_id=SSP, role=PartnerRole.LEAD)
    ]


def test_joining_again_in_the_same_role_records_nothing() -> None:
    command = JoinPartnership(PARTNERSHIP, POLICE, PartnerRole.PARTNER)
    assert when(command, ESTABLISHED, POLICE_JOINED) == []


def test_joining_again_in_another_role_changes_the_role() -> None:
    command = JoinPartnership(PARTNERSHIP, POLICE, PartnerRole.LEAD)
    events = when(command, ESTABLISHED, POLICE_JOINED)
    assert events == [
        PartnershipMemberJoined(partnership_id=PARTNERSHIP, actor_id=POLICE, role=PartnerRole.LEAD)
    ]
    state = partnership.fold([ESTABLISHED, POLICE_JOINED, *events])
    assert state is not None and state.members == {POLICE: PartnerRole.LEAD}


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (JoinPartnership(PARTNERSHIP, "actor-nobody", PartnerRole.PARTNER), "actorId"),
        (JoinPartnership(PARTNERSHIP, FSB, "  "), "role"),  # type: ignore[arg-type]
        (JoinPartnership(PARTNERSHIP, FSB, "chair"), "role"),  # type: ignore[arg-type]
        (JoinPartnership(PARTNERSHIP, FSB, "PARTNER"), "role"),  # type: ignore[arg-type]
    ],
    ids=["unknown-actor", "no-role", "words-of-its-own", "enum-name"],
)
def test_joining_with_a_bad_detail_is_refused_naming_it(
    command: JoinPartnership, field: str
) -> None:
    assert refused_field(BadUserInput, command, ESTABLISHED) == field


# Leave


def test_a_member_leaves() -> None:
    events = when(LeavePartnership(PARTNERSHIP, POLICE), ESTABLISHED, POLICE_JOINED)
    assert events == [PartnershipMemberLeft(partnership_id=PARTNERSHIP, actor_id=POLICE)]
    state = partnership.fold([ESTABLISHED, POLICE_JOINED, *events])
    assert state is not None and state.members == {}


def test_a_member_leaving_by_a_merged_id_leaves_as_the_survivor() -> None:
    joined = PartnershipMemberJoined(
        partnership_id=PARTNERSHIP, actor_id=SSP, role=PartnerRole.PARTNER
    )
    assert when(LeavePartnership(PARTNERSHIP, OLD_SSP), ESTABLISHED, joined) == [
        PartnershipMemberLeft(partnership_id=PARTNERSHIP, actor_id=SSP)
    ]


def test_a_member_recorded_before_its_merge_leaves_by_its_old_id() -> None:
    joined = PartnershipMemberJoined(
        partnership_id=PARTNERSHIP, actor_id=OLD_SSP, role=PartnerRole.PARTNER
    )
    assert when(LeavePartnership(PARTNERSHIP, OLD_SSP), ESTABLISHED, joined) == [
        PartnershipMemberLeft(partnership_id=PARTNERSHIP, actor_id=OLD_SSP)
    ]


def test_an_actor_that_is_not_a_member_cannot_leave() -> None:
    assert refused_field(NotFound, LeavePartnership(PARTNERSHIP, CLUB), ESTABLISHED) == "actorId"


@pytest.mark.parametrize(
    "command",
    [
        JoinPartnership(PARTNERSHIP, POLICE, PartnerRole.PARTNER),
        LeavePartnership(PARTNERSHIP, POLICE),
    ],
    ids=lambda c: type(c).__name__,
)
def test_a_command_on_an_unknown_partnership_is_not_found(command: PartnershipCommand) -> None:
    assert refused_field(NotFound, command) == "partnershipId"


# Events as stored

PARTNERSHIP_EVENTS: list[DomainEvent] = [
    ESTABLISHED,
    POLICE_JOINED,
    PartnershipMemberLeft(partnership_id=PARTNERSHIP, actor_id=POLICE),
]


@pytest.mark.parametrize("event", PARTNERSHIP_EVENTS, ids=lambda e: type(e).__name__)
def test_a_partnership_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)


# Events written while a partnership role was any text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("partner", PartnerRole.PARTNER),
        ("FUNDER", PartnerRole.FUNDER),
        (" Lead ", PartnerRole.LEAD),
        ("chair", PartnerRole.LEAD),
        ("Formand", PartnerRole.LEAD),
        ("ordförande", PartnerRole.LEAD),
        ("member", PartnerRole.PARTNER),
        ("medlem", PartnerRole.PARTNER),
        ("frivillig", PartnerRole.VOLUNTEER),
        ("politi", PartnerRole.OTHER),
        ("boligorganisation", PartnerRole.OTHER),
        ("strategic partner", PartnerRole.OTHER),
    ],
)
def test_an_old_event_with_a_role_in_words_of_its_own_folds_into_a_partner_role(
    written: str, read: PartnerRole
) -> None:
    """As the store and the topic hold it: JSON written before roles were words."""
    stored = {"partnership_id": PARTNERSHIP, "actor_id": POLICE, "role": written}
    old = PartnershipMemberJoined.from_data(json.loads(json.dumps(stored)))
    assert old.role is read
    state = partnership.fold([ESTABLISHED, old])
    assert state is not None and state.members == {POLICE: read}
    assert old.to_data()["role"] == read.value


def test_a_member_of_an_old_event_takes_another_role_or_leaves_as_any_member_does() -> None:
    old = PartnershipMemberJoined.from_data(
        {"partnership_id": PARTNERSHIP, "actor_id": POLICE, "role": "politi"}
    )
    assert when(JoinPartnership(PARTNERSHIP, POLICE, PartnerRole.OTHER), ESTABLISHED, old) == []
    assert when(JoinPartnership(PARTNERSHIP, POLICE, PartnerRole.PARTNER), ESTABLISHED, old) == [
        PartnershipMemberJoined(
            partnership_id=PARTNERSHIP, actor_id=POLICE, role=PartnerRole.PARTNER
        )
    ]
    assert when(LeavePartnership(PARTNERSHIP, POLICE), ESTABLISHED, old) == [
        PartnershipMemberLeft(partnership_id=PARTNERSHIP, actor_id=POLICE)
    ]
