"""The Actor aggregate, given / when / then: events in, a command, events or an error out."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from tests.actors.test_domain_areas import AREA_EVENTS
from tests.actors.test_domain_contacts import CONTACT_EVENTS
from trygnet_actors.domain import actor
from trygnet_actors.domain.actor import ActorCommand, Known
from trygnet_actors.domain.commands import (
    ChangeActorDetails,
    DeactivateActor,
    MergeActors,
    ReactivateActor,
    RegisterActor,
    SetActorAreas,
    SetActorLevels,
    SetActorThemes,
)
from trygnet_actors.domain.events import (
    ActorAbsorbed,
    ActorAreasSet,
    ActorDeactivated,
    ActorDetailsChanged,
    ActorLevelsSet,
    ActorMerged,
    ActorReactivated,
    ActorRegistered,
    ActorThemesSet,
    catalogue,
)
from trygnet_actors.domain.model import ActorStatus, Level, Sector, Theme
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent

TINGBJERG, HUSUM, BISPEBJERG = "area-tingbjerg", "area-husum", "area-bispebjerg"
MUNICIPALITY, SSP, POLICE, CLUB = "actor-kk", "actor-ssp", "actor-police", "actor-club"
KNOWN = Known(
    areas=frozenset({TINGBJERG, HUSUM, BISPEBJERG}),
    actors=frozenset({MUNICIPALITY, SSP, POLICE, CLUB}),
)

SSP_REGISTERED = ActorRegistered(
    actor_id=SSP,
    name="SSP Tingbjerg-Husum",
    sector=Sector.SSP,
    department="Børne- og Ungdomsforvaltningen",
    parent_actor_id=MUNICIPALITY,
    levels=(Level.FRONTLINE, Level.STRATEGIC),
    areas=(TINGBJERG, HUSUM),
    themes=(Theme.YOUTH, Theme.EDUCATION),
    description="School, social services and police working with young people at risk.",
    phone="+45 33 66 33 66",
    email="ssp@kk.dk",
    website="https://www.kk.dk/ssp",
    external_id="cvr-64942212",
)
CLUB_REGISTERED = ActorRegistered(
    actor_id=CLUB,
    name="Tingbjerg Youth Club",
    sector=Sector.CIVIL_SOCIETY,
    levels=(Level.CIVIL_SOCIETY, Level.FRONTLINE),
    areas=(BISPEBJERG, TINGBJERG),
    themes=(Theme.YOUTH, Theme.EMPLOYMENT),
)


def when(command: ActorCommand, *given: DomainEvent, known: Known = KNOWN) -> list[DomainEvent]:
    """Decide ``command`` on the actor that the ``given`` events folded into."""
    return actor.decide(command, actor.fold(given), known=known)


def register(**changes: Any) -> RegisterActor:
    fields: dict[str, Any] = {
        "actor_id": SSP,
        "name": "SSP Tingbjerg-Husum",
        "sector": Sector.SSP,
    }
    return RegisterActor(**{**fields, **changes})


def refused_field(error: type[Exception], command: ActorCommand, *given: DomainEvent) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Register


def test_registering_an_actor_records_every_detail_trimmed_and_without_duplicates() -> None:
    command = RegisterActor(
        actor_id=SSP,
        name="  SSP Tingbjerg-Husum ",
        sector=Sector.SSP,
        department=" Børne- og Ungdomsforvaltningen ",
        parent_actor_id=f" {MUNICIPALITY} ",
        levels=(Level.FRONTLINE, Level.STRATEGIC, Level.FRONTLINE),
        areas=(TINGBJERG, HUSUM, TINGBJERG),
        themes=(Theme.YOUTH, Theme.EDUCATION, Theme.YOUTH),
        description=" School, social services and police working with young people at risk. ",
        phone=" +45 33 66 33 66 ",
        email=" ssp@kk.dk ",
        website=" https://www.kk.dk/ssp ",
        external_id=" cvr-64942212 ",
    )
    assert when(command) == [SSP_REGISTERED]


def test_an_actor_needs_only_a_name_and_a_sector_and_empty_details_are_none() -> None:
    command = register(department=" ", description="", phone="  ", email="", website=" ")
    assert when(command) == [
        ActorRegistered(actor_id=SSP, name="SSP Tingbjerg-Husum", sector=Sector.SSP)
    ]


def test_a_sector_given_by_its_value_is_recorded_as_the_sector() -> None:
    [registered] = when(register(sector="police"))
    assert registered == ActorRegistered(
        actor_id=SSP, name="SSP Tingbjerg-Husum", sector=Sector.POLICE
    )
    assert type(registered.sector) is Sector


def test_the_registered_actor_is_active_with_every_detail() -> None:
    state = actor.fold([SSP_REGISTERED])
    assert state == actor.Actor(
        actor_id=SSP,
        name="SSP Tingbjerg-Husum",
        sector=Sector.SSP,
        department="Børne- og Ungdomsforvaltningen",
        parent_actor_id=MUNICIPALITY,
        levels=(Level.FRONTLINE, Level.STRATEGIC),
        areas=(TINGBJERG, HUSUM),
        themes=(Theme.YOUTH, Theme.EDUCATION),
        description="School, social services and police working with young people at risk.",
        phone="+45 33 66 33 66",
        email="ssp@kk.dk",
        website="https://www.kk.dk/ssp",
        external_id="cvr-64942212",
        status=ActorStatus.ACTIVE,
        merged_into=None,
        merged_from=(),
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sector": "wizardry"}, "sector"),
        ({"sector": None}, "sector"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "S" * 201}, "name"),
        ({"department": "D" * 201}, "department"),
        ({"description": "D" * 4001}, "description"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "+45 12 34 56 78 90 12 34"}, "phone"),
        ({"email": "ssp"}, "email"),
        ({"email": "ssp@kk"}, "email"),
        ({"email": "ssp tingbjerg@kk.dk"}, "email"),
        ({"website": "www.kk.dk"}, "website"),
        ({"website": "ftp://kk.dk"}, "website"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"external_id": "x" * 201}, "externalId"),
        ({"areas": (TINGBJERG, "area-atlantis")}, "areas"),
        ({"parent_actor_id": "actor-nobody"}, "parentActorId"),
        ({"parent_actor_id": SSP}, "parentActorId"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_registering_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, register(**changes)) == field


def test_an_actor_is_never_its_own_parent_even_when_its_id_is_known() -> None:
    known = Known(areas=KNOWN.areas, actors=KNOWN.actors | {SSP})
    with pytest.raises(BadUserInput) as refused:
        when(register(parent_actor_id=SSP), known=known)
    assert refused.value.field == "parentActorId"


@pytest.mark.parametrize(
    ("command", "given", "field"),
    [
        (register(levels=("strategic", "wizardry")), [], "levels"),
        (register(themes=("youth", "quidditch")), [], "themes"),
        (SetActorLevels(SSP, ("strategic", "wizardry")), [SSP_REGISTERED], "levels"),
        (SetActorThemes(SSP, ("youth", "quidditch")), [SSP_REGISTERED], "themes"),
    ],
    ids=["register-level", "register-theme", "set-levels", "set-themes"],
)
def test_an_unknown_level_or_theme_is_refused_naming_it(
    command: ActorCommand, given: list[DomainEvent], field: str
) -> None:
    assert refused_field(BadUserInput, command, *given) == field


def test_registering_an_actor_twice_conflicts() -> None:
    assert refused_field(Conflict, register(name="SSP again"), SSP_REGISTERED) == "actorId"


# Change details


def test_changing_details_records_only_what_changed() -> None:
    command = ChangeActorDetails(
        SSP,
        {
            "name": "SSP Tingbjerg-Husum",
            "phone": "+45 33 66 00 00",
            "department": " Børne- og Ungdomsforvaltningen ",
            "description": "Prevention for young people in Tingbjerg and Husum.",
        },
    )
    assert when(command, SSP_REGISTERED) == [
        ActorDetailsChanged(
            actor_id=SSP,
            changes={
                "phone": "+45 33 66 00 00",
                "description": "Prevention for young people in Tingbjerg and Husum.",
            },
        )
    ]


def test_changing_details_to_what_they_are_records_nothing() -> None:
    same = {
        "name": " SSP Tingbjerg-Husum ",
        "sector": "ssp",
        "department": "Børne- og Ungdomsforvaltningen",
        "parent_actor_id": MUNICIPALITY,
        "email": "ssp@kk.dk",
        "website": "https://www.kk.dk/ssp",
    }
    assert when(ChangeActorDetails(SSP, same), SSP_REGISTERED) == []
    assert when(ChangeActorDetails(SSP, {}), SSP_REGISTERED) == []


def test_a_detail_given_as_none_or_blank_is_cleared() -> None:
    command = ChangeActorDetails(SSP, {"website": None, "phone": "  ", "parent_actor_id": None})
    events = when(command, SSP_REGISTERED)
    assert events == [
        ActorDetailsChanged(
            actor_id=SSP, changes={"website": None, "phone": None, "parent_actor_id": None}
        )
    ]
    state = actor.fold([SSP_REGISTERED, *events])
    assert state is not None
    assert (state.website, state.phone, state.parent_actor_id) == (None, None, None)
    assert state.email == "ssp@kk.dk"


def test_clearing_a_detail_that_is_empty_records_nothing() -> None:
    bare = ActorRegistered(actor_id=SSP, name="SSP Tingbjerg-Husum", sector=Sector.SSP)
    assert when(ChangeActorDetails(SSP, {"website": None, "phone": None}), bare) == []


def test_a_changed_sector_is_recorded_as_its_value_and_read_back_as_the_sector() -> None:
    [changed] = when(ChangeActorDetails(SSP, {"sector": Sector.MUNICIPALITY}), SSP_REGISTERED)
    assert changed == ActorDetailsChanged(actor_id=SSP, changes={"sector": "municipality"})
    assert type(changed.changes["sector"]) is str
    state = actor.fold([SSP_REGISTERED, changed])
    assert state is not None and state.sector is Sector.MUNICIPALITY


def test_a_new_parent_must_be_a_known_actor() -> None:
    assert when(ChangeActorDetails(SSP, {"parent_actor_id": POLICE}), SSP_REGISTERED) == [
        ActorDetailsChanged(actor_id=SSP, changes={"parent_actor_id": POLICE})
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"colour": "blue"}, "colour"),
        ({"status": "merged"}, "status"),
        ({"merged_into": POLICE}, "merged_into"),
        ({"areas": (TINGBJERG,)}, "areas"),
        ({"name": None}, "name"),
        ({"name": "  "}, "name"),
        ({"sector": "wizardry"}, "sector"),
        ({"phone": "call me"}, "phone"),
        ({"email": "ssp@"}, "email"),
        ({"website": "kk.dk"}, "website"),
        ({"parent_actor_id": "actor-nobody"}, "parentActorId"),
        ({"parent_actor_id": SSP}, "parentActorId"),
        ({"external_id": "x" * 201}, "externalId"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_bad_or_unknown_detail_is_refused_naming_it(changes: dict[str, Any], field: str) -> None:
    assert refused_field(BadUserInput, ChangeActorDetails(SSP, changes), SSP_REGISTERED) == field


def test_every_changed_detail_is_the_actors_from_then_on() -> None:
    changed = ActorDetailsChanged(
        actor_id=SSP,
        changes={"name": "SSP København NV", "sector": "municipality", "email": None},
    )
    registered = actor.fold([SSP_REGISTERED])
    assert registered is not None
    assert actor.fold([SSP_REGISTERED, changed]) == dataclasses.replace(
        registered,
        name="SSP København NV",
        sector=Sector.MUNICIPALITY,
        email=None,
    )


# Areas, levels, themes


def test_setting_areas_records_them_without_duplicates() -> None:
    command = SetActorAreas(SSP, (BISPEBJERG, TINGBJERG, BISPEBJERG))
    events = when(command, SSP_REGISTERED)
    assert events == [ActorAreasSet(actor_id=SSP, areas=(BISPEBJERG, TINGBJERG))]
    state = actor.fold([SSP_REGISTERED, *events])
    assert state is not None and state.areas == (BISPEBJERG, TINGBJERG)


def test_setting_the_same_areas_in_another_order_records_nothing() -> None:
    assert when(SetActorAreas(SSP, (HUSUM, TINGBJERG, HUSUM)), SSP_REGISTERED) == []


def test_setting_no_areas_removes_them_all() -> None:
    assert when(SetActorAreas(SSP, ()), SSP_REGISTERED) == [ActorAreasSet(actor_id=SSP, areas=())]


def test_an_area_not_in_use_is_refused_naming_areas() -> None:
    command = SetActorAreas(SSP, (TINGBJERG, "area-retired"))
    assert refused_field(BadUserInput, command, SSP_REGISTERED) == "areas"


def test_setting_levels_records_them_without_duplicates() -> None:
    command = SetActorLevels(SSP, (Level.CIVIL_SOCIETY, Level.FRONTLINE, Level.CIVIL_SOCIETY))
    events = when(command, SSP_REGISTERED)
    assert events == [ActorLevelsSet(actor_id=SSP, levels=(Level.CIVIL_SOCIETY, Level.FRONTLINE))]
    state = actor.fold([SSP_REGISTERED, *events])
    assert state is not None and state.levels == (Level.CIVIL_SOCIETY, Level.FRONTLINE)


def test_setting_the_same_levels_records_nothing() -> None:
    command = SetActorLevels(SSP, (Level.STRATEGIC, Level.FRONTLINE, Level.STRATEGIC))
    assert when(command, SSP_REGISTERED) == []


def test_setting_themes_records_them_without_duplicates() -> None:
    command = SetActorThemes(SSP, (Theme.NIGHTLIFE, Theme.YOUTH, Theme.NIGHTLIFE))
    events = when(command, SSP_REGISTERED)
    assert events == [ActorThemesSet(actor_id=SSP, themes=(Theme.NIGHTLIFE, Theme.YOUTH))]
    state = actor.fold([SSP_REGISTERED, *events])
    assert state is not None and state.themes == (Theme.NIGHTLIFE, Theme.YOUTH)


def test_setting_the_same_themes_records_nothing() -> None:
    assert when(SetActorThemes(SSP, (Theme.EDUCATION, Theme.YOUTH)), SSP_REGISTERED) == []


# Deactivate and reactivate


def test_deactivating_an_actor_keeps_the_reason_and_makes_it_inactive() -> None:
    events = when(DeactivateActor(SSP, " Project funding ended in 2024 "), SSP_REGISTERED)
    assert events == [ActorDeactivated(actor_id=SSP, reason="Project funding ended in 2024")]
    state = actor.fold([SSP_REGISTERED, *events])
    assert state is not None and state.status is ActorStatus.INACTIVE


def test_an_actor_may_be_deactivated_without_a_reason() -> None:
    assert when(DeactivateActor(SSP, "  "), SSP_REGISTERED) == [
        ActorDeactivated(actor_id=SSP, reason=None)
    ]


def test_a_reason_of_more_than_500_characters_is_refused_naming_reason() -> None:
    assert refused_field(BadUserInput, DeactivateActor(SSP, "r" * 501), SSP_REGISTERED) == "reason"


def test_deactivating_an_inactive_actor_records_nothing() -> None:
    deactivated = ActorDeactivated(actor_id=SSP, reason="Project funding ended")
    assert when(DeactivateActor(SSP, "again"), SSP_REGISTERED, deactivated) == []


def test_reactivating_an_inactive_actor_makes_it_active() -> None:
    deactivated = ActorDeactivated(actor_id=SSP)
    events = when(ReactivateActor(SSP), SSP_REGISTERED, deactivated)
    assert events == [ActorReactivated(actor_id=SSP)]
    state = actor.fold([SSP_REGISTERED, deactivated, *events])
    assert state is not None and state.status is ActorStatus.ACTIVE


def test_reactivating_an_active_actor_records_nothing() -> None:
    assert when(ReactivateActor(SSP), SSP_REGISTERED) == []


EVERY_LATER_COMMAND: list[ActorCommand] = [
    ChangeActorDetails(SSP, {"name": "SSP København NV"}),
    SetActorAreas(SSP, (BISPEBJERG,)),
    SetActorLevels(SSP, (Level.CIVIL_SOCIETY,)),
    SetActorThemes(SSP, (Theme.NIGHTLIFE,)),
    DeactivateActor(SSP, "closed"),
    ReactivateActor(SSP),
]


@pytest.mark.parametrize("command", EVERY_LATER_COMMAND, ids=lambda c: type(c).__name__)
def test_a_command_on_an_unknown_actor_is_not_found(command: ActorCommand) -> None:
    assert refused_field(NotFound, command) == "actorId"


# Merge


def merge(
    survivor: list[DomainEvent],
    merged: list[DomainEvent],
    *,
    contacts: tuple[str, ...] = (),
    command: MergeActors | None = None,
) -> tuple[list[DomainEvent], list[DomainEvent]]:
    return actor.decide_merge(
        command or MergeActors(survivor_id=SSP, merged_id=CLUB),
        actor.fold(survivor),
        actor.fold(merged),
        merged_contacts=contacts,
    )


def test_merging_gives_the_survivor_the_merged_actors_areas_levels_themes_and_contacts() -> None:
    for_survivor, for_merged = merge(
        [SSP_REGISTERED], [CLUB_REGISTERED], contacts=("contact-1", "contact-2")
    )
    assert for_survivor == [
        ActorAbsorbed(
            actor_id=SSP,
            merged_actor_id=CLUB,
            areas=(BISPEBJERG, TINGBJERG),
            levels=(Level.CIVIL_SOCIETY, Level.FRONTLINE),
            themes=(Theme.YOUTH, Theme.EMPLOYMENT),
            contact_ids=("contact-1", "contact-2"),
        )
    ]
    assert for_merged == [ActorMerged(actor_id=CLUB, survivor_id=SSP)]


def test_the_survivor_unions_what_it_absorbed_and_remembers_whom() -> None:
    [absorbed], _ = merge([SSP_REGISTERED], [CLUB_REGISTERED])
    state = actor.fold([SSP_REGISTERED, absorbed])
    assert state is not None
    assert state.areas == (TINGBJERG, HUSUM, BISPEBJERG)
    assert state.levels == (Level.FRONTLINE, Level.STRATEGIC, Level.CIVIL_SOCIETY)
    assert state.themes == (Theme.YOUTH, Theme.EDUCATION, Theme.EMPLOYMENT)
    assert state.merged_from == (CLUB,)
    assert state.status is ActorStatus.ACTIVE and state.merged_into is None


def test_a_survivor_that_absorbs_twice_remembers_both() -> None:
    first = ActorAbsorbed(actor_id=SSP, merged_actor_id=CLUB, areas=(BISPEBJERG,))
    second = ActorAbsorbed(actor_id=SSP, merged_actor_id=POLICE, themes=(Theme.NIGHTLIFE,))
    state = actor.fold([SSP_REGISTERED, first, second])
    assert state is not None
    assert state.merged_from == (CLUB, POLICE)
    assert state.areas == (TINGBJERG, HUSUM, BISPEBJERG)
    assert state.themes == (Theme.YOUTH, Theme.EDUCATION, Theme.NIGHTLIFE)


def test_the_merged_actor_points_at_its_survivor() -> None:
    _, [merged] = merge([SSP_REGISTERED], [CLUB_REGISTERED])
    state = actor.fold([CLUB_REGISTERED, merged])
    assert state is not None
    assert state.status is ActorStatus.MERGED and state.merged_into == SSP


def test_an_actor_cannot_be_merged_with_itself() -> None:
    with pytest.raises(BadUserInput) as refused:
        merge(
            [SSP_REGISTERED], [SSP_REGISTERED], command=MergeActors(survivor_id=SSP, merged_id=SSP)
        )
    assert refused.value.field == "mergedId"


def test_nothing_merges_into_an_actor_merged_already() -> None:
    gone = ActorMerged(actor_id=SSP, survivor_id=MUNICIPALITY)
    with pytest.raises(Conflict) as refused:
        merge([SSP_REGISTERED, gone], [CLUB_REGISTERED])
    assert refused.value.field == "survivorId"
    assert MUNICIPALITY in str(refused.value)


def test_an_actor_merged_already_cannot_be_merged_again() -> None:
    gone = ActorMerged(actor_id=CLUB, survivor_id=POLICE)
    with pytest.raises(Conflict) as refused:
        merge([SSP_REGISTERED], [CLUB_REGISTERED, gone])
    assert refused.value.field == "mergedId"
    assert POLICE in str(refused.value)


@pytest.mark.parametrize(
    ("survivor", "merged", "field"),
    [([], [CLUB_REGISTERED], "survivorId"), ([SSP_REGISTERED], [], "mergedId")],
    ids=["unknown-survivor", "unknown-merged"],
)
def test_merging_with_an_unknown_actor_is_not_found(
    survivor: list[DomainEvent], merged: list[DomainEvent], field: str
) -> None:
    with pytest.raises(NotFound) as refused:
        merge(survivor, merged)
    assert refused.value.field == field


@pytest.mark.parametrize("command", EVERY_LATER_COMMAND, ids=lambda c: type(c).__name__)
def test_a_merged_actor_takes_no_more_commands_and_names_its_survivor(
    command: ActorCommand,
) -> None:
    merged = ActorMerged(actor_id=SSP, survivor_id=MUNICIPALITY)
    with pytest.raises(Conflict) as refused:
        when(command, SSP_REGISTERED, merged)
    assert refused.value.field == "actorId"
    assert MUNICIPALITY in str(refused.value)


def test_a_merged_actor_cannot_be_registered_again() -> None:
    merged = ActorMerged(actor_id=SSP, survivor_id=MUNICIPALITY)
    assert refused_field(Conflict, register(), SSP_REGISTERED, merged) == "actorId"


# Events as stored

ACTOR_EVENTS: list[DomainEvent] = [
    SSP_REGISTERED,
    ActorDetailsChanged(
        actor_id=SSP,
        changes={"name": "SSP København NV", "sector": "municipality", "website": None},
    ),
    ActorAreasSet(actor_id=SSP, areas=(TINGBJERG, BISPEBJERG)),
    ActorLevelsSet(actor_id=SSP, levels=(Level.STRATEGIC, Level.CIVIL_SOCIETY)),
    ActorThemesSet(actor_id=SSP, themes=(Theme.NIGHTLIFE, Theme.ALCOHOL_AND_DRUGS)),
    ActorDeactivated(actor_id=SSP, reason="Project funding ended"),
    ActorReactivated(actor_id=SSP),
    ActorMerged(actor_id=CLUB, survivor_id=SSP),
    ActorAbsorbed(
        actor_id=SSP,
        merged_actor_id=CLUB,
        areas=(BISPEBJERG,),
        levels=(Level.CIVIL_SOCIETY,),
        themes=(Theme.EMPLOYMENT,),
        contact_ids=("contact-1", "contact-2"),
    ),
]


@pytest.mark.parametrize("event", ACTOR_EVENTS, ids=lambda e: type(e).__name__)
def test_an_actor_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)  # enums stay enums, tuples stay tuples


def test_every_event_in_the_catalogue_has_a_round_trip_example() -> None:
    examples = {type(e) for e in [*AREA_EVENTS, *ACTOR_EVENTS, *CONTACT_EVENTS]}
    assert examples == set(catalogue)
