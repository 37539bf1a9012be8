"""A consumer's dead letters: the messages it could not parse, read or apply.

One row per message in ``dead_letters``, written on the batch's own connection (so a
letter commits with the positions that pass the message by), carrying the raw key,
value and headers and the reason; the log names the reason's kind only, never what the
message carries. A message read again (a seek back, a replica's hand-over) gets no
second letter.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from aiokafka import ConsumerRecord
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.database import read_only
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.schema import dead_letters

log = logging.getLogger("trygnet_core.consumer")
"""The consumer's log: its dead letters are logged where the rest of its story is."""


async def dead_letter(
    conn: AsyncConnection,
    *,
    consumer: str,
    record: ConsumerRecord[bytes, bytes],
    event: ReceivedEvent | None,
    error: str,
    attempts: int,
) -> bool:
    """Write the letter of ``record`` on ``conn``; False if ``consumer`` holds it already."""
    headers = {name: value.decode(errors="replace") for name, value in record.headers}
    event_id = str(event.event.event_id) if event else headers.get("ce_id")
    if await _dead_lettered_already(conn, consumer, record, event_id):
        return False  # read again (a seek back, a replica's hand-over): one letter a message
    await conn.execute(
        dead_letters.insert().values(
            consumer=consumer,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            tenant_id=event.event.tenant_id if event else headers.get("ce_tenantid"),
            event_id=event_id,
            event_type=headers.get("ce_type"),
            key=record.key,
            value=record.value,
            headers=headers,
            error=error[:2000],
            attempts=attempts,
            created_at=datetime.now(UTC),
        )
    )
    log.error(
        "message moved to dead letters",
        extra={
            "consumer": consumer,
            "topic": record.topic,
            "partition": record.partition,
            "offset": record.offset,
            "reason": error.split(":")[0],
        },
    )
    return True


async def _dead_lettered_already(
    conn: AsyncConnection,
    consumer: str,
    record: ConsumerRecord[bytes, bytes],
    event_id: str | None,
) -> bool:
    """Whether ``consumer`` holds a letter of this very message (same offset, same
    event id; a log read again after a reset holds other messages at those offsets)."""
    query = select(dead_letters.c.id).where(
        dead_letters.c.consumer == consumer,
        dead_letters.c.topic == record.topic,
        dead_letters.c.partition == record.partition,
        dead_letters.c.offset == record.offset,
        dead_letters.c.event_id.is_not_distinct_from(event_id),
    )
    return (await conn.execute(query.limit(1))).first() is not None


async def dead_letter_count(engine: AsyncEngine, consumer: str) -> int:
    """How many letters ``consumer`` holds."""
    async with read_only(engine) as conn:
        query = (
            select(func.count())
            .select_from(dead_letters)
            .where(dead_letters.c.consumer == consumer)
        )
        return int((await conn.execute(query)).scalar_one())
