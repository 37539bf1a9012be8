"""The relay's event id and ``ce_time`` made from stored text (``relay_messages``) are
those the store's read and ``envelope.to_kafka`` make of it, stored forms the store
never writes included."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from trygnet_core.envelope import rfc3339
from trygnet_core.relay_messages import canonical_id, wire_time

IDS = [
    "01a24d5f23937c99bee8603d99966fa3",  # SQLite's
    "01a24d5f-2393-7c99-bee8-603d99966fa3",  # PostgreSQL's
    "00000000000000000000000000000005",  # no letter at all
    "00000000-0000-0000-0000-000000000005",
    "01A24D5F23937C99BEE8603D99966FA3",
    "01A24D5F-2393-7C99-BEE8-603D99966FA3",
    "{01a24d5f-2393-7c99-bee8-603d99966fa3}",
    "urn:uuid:01a24d5f-2393-7c99-bee8-603d99966fa3",
]

TIMES = [
    "2026-12-06 22:00:10.387972",  # as stored
    "2026-12-06 22:00:10.000000",  # on a whole second
    "2026-12-06 22:00:10.000001",
    "1969-12-31 23:59:59.100000",
    "0999-01-01 00:00:00.000000",
    "2026-12-06 22:00:10",  # forms the store does not write
    "2026-12-06 22:00:10.5",
    "2026-12-06T22:00:10.387972",
    "2026-12-06 22:00:10.387972+02:00",
    "2026-12-06",
]


@pytest.mark.parametrize("stored", IDS)
def test_an_event_id_is_the_uuids_text(stored: str) -> None:
    assert canonical_id(stored) == str(uuid.UUID(stored))


@pytest.mark.parametrize("stored", TIMES)
def test_a_time_is_what_to_kafka_writes_of_it_read(stored: str) -> None:
    read = datetime.fromisoformat(stored)  # how SQLAlchemy reads SQLite's stored time
    if read.tzinfo is None:
        read = read.replace(tzinfo=UTC)
    assert wire_time(stored) == rfc3339(read)
