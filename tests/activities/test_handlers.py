"""The activities handlers on real databases: references from the replica, roles, tenancy."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.replica import seed_replica
from trygnet_activities.bootstrap import migrations
from trygnet_activities.domain import commands as cmd
from trygnet_activities.domain.model import Level, PartnerRole
from trygnet_activities.domain.strategy import STRATEGY_ID
from trygnet_activities.handlers import ActivitiesHandlers, references
from trygnet_core.auth import Principal
from trygnet_core.database import migrate
from trygnet_core.errors import BadUserInput, Forbidden, NotFound
from trygnet_core.personal_data import PersonalData
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId

COPENHAGEN, AALBORG = TenantId("0101"), TenantId("0851")
SSP, HOUSING, CLUB, OLD_SSP = "actor-ssp", "actor-housing", "actor-club", "actor-ssp-old"
TINGBJERG = "area-tingbjerg"


def person(*roles: str, tenant: TenantId = COPENHAGEN, actor: str | None = None) -> Principal:
    return Principal(subject="u", tenant=tenant, roles=frozenset(roles), actor_id=actor)


COORDINATOR = person("coordinator")


@pytest.fixture
async def handlers(engine: AsyncEngine) -> ActivitiesHandlers:
    await migrate(engine, version_locations=[migrations()])
    await seed_replica(
        engine,
        tenant=COPENHAGEN,
        areas=[TINGBJERG],
        actors=[SSP, HOUSING, CLUB, OLD_SSP],
        merged={OLD_SSP: SSP},
    )
    return ActivitiesHandlers(EventStore(engine), PersonalData())


def partnership(**overrides: object) -> cmd.EstablishPartnership:
    fields = {
        "partnership_id": "partnership-1",
        "name": "Tryghedspartnerskab Tingbjerg-Husum",
        "mandate": "Coordinate prevention in Tingbjerg",
        "authorised_by": "Borgerrepræsentationen",
        "authorised_on": date(2025, 3, 1),
        "coordinator_actor_id": HOUSING,
        "areas": (TINGBJERG,),
    }
    return cmd.EstablishPartnership(**{**fields, **overrides})  # type: ignore[arg-type]


def activity(**overrides: object) -> cmd.CreateActivity:
    fields = {
        "activity_id": "activity-1",
        "title": "After-school jobs",
        "level": Level.FRONTLINE,
        "owner_actor_id": SSP,
        "areas": (TINGBJERG,),
        "target_age_from": 13,
        "target_age_to": 17,
    }
    return cmd.CreateActivity(**{**fields, **overrides})  # type: ignore[arg-type]


def test_references_are_found_in_nested_records_too() -> None:
    meeting = cmd.RecordMeeting(
        forum_id="f",
        meeting_id="m",
        held_on=date(2026, 1, 5),
        attendees=(SSP,),
        follow_ups=({"follow_up_id": "x", "actor_id": CLUB, "due": "2026-02-01"},),
    )
    assert references(meeting)["actors"] == {SSP, CLUB}
    results = cmd.RecordSafetyIndexResults(strategy_id="s", results=({"area_id": TINGBJERG},))
    assert references(results)["areas"] == {TINGBJERG}


async def test_a_partnership_with_known_references_is_established(
    handlers: ActivitiesHandlers,
) -> None:
    outcome = await handlers.handle(COORDINATOR, partnership())
    assert outcome.version == 1 and outcome.position is not None
    joined = await handlers.handle(
        COORDINATOR, cmd.JoinPartnership("partnership-1", OLD_SSP, PartnerRole.PARTNER)
    )
    assert joined.version == 2
    [_, member] = await handlers.store.read_stream(tenant=COPENHAGEN, stream_id="partnership-1")
    assert member.data["actor_id"] == SSP, "a merged actor is stored as its survivor"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"areas": ("area-nowhere",)}, "areas"),
        ({"coordinator_actor_id": "actor-nobody"}, "coordinatorActorId"),
    ],
)
async def test_an_unknown_reference_is_refused_naming_its_field_and_nothing_is_written(
    handlers: ActivitiesHandlers, overrides: dict, field: str
) -> None:
    with pytest.raises(BadUserInput) as raised:
        await handlers.handle(COORDINATOR, partnership(**overrides))
    assert raised.value.field == field
    assert "nowhere" not in raised.value.detail and "nobody" not in raised.value.detail
    assert await handlers.store.stream_version(tenant=COPENHAGEN, stream_id="partnership-1") == 0


async def test_an_activity_serves_focus_areas_of_the_strategy(handlers: ActivitiesHandlers) -> None:
    """A municipality has one strategy, whose stream is ``STRATEGY_ID`` (the route fixes it)."""
    await handlers.handle(COORDINATOR, cmd.AdoptStrategy(STRATEGY_ID, "Safe in Copenhagen"))
    await handlers.handle(
        COORDINATOR, cmd.AddFocusArea(STRATEGY_ID, "focus-nightlife", "Safe nightlife")
    )
    assert (
        await handlers.handle(COORDINATOR, activity(focus_areas=("focus-nightlife",)))
    ).version == 1
    with pytest.raises(BadUserInput) as raised:
        await handlers.handle(
            COORDINATOR, activity(activity_id="activity-2", focus_areas=("focus-none",))
        )
    assert raised.value.field == "focusAreas"


async def test_partners_manage_what_their_actor_owns_and_nothing_else(
    handlers: ActivitiesHandlers,
) -> None:
    ssp_staff = person("partner", actor=SSP)
    club_staff = person("partner", actor=CLUB)
    police = person("police", actor=HOUSING)
    assert (await handlers.handle(ssp_staff, activity())).version == 1
    with pytest.raises(Forbidden):
        await handlers.handle(club_staff, activity(activity_id="activity-2"))
    with pytest.raises(Forbidden):
        await handlers.handle(
            club_staff, cmd.ChangeActivityDetails("activity-1", {"title": "Mine now"})
        )
    joined = await handlers.handle(
        club_staff, cmd.JoinActivity("activity-1", CLUB, PartnerRole.VOLUNTEER)
    )
    assert joined.version == 2, "a partner joins an activity for its own actor"
    with pytest.raises(Forbidden):
        await handlers.handle(
            club_staff, cmd.JoinActivity("activity-1", HOUSING, PartnerRole.FUNDER)
        )
    for forbidden in (partnership(), cmd.AdoptStrategy("strategy-0101", "Ours")):
        for who in (ssp_staff, police, person("national")):
            with pytest.raises(Forbidden):
                await handlers.handle(who, forbidden)
    walk = cmd.RecordSafetyWalk(
        walk_id="walk-1",
        walked_on=date(2026, 10, 1),
        area_id=TINGBJERG,
        participants=(HOUSING, SSP),
        residents=12,
    )
    assert (await handlers.handle(police, walk)).version == 1, (
        "police record walks they take part in"
    )
    with pytest.raises(Forbidden):
        await handlers.handle(
            club_staff,
            cmd.RecordFinding(
                "walk-1", "finding-1", "lighting", "Byvej 12", "Dark path behind the school"
            ),
        )


async def test_another_tenant_finds_nothing(handlers: ActivitiesHandlers) -> None:
    await handlers.handle(COORDINATOR, partnership())
    await handlers.handle(COORDINATOR, activity())
    aalborg = person("coordinator", tenant=AALBORG)
    for command in (
        cmd.JoinPartnership("partnership-1", SSP, PartnerRole.PARTNER),
        cmd.ChangeActivityStatus("activity-1", "active"),
        cmd.LeaveActivity("activity-1", SSP),
    ):
        with pytest.raises(NotFound):
            await handlers.handle(aalborg, command)
    with pytest.raises(BadUserInput):  # its replica knows none of Copenhagen's actors
        await handlers.handle(aalborg, partnership(partnership_id="partnership-2"))


async def test_a_follow_up_walk_links_to_an_earlier_walk_that_exists(
    handlers: ActivitiesHandlers,
) -> None:
    first = cmd.RecordSafetyWalk(
        walk_id="walk-1", walked_on=date(2026, 5, 1), area_id=TINGBJERG, residents=8
    )
    await handlers.handle(COORDINATOR, first)
    again = cmd.RecordSafetyWalk(
        walk_id="walk-2", walked_on=date(2026, 11, 1), area_id=TINGBJERG, follows_walk_id="walk-1"
    )
    assert (await handlers.handle(COORDINATOR, again)).version == 1
    orphan = cmd.RecordSafetyWalk(
        walk_id="walk-3",
        walked_on=date(2026, 11, 2),
        area_id=TINGBJERG,
        follows_walk_id="walk-none",
    )
    with pytest.raises(BadUserInput) as raised:
        await handlers.handle(COORDINATOR, orphan)
    assert raised.value.field == "followsWalkId"
