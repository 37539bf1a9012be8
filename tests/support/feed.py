"""Events as the services publish them, made from their domain events, for tests and
benchmarks of consumers: stream versions and positions are numbered per service, and
``publish`` puts them on the real broker as the relays would.

Personal fields are left in clear text here, on purpose: a consumer must not copy
them even if a service ever published them unsealed.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aiokafka import AIOKafkaProducer

from trygnet_core.envelope import ReceivedEvent, RecordedEvent, to_kafka
from trygnet_core.events import DomainEvent
from trygnet_core.tenancy import TenantId

START = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@dataclass
class Feed:
    tenant: str = "0101"
    clock: datetime = START
    versions: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    positions: Counter[str] = field(default_factory=Counter)
    events: list[ReceivedEvent] = field(default_factory=list)

    def add(
        self,
        service: str,
        stream_type: str,
        stream_id: str,
        *events: DomainEvent,
        at: datetime | None = None,
        tenant: str | None = None,
    ) -> RecordedEvent:
        """Append events to a stream; ``at`` sets the clock (else it moves a minute)."""
        tenant = tenant or self.tenant
        self.clock = at or self.clock + timedelta(minutes=1)
        recorded: RecordedEvent | None = None
        for event in events:
            key = (tenant, service, stream_id)
            self.versions[key] += 1
            self.positions[service] += 1
            recorded = RecordedEvent(
                position=self.positions[service],
                tenant_id=TenantId(tenant),
                stream_id=stream_id,
                stream_type=stream_type,
                version=self.versions[key],
                event_id=uuid.uuid4(),
                type=event.event_type(),
                schema_version=event.version,
                data=event.to_data(),
                metadata={},
                recorded_at=self.clock,
            )
            self.events.append(ReceivedEvent(service=service, event=recorded, epoch=0))
        assert recorded is not None, "add at least one event"
        return recorded

    def version(self, service: str, stream_id: str, tenant: str | None = None) -> int:
        return self.versions[(tenant or self.tenant, service, stream_id)]


async def publish(
    bootstrap_servers: str, topics: Mapping[str, str], events: Iterable[ReceivedEvent]
) -> None:
    """Each event to its service's topic (``topics``: service → topic), in order."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all", linger_ms=5)
    await producer.start()
    try:
        sent = []
        for received in events:
            record = to_kafka(received.event, service=received.service)
            sent.append(
                await producer.send(
                    topics[received.service],
                    record.value,
                    key=record.key,
                    headers=list(record.headers),
                )
            )
        for delivery in sent:
            await delivery
    finally:
        await producer.stop()
