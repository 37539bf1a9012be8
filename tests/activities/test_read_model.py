"""The activities read model moves each document on by the new events only: after any
sequence of appends, over every kind of stream, the document is what a refold of the
whole stream gives, and the updater never reads a stream's events to get there."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_activities.bootstrap import migrations
from trygnet_activities.domain import events as ev
from trygnet_activities.domain import model as words
from trygnet_activities.domain import survey_events as sv
from trygnet_activities.domain.exchange_events import (
    PracticeShared,
    PracticeWithdrawn,
    SupportOfferPublished,
)
from trygnet_activities.read_model import RULES, document_tags, documents, documents_of, plain
from trygnet_core.database import migrate
from trygnet_core.envelope import NewEvent
from trygnet_core.events import DomainEvent
from trygnet_core.personal_data import PersonalData, is_sealed
from trygnet_core.store import EventStore, StreamAppend
from trygnet_core.tenancy import TenantId

COPENHAGEN, AALBORG = TenantId("0101"), TenantId("0851")
RATING = {
    "actor_id": "actor-club",
    "intensity": "cooperation",
    "trust": {"openness": 3, "reliability": 2, "shared_mission": 4},
    "value": {"power_and_influence": 1, "resource_contribution": 2, "level_of_involvement": 3},
}

HISTORIES: dict[tuple[str, str], list[DomainEvent]] = {
    ("partnership-1", "Partnership"): [
        ev.PartnershipEstablished(
            "partnership-1", "Partnerskabet", "Prevention", "Kommunen", "2025-03-01", "actor-ssp"
        ),
        ev.PartnershipMemberJoined("partnership-1", "actor-ssp", words.PartnerRole.PARTNER),
        ev.PartnershipMemberJoined("partnership-1", "actor-club", words.PartnerRole.FUNDER),
        ev.PartnershipMemberJoined("partnership-1", "actor-ssp", words.PartnerRole.LEAD),
        ev.PartnershipMemberLeft("partnership-1", "actor-club"),
    ],
    ("activity-1", "Activity"): [
        ev.ActivityCreated(
            activity_id="activity-1",
            title="After-school jobs",
            level=words.Level.FRONTLINE,
            owner_actor_id="actor-ssp",
            themes=(words.Theme.YOUTH, words.Theme.EMPLOYMENT),
            areas=("area-tingbjerg",),
            target_age_from=13,
            target_age_to=17,
        ),
        ev.ActivityPartnerJoined("activity-1", "actor-club", words.PartnerRole.PARTNER),
        ev.ActivityDetailsChanged(
            "activity-1", {"title": "Jobs after school", "themes": ["youth"], "level": "strategic"}
        ),
        ev.ActivityStatusChanged("activity-1", words.ActivityStatus.ACTIVE),
        ev.ParticipantsReachedRecorded("activity-1", 35),
        ev.ActivityPartnerJoined("activity-1", "actor-housing", words.PartnerRole.VOLUNTEER),
        ev.ActivityPartnerLeft("activity-1", "actor-club"),
        ev.ActivityStatusChanged("activity-1", words.ActivityStatus.PAUSED),
    ],
    ("forum-1", "Forum"): [
        ev.ForumEstablished(
            "forum-1", "SSP-forum", words.Level.STRATEGIC, "actor-ssp", words.Cadence.MONTHLY
        ),
        ev.ForumMemberJoined("forum-1", "actor-club"),
        ev.MeetingRecorded(
            forum_id="forum-1",
            meeting_id="meeting-1",
            held_on="2026-01-05",
            attendees=("actor-ssp", "actor-club"),
            follow_ups=({"follow_up_id": "fu-1", "actor_id": "actor-club", "due": "2026-02-01"},),
            agenda="Ahmed's group at the station",
        ),
        ev.FollowUpStatusChanged("forum-1", "meeting-1", "fu-1", words.FollowUpStatus.DONE),
        ev.ForumMemberLeft("forum-1", "actor-club"),
    ],
    ("walk-1", "SafetyWalk"): [
        ev.SafetyWalkRecorded(
            walk_id="walk-1",
            walked_on="2026-03-10",
            area_id="area-tingbjerg",
            participants=("actor-ssp",),
            residents=4,
            route="Past Hans's kiosk",
        ),
        ev.FindingRecorded(
            walk_id="walk-1",
            finding_id="finding-1",
            kind=words.FindingKind.LIGHTING,
            place="The underpass",
            description="Dark at night",
            coordinates={"lat": 55.7, "lon": 12.5},
        ),
        ev.FindingActionAssigned("walk-1", "finding-1", "action-1", "actor-housing", "2026-05-01"),
        ev.FindingActionStatusChanged(
            "walk-1", "finding-1", "action-1", words.ActionStatus.REJECTED, reason="Not ours"
        ),
    ],
    ("strategy", "Strategy"): [
        ev.StrategyAdopted("strategy", "Safe Copenhagen 2030"),
        ev.FocusAreaAdded("strategy", "focus-1", "Young people"),
        ev.IndicatorAdded(
            "strategy",
            "indicator-1",
            "focus-1",
            "Feeling safe",
            "percent",
            words.Direction.INCREASE,
        ),
        ev.MeasurementRecorded("strategy", "indicator-1", 71.5, "2026", "survey"),
        ev.FocusAreaAdded("strategy", "focus-2", "Nightlife"),
    ],
    ("wave-1", "SurveyWave"): [
        sv.SurveyWaveOpened("wave-1", "Spring 2026", "2026-04-01"),
        sv.SurveyResponseRecorded("wave-1", "actor-ssp", (RATING,)),
        sv.SurveyResponseRecorded("wave-1", "actor-ssp", ({**RATING, "intensity": "awareness"},)),
        sv.SurveyWaveClosed("wave-1"),
    ],
    ("hourly-rate", "HourlyRate"): [
        ev.HourlyRateSet("hourly-rate", 450.0),
        ev.HourlyRateSet("hourly-rate", 475.5),
    ],
    ("practice-activity-1", "Practice"): [
        PracticeShared(
            practice_id="practice-activity-1",
            activity_id="activity-1",
            title="After-school jobs",
            themes=(words.Theme.YOUTH,),
            partner_sectors=("municipality", "club"),
            results=({"indicator": "Feeling safe", "unit": "percent", "value": 71.5},),
            contact={"name": "SSP", "sector": "municipality"},
        ),
        PracticeWithdrawn("practice-activity-1", "activity-1"),
        PracticeShared(practice_id="practice-activity-1", activity_id="activity-1", title="Jobs"),
    ],
    ("offer-1", "SupportOffer"): [
        SupportOfferPublished("offer-1", "Night walks", "Ministry", (words.Theme.YOUTH,)),
    ],
}


@pytest.fixture
async def store(engine: AsyncEngine) -> EventStore:
    await migrate(engine, version_locations=[migrations()])
    built = EventStore(engine)
    built.add_state_updater(documents_of(built))
    return built


@contextmanager
def selects(engine: AsyncEngine, table: str) -> Iterator[list[str]]:
    """The SELECTs reading ``table`` run on ``engine`` while inside."""
    reading = re.compile(rf"^\s*SELECT\b.*\bFROM {table}\b", re.IGNORECASE | re.DOTALL)
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if reading.search(statement):
            seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", note)


async def refolded(store: EventStore, tenant: TenantId, stream_id: str, kind: str) -> Any:
    history = await store.read_stream(tenant=tenant, stream_id=stream_id)
    return plain(RULES[kind].fold(ev.catalogue.decode(e.type, e.data) for e in history))


async def stored(store: EventStore, tenant: TenantId) -> dict[str, tuple[Any, int]]:
    async with store.engine.connect() as conn:
        rows = await conn.execute(
            select(documents.c.stream_id, documents.c.body, documents.c.version).where(
                documents.c.tenant_id == tenant
            )
        )
        return {row.stream_id: (row.body, row.version) for row in rows}


async def sealed(store: EventStore, tenant: TenantId, events: list[DomainEvent]) -> list[NewEvent]:
    async with store.engine.begin() as conn:
        return await ev.catalogue.seal(conn, PersonalData(), tenant=tenant, events=events)


async def append(store: EventStore, one: StreamAppend, conn: AsyncConnection | None = None) -> None:
    """``one`` appended on its own, as a command appends."""
    await store.append(conn, **{f.name: getattr(one, f.name) for f in dataclasses.fields(one)})


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_documents_after_any_appends_are_the_refold_and_no_stream_is_read(
    store: EventStore, seed: int
) -> None:
    rng = random.Random(seed)
    left = {
        (tenant, *key): list(events)
        for key, events in HISTORIES.items()
        for tenant in (COPENHAGEN, AALBORG)
    }
    versions = dict.fromkeys(left, 0)
    while left:
        chosen = rng.sample(sorted(left), k=min(len(left), rng.choice((1, 1, 2, 3))))
        appends = []
        for key in chosen:
            tenant, stream_id, kind = key
            take = left[key][: rng.randint(1, 3)]
            del left[key][: len(take)]
            if not left[key]:
                del left[key]
            appends.append(
                StreamAppend(
                    tenant, stream_id, kind, versions[key], await sealed(store, tenant, take)
                )
            )
            versions[key] += len(take)
        with (
            selects(store.engine, "events") as read_events,
            selects(store.engine, "documents") as read_documents,
        ):
            async with store.transaction() as tx:
                if len(appends) == 1:
                    await append(store, appends[0], tx)
                else:
                    await store.append_many(tx, appends)
        assert read_events == []
        assert len(read_documents) == 1  # all the batch's streams in one query
        for tenant in (COPENHAGEN, AALBORG):
            found = await stored(store, tenant)
            for (t, stream_id, kind), version in versions.items():
                if t == tenant and version:
                    body = await refolded(store, tenant, stream_id, kind)
                    assert found[stream_id] == (body, version), (stream_id, kind)

    forum, _ = (await stored(store, COPENHAGEN))["forum-1"]
    assert is_sealed(forum["minutes"]["meeting-1"]["agenda"])
    async with store.engine.connect() as conn:
        tags = set(
            (
                await conn.execute(
                    select(document_tags.c.tag, document_tags.c.value).where(
                        document_tags.c.tenant_id == COPENHAGEN,
                        document_tags.c.stream_id == "activity-1",
                    )
                )
            ).all()
        )
    assert tags == {
        ("area", "area-tingbjerg"),
        ("theme", "youth"),
        ("status", "paused"),
        ("level", "strategic"),
        ("owner", "actor-ssp"),
    }


async def test_an_event_appended_in_an_older_schema_is_upcast_before_it_is_folded(
    engine: AsyncEngine,
) -> None:
    await migrate(engine, version_locations=[migrations()])
    store = EventStore(engine)
    store.add_state_updater(documents_of(store))

    @store.upcasters.register("HourlyRateSet", from_version=1)
    def _amount_is_rate(data: dict[str, Any]) -> dict[str, Any]:
        return {"rate_id": data["rate_id"], "rate": data.get("rate", data.get("amount"))}

    for version, data in enumerate(
        ({"rate_id": "hourly-rate", "amount": 450.0}, {"rate_id": "hourly-rate", "amount": 500.0})
    ):
        old = NewEvent("HourlyRateSet", data, schema_version=1)
        await append(store, StreamAppend(COPENHAGEN, "hourly-rate", "HourlyRate", version, [old]))

    assert (await stored(store, COPENHAGEN))["hourly-rate"] == (
        {"rate_id": "hourly-rate", "rate": 500.0},
        2,
    )


async def test_a_document_behind_its_stream_is_refolded_from_the_events(
    store: EventStore,
) -> None:
    events = HISTORIES[("strategy", "Strategy")]
    first = await sealed(store, COPENHAGEN, events[:2])
    await append(store, StreamAppend(COPENHAGEN, "strategy", "Strategy", 0, first))
    async with store.engine.begin() as conn:  # as if a version had been missed
        await conn.execute(documents.update().values(version=1, body={"strategy_id": "x"}))

    then = await sealed(store, COPENHAGEN, events[2:3])
    await append(store, StreamAppend(COPENHAGEN, "strategy", "Strategy", 2, then))

    body = await refolded(store, COPENHAGEN, "strategy", "Strategy")
    assert (await stored(store, COPENHAGEN))["strategy"] == (body, 3)
