"""The relay's messages, built straight from the rows it reads (``EventStore.read_for_relay``).

Each message is byte for byte what ``envelope.to_kafka`` makes of the recorded event
(same key, value, headers in the same order), without the ``RecordedEvent`` between:

- the event id is the stored text, given its dashes where SQLite stores 32 hex digits
  (lower case, as ``uuid.UUID`` writes it; any other stored form goes through
  ``uuid.UUID`` as the store's read would);
- ``ce_time`` is cut from the stored ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC): a ``T``, no
  microseconds when they are all 0 (as ``datetime.isoformat`` leaves them out), a ``Z``;
  any other stored form is parsed as the store's read would (``datetime.fromisoformat``)
  and formatted by ``envelope.rfc3339``;
- the value is the stored data's bytes;
- the metadata is decoded once per distinct stored text in a row (an append's events
  share theirs) and its headers made once for them all.

Messages are made one by one as the record batches take them (a generator): a batch's
messages made into a list first cost more (the garbage collector's passes over them).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from trygnet_core import json_text
from trygnet_core.envelope import EPOCH_HEADER, metadata_headers, rfc3339, type_headers
from trygnet_core.relay_batches import WireMessage
from trygnet_core.store import RelayRow


def relay_messages(
    rows: Iterable[RelayRow], *, service: str, epoch: int, metadata: list[Mapping[str, Any]]
) -> Iterator[WireMessage]:
    """The messages of ``rows``, published by ``service`` in ``epoch``; each event's
    metadata is appended to ``metadata`` (for the batch's trace links)."""
    epoch_header = (EPOCH_HEADER, str(epoch).encode())
    last_stored: str | None = None
    meta: Mapping[str, Any] = {}
    meta_headers: list[tuple[str, bytes]] = []
    for (
        _transaction_id,
        position,
        tenant,
        stream_id,
        stream_type,
        version,
        event_id,
        event_type,
        schema_version,
        data,
        stored_metadata,
        recorded_at,
    ) in rows:
        if stored_metadata != last_stored:
            last_stored, meta = stored_metadata, json_text.loads(stored_metadata)
            meta_headers = metadata_headers(meta)
        metadata.append(meta)
        yield (
            f"{tenant}:{stream_id}".encode(),
            data,
            [
                *type_headers(service, event_type, schema_version),
                ("ce_id", canonical_id(event_id).encode()),
                ("ce_subject", stream_id.encode()),
                ("ce_time", wire_time(recorded_at).encode()),
                ("ce_tenantid", tenant.encode()),
                ("ce_streamtype", stream_type.encode()),
                ("ce_streamversion", str(version).encode()),
                ("ce_position", str(position).encode()),
                *meta_headers,
                epoch_header,
            ],
        )


def canonical_id(stored: str) -> str:
    """A stored event id as ``str(uuid.UUID(stored))`` writes it."""
    if len(stored) == 36 and stored.islower():  # PostgreSQL's text of a uuid
        return stored
    if len(stored) == 32 and stored.islower():  # SQLite's: the UUID's hex
        return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"
    return str(uuid.UUID(stored))


def wire_time(stored: str) -> str:
    """A stored UTC time as ``envelope.rfc3339`` writes it."""
    if len(stored) == 26 and stored[10] == " " and stored[19] == ".":
        if stored.endswith("000000"):
            return f"{stored[:10]}T{stored[11:19]}Z"
        return f"{stored[:10]}T{stored[11:]}Z"
    return rfc3339(datetime.fromisoformat(stored))
