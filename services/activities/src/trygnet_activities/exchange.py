"""Command handlers of the exchange between municipalities: sharing and withdrawing a
practice (a municipality's coordinator) and publishing a support offer (a national body).

A practice is its own stream (``practice-<activity id>``), not events on the activity:
the activity stays the municipality's own, and the practice's events carry only the
snapshot sharing lets out, so the reporting service can show them to every
municipality without ever reading an activity. A support offer is a stream of the
national body's own tenant, which is no municipality's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_activities.domain import activity, practice, support_offer
from trygnet_activities.domain.events import catalogue
from trygnet_activities.domain.exchange_commands import (
    PublishSupportOffer,
    SharePractice,
    WithdrawPractice,
)
from trygnet_activities.domain.practice import IndicatorResult, Organisation, Sources
from trygnet_activities.domain.strategy import STRATEGY_ID
from trygnet_core.auth import Principal
from trygnet_core.events import DomainEvent
from trygnet_core.personal_data import PersonalData
from trygnet_core.replica import known_actors
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId
from trygnet_core.unit_of_work import Outcome, StreamWriter


class ExchangeHandlers:
    def __init__(self, store: EventStore, personal_data: PersonalData) -> None:
        self.store = store
        self.writer = StreamWriter(store, personal_data, catalogue)

    async def handle(
        self, principal: Principal, command: Any, *, expected_version: int | None = None
    ) -> Outcome:
        if isinstance(command, PublishSupportOffer):
            return await self._publish(principal, command, expected_version)
        return await self._practice(principal, command, expected_version)

    async def _practice(
        self,
        principal: Principal,
        command: SharePractice | WithdrawPractice,
        expected_version: int | None,
    ) -> Outcome:
        async def decide(state: Any, tx: AsyncConnection) -> list[DomainEvent]:
            sources = Sources()
            if isinstance(command, SharePractice):
                sources = await self.sources(tx, principal.tenant, command)
            return practice.decide(command, state, sources=sources)

        return await self.writer.run(
            principal,
            practice.practice_id(command.activity_id),
            "Practice",
            practice.fold,
            decide,
            creating=True,  # a practice never shared is the rules' NOT_FOUND, naming activityId
            authorize=lambda _state: practice.may_share(principal.roles),
            expected_version=expected_version,
        )

    async def _publish(
        self, principal: Principal, command: PublishSupportOffer, expected_version: int | None
    ) -> Outcome:
        async def decide(state: Any, _tx: AsyncConnection) -> list[DomainEvent]:
            return support_offer.decide(command, state)

        return await self.writer.run(
            principal,
            command.offer_id,
            "SupportOffer",
            support_offer.fold,
            decide,
            creating=True,
            authorize=lambda _state: support_offer.may_publish(principal.roles),
            expected_version=expected_version,
        )

    async def sources(
        self, tx: AsyncConnection, tenant: TenantId, command: SharePractice
    ) -> Sources:
        """The activity (of this municipality only), its organisations and the strategy's
        indicators with their overall values of the latest period (as the outcomes report
        reads them: a value recorded later for an earlier period does not replace it)."""
        found = activity.fold(await self.writer.history(tx, tenant, command.activity_id))
        if found is None:
            return Sources()
        named = {found.owner_actor_id, *found.partners}
        if command.contact_actor_id:
            named.add(command.contact_actor_id)
        rows = await tx.execute(
            select(known_actors.c.actor_id, known_actors.c.name, known_actors.c.sector).where(
                known_actors.c.tenant_id == tenant, known_actors.c.actor_id.in_(sorted(named))
            )
        )
        organisations = {row.actor_id: Organisation(row.name, row.sector) for row in rows}
        serves = found.focus_areas  # no focus area served: no results, no strategy to read
        return Sources(found, organisations, await self._indicators(tx, tenant) if serves else ())

    async def _indicators(
        self, tx: AsyncConnection, tenant: TenantId
    ) -> tuple[IndicatorResult, ...]:
        rows = await self.store.read_stream(
            tx,
            tenant=tenant,
            stream_id=STRATEGY_ID,
            types=("IndicatorAdded", "MeasurementRecorded"),
        )
        indicators: dict[str, dict[str, Any]] = {}
        for row in rows:
            data = row.data
            if row.type == "IndicatorAdded":
                indicators[data["indicator_id"]] = {
                    "focus_area_id": data["focus_area_id"],
                    "name": data["name"],
                    "unit": data["unit"],
                    "direction": data["direction"],
                    "target": data.get("target"),
                }
            elif data["indicator_id"] in indicators and not data.get("area_id"):
                held = indicators[data["indicator_id"]]
                if data["period"] >= held.get("period", ""):
                    held.update(value=data["value"], period=data["period"])
        return tuple(IndicatorResult(**values) for values in indicators.values())
