"""The event store's contract, one abstract suite: every backend subclasses it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.envelope import NewEvent, RecordedEvent
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.personal_data import Erased, PersonalData
from trygnet_core.schema import events as event_rows
from trygnet_core.store import ALL_TENANTS, ConcurrencyConflict, EventStore, StreamAppend, Upcasters
from trygnet_core.tenancy import TenantId

COPENHAGEN = TenantId("0101")
AALBORG = TenantId("0851")


def reported(n: int = 1) -> list[NewEvent]:
    return [NewEvent(type="IncidentReported", data={"kind": "shooting", "n": i}) for i in range(n)]


async def append(
    store: EventStore,
    *,
    tenant: TenantId = COPENHAGEN,
    stream: str = "incident-1",
    expected: int = 0,
    events: Sequence[NewEvent] | None = None,
) -> list[RecordedEvent]:
    return await store.append(
        tenant=tenant,
        stream_id=stream,
        stream_type="Incident",
        expected_version=expected,
        events=events or reported(),
        metadata={"actor": "actor-9"},
    )


class EventStoreContract:
    """Subclasses provide an ``engine`` fixture: a migrated database of their backend."""

    def committed(self, engine: AsyncEngine) -> bool:
        """Whether nothing of the store's is left uncommitted (called in a sync callback)."""
        return engine.sync_engine.pool.checkedout() == 0

    @pytest.fixture
    def store(self, engine: AsyncEngine) -> EventStore:
        return EventStore(engine)

    async def test_existing_streams_are_the_tenants_own_of_that_type(
        self, store: EventStore
    ) -> None:
        await append(store, stream="incident-1")
        await append(store, stream="incident-2", tenant=AALBORG)
        ids = ["incident-1", "incident-2", "incident-3"]
        assert await store.existing_streams(
            tenant=COPENHAGEN, stream_type="Incident", ids=ids
        ) == frozenset({"incident-1"})
        assert (
            await store.existing_streams(tenant=COPENHAGEN, stream_type="SafetyWalk", ids=ids)
            == frozenset()
        )
        assert await store.existing_streams(tenant=COPENHAGEN, stream_type="Incident", ids=[]) == (
            frozenset()
        )

    async def test_appended_events_read_back_in_version_order(self, store: EventStore) -> None:
        first = await append(store, events=reported(2))
        second = await append(
            store, expected=2, events=[NewEvent(type="IncidentClosed", data={"reason": "solved"})]
        )
        stream = await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1")
        assert [e.version for e in stream] == [1, 2, 3]
        assert [e.type for e in stream] == [
            "IncidentReported",
            "IncidentReported",
            "IncidentClosed",
        ]
        assert [e.event_id for e in stream] == [e.event_id for e in first + second]
        assert stream[2].data == {"reason": "solved"}
        assert stream[0].metadata["actor"] == "actor-9"
        assert stream[0].position < stream[1].position < stream[2].position
        assert all(e.tenant_id == COPENHAGEN and e.stream_type == "Incident" for e in stream)
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1") == 3

    async def test_a_stream_reads_from_a_version(self, store: EventStore) -> None:
        await append(store, events=reported(5))
        tail = await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1", from_version=4)
        assert [e.version for e in tail] == [4, 5]

    async def test_a_stream_reads_of_some_types_only_in_version_order_and_upcast(
        self, engine: AsyncEngine
    ) -> None:
        """A record of many kinds (the strategy: focus areas, indicators, measurements)
        read for one of them, through the store: upcast as every reader gets it."""
        kinds = ["FocusAreaAdded", "IndicatorAdded", "FocusAreaAdded", "MeasurementRecorded"]
        await append(
            EventStore(engine),
            events=[NewEvent(type=k, data={"n": i}) for i, k in enumerate(kinds)],
        )
        await append(
            EventStore(engine),
            tenant=AALBORG,
            events=[NewEvent(type="FocusAreaAdded", data={"n": 9})],
        )
        upcasters = Upcasters()

        @upcasters.register("FocusAreaAdded", from_version=1)
        def named(data: dict[str, Any]) -> dict[str, Any]:
            return {**data, "named": True}

        store = EventStore(engine, upcasters=upcasters)
        added = await store.read_stream(
            tenant=COPENHAGEN, stream_id="incident-1", types=("FocusAreaAdded",)
        )
        assert [(e.version, e.data) for e in added] == [
            (1, {"n": 0, "named": True}),
            (3, {"n": 2, "named": True}),
        ]
        two = await store.read_stream(
            tenant=COPENHAGEN,
            stream_id="incident-1",
            types={"IndicatorAdded", "MeasurementRecorded"},
        )
        assert [e.type for e in two] == ["IndicatorAdded", "MeasurementRecorded"]
        assert await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1", types=()) == []

    async def test_a_stale_expected_version_conflicts_and_writes_nothing(
        self, store: EventStore
    ) -> None:
        await append(store, events=reported(2))
        with pytest.raises(ConcurrencyConflict) as raised:
            await append(store, expected=1)
        assert raised.value.actual_version == 2 and raised.value.code == "CONFLICT"
        with pytest.raises(ConcurrencyConflict):
            await append(store, expected=0)
        assert len(await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1")) == 2

    async def test_an_expected_version_ahead_of_the_stream_conflicts(
        self, store: EventStore
    ) -> None:
        await append(store)
        with pytest.raises(ConcurrencyConflict):
            await append(store, expected=5)
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1") == 1

    async def test_a_conflicting_append_writes_none_of_its_events_and_reports_the_version(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        await append(store, events=reported(3))
        stale = reported(4)
        with pytest.raises(ConcurrencyConflict) as raised:
            await append(store, expected=2, events=stale)
        assert raised.value.expected_version == 2 and raised.value.actual_version == 3
        with pytest.raises(ConcurrencyConflict) as again:
            await append(store, expected=0, events=stale)  # "new" stream that exists
        assert again.value.actual_version == 3
        async with store.transaction() as tx:  # inside a unit of work too
            with pytest.raises(ConcurrencyConflict) as inside:
                await store.append(
                    tx,
                    tenant=COPENHAGEN,
                    stream_id="incident-1",
                    stream_type="Incident",
                    expected_version=4,
                    events=stale,
                )
        assert inside.value.actual_version == 3
        async with engine.connect() as conn:
            stored = (await conn.execute(select(event_rows.c.event_id))).scalars().all()
        assert len(stored) == 3 and not {e.event_id for e in stale} & set(stored)
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1") == 3

    async def test_an_append_of_thousands_of_events_answers_the_positions_stored(
        self, store: EventStore
    ) -> None:
        await append(store, stream="other", events=reported(2))
        events = [NewEvent(type="TaskAdded", data={"n": n}) for n in range(2_500)]
        recorded = await append(store, events=events)
        stream = await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1")
        assert [(e.event_id, e.version, e.position) for e in stream] == [
            (e.event_id, e.version, e.position) for e in recorded
        ]
        assert [e.version for e in stream] == list(range(1, 2_501))

    async def test_a_multi_event_append_gets_consecutive_versions_and_positions_in_order(
        self, store: EventStore
    ) -> None:
        await append(store, stream="other", events=reported(2))
        first = await append(store, events=reported(3))
        await append(store, stream="other", expected=2, events=reported(1))
        events = [NewEvent(type="TaskAdded", data={"n": n}) for n in range(12)]
        recorded = await append(store, expected=3, events=events)
        assert [e.version for e in recorded] == list(range(4, 16))
        assert [e.event_id for e in recorded] == [e.event_id for e in events]
        positions = [e.position for e in recorded]
        assert positions == sorted(positions) and len(set(positions)) == 12
        assert positions[0] > first[-1].position
        stream = await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1", from_version=4)
        assert [(e.event_id, e.version, e.position) for e in stream] == [
            (e.event_id, e.version, e.position) for e in recorded
        ]
        assert [e.data for e in stream] == [{"n": n} for n in range(12)]

    async def test_a_multi_event_append_with_a_repeated_id_stores_none_of_its_events(
        self, store: EventStore
    ) -> None:
        [kept] = await append(store)
        fresh = NewEvent(type="IncidentReported", data={})
        repeated = NewEvent(type="IncidentReported", data={}, event_id=kept.event_id)
        with pytest.raises(Conflict) as raised:
            await append(store, stream="incident-2", events=[fresh, repeated])
        assert raised.value.field == "eventId"
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-2") == 0
        assert [e.event_id for e in (await store.read_all(tenant=COPENHAGEN)).events] == [
            kept.event_id
        ]

    async def test_followers_are_woken_once_per_append_after_it_commits(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        """The relay's wake-up, without and with a state updater (on PostgreSQL the
        first append is one autocommit statement, the second a transaction)."""
        held_at_wake_up: list[bool] = []
        store.on_appended(lambda: held_at_wake_up.append(self.committed(engine)))
        await append(store, events=reported(2))
        with pytest.raises(ConcurrencyConflict):
            await append(store, expected=1)
        with pytest.raises(BadUserInput):
            await append(store, expected=-1)
        assert held_at_wake_up == [True]

        updated: list[int] = []

        async def track(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
            updated.append(recorded[-1].version)

        store.add_state_updater(track)
        await append(store, expected=2, events=reported(1))
        with pytest.raises(ConcurrencyConflict):
            await append(store, expected=2)
        assert updated == [3] and held_at_wake_up == [True, True]
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1") == 3

    async def test_a_multi_event_append_is_all_or_nothing(self, store: EventStore) -> None:
        async def refuse(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
            if len(recorded) == 3:
                raise RuntimeError("current-state update failed")

        store.add_state_updater(refuse)
        await append(store, events=reported(2))
        with pytest.raises(RuntimeError):
            await append(store, expected=2, events=reported(3))
        assert [
            e.version for e in await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1")
        ] == [1, 2]
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1") == 2

    async def test_a_repeated_event_id_is_refused(self, store: EventStore) -> None:
        event = NewEvent(type="IncidentReported", data={})
        await append(store, events=[event])
        with pytest.raises(Exception) as raised:
            await append(store, stream="incident-2", events=[event])
        assert getattr(raised.value, "code", None) == "CONFLICT"
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-2") == 0

    async def test_state_updaters_commit_with_the_events(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        state = Table(
            "incident_state",
            MetaData(),
            Column("stream_id", String, primary_key=True),
            Column("events", Integer),
        )
        async with engine.begin() as conn:
            await conn.run_sync(state.create)

        async def count(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
            await conn.execute(state.delete().where(state.c.stream_id == recorded[0].stream_id))
            await conn.execute(
                state.insert().values(stream_id=recorded[0].stream_id, events=recorded[-1].version)
            )

        store.add_state_updater(count)
        await append(store, events=reported(2))
        with pytest.raises(ConcurrencyConflict):
            await append(store, expected=1)
        async with engine.connect() as conn:
            assert (await conn.execute(select(state.c.events))).scalar_one() == 2

    async def test_twenty_concurrent_writers_one_winner_per_version_nothing_lost(
        self, store: EventStore
    ) -> None:
        await append(store)
        outcomes = await asyncio.gather(
            *(
                append(store, expected=1, events=[NewEvent(type="TaskAdded", data={"writer": w})])
                for w in range(20)
            ),
            return_exceptions=True,
        )
        winners = [o for o in outcomes if not isinstance(o, BaseException)]
        losers = [o for o in outcomes if isinstance(o, BaseException)]
        assert len(winners) == 1
        assert all(isinstance(o, ConcurrencyConflict) for o in losers), losers

        async def write_until_stored(writer: int) -> None:
            for _ in range(200):
                version = await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1")
                try:
                    await append(
                        store,
                        expected=version,
                        events=[NewEvent(type="TaskAdded", data={"writer": writer})],
                    )
                    return
                except ConcurrencyConflict:
                    await asyncio.sleep(0.001 * (writer % 5))
            raise AssertionError(f"writer {writer} never got its event in")

        await asyncio.gather(*(write_until_stored(w) for w in range(20)))
        stream = await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1")
        assert [e.version for e in stream] == list(range(1, 23))
        assert sorted(e.data["writer"] for e in stream[2:]) == list(range(20))

    async def test_old_events_are_upcast_on_read_and_never_rewritten(
        self, engine: AsyncEngine
    ) -> None:
        await append(
            EventStore(engine),
            events=[NewEvent(type="ActorRegistered", data={"name": "SSP Tingbjerg"})],
        )
        upcasters = Upcasters()

        @upcasters.register("ActorRegistered", from_version=1)
        def add_levels(data: dict[str, Any]) -> dict[str, Any]:
            return {**data, "levels": ["frontline"]}

        @upcasters.register("ActorRegistered", from_version=2)
        def rename(data: dict[str, Any]) -> dict[str, Any]:
            return {"displayName": data["name"], "levels": data["levels"]}

        store = EventStore(engine, upcasters=upcasters)
        [event] = await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1")
        assert event.schema_version == 3
        assert event.data == {"displayName": "SSP Tingbjerg", "levels": ["frontline"]}
        [paged] = (await store.read_all(tenant=COPENHAGEN)).events
        assert paged.data == event.data
        async with engine.connect() as conn:
            raw = (await conn.execute(select(event_rows.c.data, event_rows.c.schema_version))).one()
        assert raw.schema_version == 1 and raw.data == {"name": "SSP Tingbjerg"}

    async def test_an_erased_subject_reads_as_erased_and_others_stay(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        personal = PersonalData()
        async with store.transaction() as tx:
            jens = await personal.seal(
                tx,
                tenant=COPENHAGEN,
                subject_id="contact-1",
                values={"name": "Jens Hansen", "phone": "+45 12 34 56 78"},
            )
            mette = await personal.seal(
                tx,
                tenant=COPENHAGEN,
                subject_id="contact-2",
                values={"name": "Mette Holm", "phone": None},
            )
            await store.append(
                tx,
                tenant=COPENHAGEN,
                stream_id="actor-1",
                stream_type="Actor",
                expected_version=0,
                events=[
                    NewEvent(type="ContactAdded", data={"contact": jens}),
                    NewEvent(type="ContactAdded", data={"contact": mette}),
                ],
            )
        async with engine.connect() as conn:
            raw = json.dumps(
                [r.data for r in (await conn.execute(select(event_rows.c.data))).all()]
            )
        assert "Jens" not in raw and "12 34" not in raw and "Mette" not in raw

        async with store.transaction() as tx:
            assert await personal.erase(tx, tenant=COPENHAGEN, subject_id="contact-1")
            assert not await personal.erase(tx, tenant=COPENHAGEN, subject_id="contact-1")
        stream = await store.read_stream(tenant=COPENHAGEN, stream_id="actor-1")
        async with engine.connect() as conn:
            revealed = await personal.reveal(
                conn, tenant=COPENHAGEN, documents=[e.data for e in stream]
            )
            assert await personal.is_erased(conn, tenant=COPENHAGEN, subject_id="contact-1")
        assert revealed[0]["contact"]["name"] == Erased("contact-1")
        assert revealed[0]["contact"]["phone"] == Erased("contact-1")
        assert revealed[1]["contact"] == {"name": "Mette Holm", "phone": None}
        async with engine.connect() as conn:
            # Another tenant holds no key for these subjects: it reads them as erased too.
            [elsewhere] = await personal.reveal(conn, tenant=AALBORG, documents=[stream[1].data])
        assert elsewhere["contact"]["name"] == Erased("contact-2")

    async def test_tenants_never_read_each_others_events(self, store: EventStore) -> None:
        await append(store, tenant=COPENHAGEN, events=reported(2))
        await append(store, tenant=AALBORG, events=reported(3))
        assert len(await store.read_stream(tenant=COPENHAGEN, stream_id="incident-1")) == 2
        assert len(await store.read_stream(tenant=AALBORG, stream_id="incident-1")) == 3
        assert {e.tenant_id for e in (await store.read_all(tenant=AALBORG)).events} == {AALBORG}
        assert len((await store.read_all(tenant=COPENHAGEN)).events) == 2
        assert await store.read_stream(tenant=TenantId("0126"), stream_id="incident-1") == []
        with pytest.raises(PermissionError):
            await store.read_stream(tenant=TenantId(""), stream_id="incident-1")

    async def test_all_events_read_in_pages_by_position(self, store: EventStore) -> None:
        for n, tenant in enumerate([COPENHAGEN, AALBORG, COPENHAGEN]):
            await append(store, tenant=tenant, stream=f"s-{n}", events=reported(3))
        seen: list[int] = []
        after = 0
        while True:
            page = await store.read_all(tenant=ALL_TENANTS, after=after, limit=4)
            if not page.events:
                break
            seen += [e.position for e in page.events]
            after = page.next_after
        assert len(seen) == 9 and seen == sorted(seen)
        assert page.next_after == seen[-1]

    async def test_bad_appends_are_refused_with_the_field(self, store: EventStore) -> None:
        with pytest.raises(BadUserInput) as raised:
            await store.append(
                tenant=COPENHAGEN,
                stream_id="s",
                stream_type="Incident",
                expected_version=0,
                events=[],
            )
        assert raised.value.field == "events"
        with pytest.raises(BadUserInput):
            await append(store, expected=-1)
        async with store.engine.connect() as conn:
            assert (
                await conn.execute(select(func.count()).select_from(event_rows))
            ).scalar_one() == 0


class BatchAppendContract:
    """``append_many``: many streams in one transaction, all or nothing."""

    @pytest.fixture
    def store(self, engine: AsyncEngine) -> EventStore:
        return EventStore(engine)

    async def test_a_batch_of_new_and_existing_streams_is_stored_and_updated_once(
        self, store: EventStore
    ) -> None:
        await append(store, stream="existing", events=reported(2))
        calls: list[int] = []

        async def count(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
            calls.append(len(recorded))

        store.add_state_updater(count)
        batch = [
            StreamAppend(
                tenant=COPENHAGEN,
                stream_id=f"new-{n}",
                stream_type="Incident",
                expected_version=0,
                events=reported(3),
            )
            for n in range(40)
        ]
        batch.append(
            StreamAppend(
                tenant=COPENHAGEN,
                stream_id="existing",
                stream_type="Incident",
                expected_version=2,
                events=reported(1),
            )
        )
        async with store.transaction() as tx:
            recorded = await store.append_many(tx, batch)
        assert calls == [121]
        assert [e.version for e in recorded[0]] == [1, 2, 3]
        assert [e.version for e in recorded[-1]] == [3]
        for n in (0, 17, 39):
            stream = await store.read_stream(tenant=COPENHAGEN, stream_id=f"new-{n}")
            assert [e.position for e in stream] == [e.position for e in recorded[n]]
            assert stream[0].position < stream[1].position < stream[2].position
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="existing") == 3

    async def test_a_batch_with_a_stream_that_exists_writes_nothing(
        self, store: EventStore
    ) -> None:
        await append(store, stream="taken")
        batch = [
            StreamAppend(
                tenant=COPENHAGEN,
                stream_id=name,
                stream_type="Incident",
                expected_version=0,
                events=reported(1),
            )
            for name in ("free-1", "taken", "free-2")
        ]
        with pytest.raises(ConcurrencyConflict):
            async with store.transaction() as tx:
                await store.append_many(tx, batch)
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="free-1") == 0
        assert len((await store.read_all(tenant=COPENHAGEN)).events) == 1

    async def test_a_batch_repeating_an_event_id_writes_nothing(self, store: EventStore) -> None:
        event = NewEvent(type="IncidentReported", data={})
        batch = [
            StreamAppend(
                tenant=COPENHAGEN,
                stream_id=name,
                stream_type="Incident",
                expected_version=0,
                events=[event],
            )
            for name in ("a", "b")
        ]
        with pytest.raises(Exception) as raised:
            async with store.transaction() as tx:
                await store.append_many(tx, batch)
        assert getattr(raised.value, "code", None) == "CONFLICT"
        assert (await store.read_all(tenant=COPENHAGEN)).events == []
