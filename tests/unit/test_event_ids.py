"""New events' ids are version-7 UUIDs: in the order of the millisecond they were made in,
and distinct within one millisecond."""

from __future__ import annotations

import uuid

from trygnet_core.envelope import NewEvent
from trygnet_core.event_ids import new_event_id


def test_a_new_event_gets_a_version_7_id() -> None:
    event_id = NewEvent(type="trygnet.incidents.IncidentReported.v1", data={}).event_id

    assert event_id.version == 7
    assert event_id.variant == uuid.RFC_4122


def test_ids_sort_by_the_millisecond_they_were_made_in() -> None:
    earlier = [new_event_id(1_796_000_000_000) for _ in range(200)]
    later = [new_event_id(1_796_000_000_001) for _ in range(200)]

    assert max(earlier) < min(later)
    assert max(str(e) for e in earlier) < min(str(e) for e in later)  # as text too
    assert all(e.hex.startswith(f"{1_796_000_000_000:012x}") for e in earlier)


def test_ids_of_the_same_millisecond_differ() -> None:
    ids = {new_event_id(1_796_000_000_000) for _ in range(10_000)}

    assert len(ids) == 10_000
