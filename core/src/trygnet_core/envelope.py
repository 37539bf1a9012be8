"""The event record, and its form on Kafka: a CloudEvent 1.0 in binary content mode.

``NewEvent`` is what a command's ``decide`` returns; ``RecordedEvent`` is what the
store gives back once the event is committed (with its tenant, stream, version,
global position and metadata). ``to_kafka`` and ``from_kafka`` convert a recorded
event to and from the Kafka message every consumer reads:

- key ``{tenant_id}:{stream_id}`` (one stream's events stay in order on one partition);
- value: the event data as UTF-8 JSON, header ``content-type: application/json``;
- headers ``ce_specversion``, ``ce_id``, ``ce_source`` (``/trygnet/{service}``),
  ``ce_type`` (``trygnet.{service}.{EventName}.v{schema_version}``), ``ce_subject``
  (stream id), ``ce_time`` (RFC 3339), and the extensions ``ce_tenantid``,
  ``ce_streamtype``, ``ce_streamversion``, ``ce_position``, ``ce_correlationid``,
  ``ce_causationid``, ``ce_actor`` and the distributed-tracing extension
  ``ce_traceparent``/``ce_tracestate`` — also sent as plain W3C ``traceparent`` and
  ``tracestate`` headers so Kafka instrumentation picks up the trace.

``trygnet-epoch`` (not a CloudEvents attribute) counts how often the relay has
republished its topic from the start; consumers use it to notice a reset log.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, NoReturn

from trygnet_core import json_text
from trygnet_core.event_ids import new_event_id
from trygnet_core.tenancy import TenantId

SPEC_VERSION: Final = "1.0"
EPOCH_HEADER: Final = "trygnet-epoch"
_TYPE_PATTERN: Final = re.compile(r"^trygnet\.([a-z][a-z0-9_-]*)\.([A-Za-z][A-Za-z0-9]*)\.v(\d+)$")
_METADATA_HEADERS: Final = {
    "correlation_id": "ce_correlationid",
    "causation_id": "ce_causationid",
    "actor": "ce_actor",
    "traceparent": "ce_traceparent",
    "tracestate": "ce_tracestate",
}
HEADERS_FROM_METADATA: Final = (
    *_METADATA_HEADERS.items(),
    ("traceparent", "traceparent"),
    ("tracestate", "tracestate"),
)
"""The metadata each message carries as a header when the event has it: the trace
context twice, as ``ce_traceparent`` (the CloudEvents extension) and as W3C's own
``traceparent``, which tracing libraries read."""


class MalformedMessage(ValueError):
    """A Kafka message that is not a Trygnet CloudEvent; the reason names what is wrong."""


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event a command decided on, not yet stored."""

    type: str
    data: Mapping[str, Any]
    schema_version: int = 1
    event_id: uuid.UUID = field(default_factory=new_event_id)


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as committed in a service's event store."""

    position: int
    tenant_id: TenantId
    stream_id: str
    stream_type: str
    version: int
    event_id: uuid.UUID
    type: str
    schema_version: int
    data: Mapping[str, Any]
    metadata: Mapping[str, Any]
    recorded_at: datetime

    @property
    def key(self) -> str:
        return f"{self.tenant_id}:{self.stream_id}"


@dataclass(frozen=True, slots=True)
class KafkaRecord:
    """What goes on (and comes off) the wire: key, value and headers."""

    key: bytes
    value: bytes
    headers: Sequence[tuple[str, bytes]]


def cloudevent_type(service: str, event_type: str, schema_version: int) -> str:
    return f"trygnet.{service}.{event_type}.v{schema_version}"


def to_kafka(event: RecordedEvent, *, service: str, epoch: int = 0) -> KafkaRecord:
    """The binary-mode CloudEvent for ``event``, published by ``service``."""
    headers = [
        *type_headers(service, event.type, event.schema_version),
        ("ce_id", str(event.event_id).encode()),
        ("ce_subject", event.stream_id.encode()),
        ("ce_time", rfc3339(event.recorded_at).encode()),
        ("ce_tenantid", event.tenant_id.encode()),
        ("ce_streamtype", event.stream_type.encode()),
        ("ce_streamversion", str(event.version).encode()),
        ("ce_position", str(event.position).encode()),
        *metadata_headers(event.metadata),
        (EPOCH_HEADER, str(epoch).encode()),
    ]
    return KafkaRecord(key=event.key.encode(), value=json_text.encoded(event.data), headers=headers)


def metadata_headers(metadata: Mapping[str, Any]) -> list[tuple[str, bytes]]:
    """The headers an event's metadata gives (``HEADERS_FROM_METADATA``), in that order."""
    return [
        (header, str(value).encode())
        for name, header in HEADERS_FROM_METADATA
        if (value := metadata.get(name))
    ]


@functools.lru_cache(maxsize=1024)
def type_headers(
    service: str, event_type: str, schema_version: int
) -> tuple[tuple[str, bytes], ...]:
    """The headers every event of one type from one service carries alike, made once."""
    return (
        ("content-type", b"application/json"),
        ("ce_specversion", SPEC_VERSION.encode()),
        ("ce_source", f"/trygnet/{service}".encode()),
        ("ce_type", cloudevent_type(service, event_type, schema_version).encode()),
    )


@dataclass(frozen=True, slots=True)
class ReceivedEvent:
    """A recorded event read back from Kafka, with where it came from."""

    service: str
    event: RecordedEvent
    epoch: int


def from_kafka(
    key: bytes | None, value: bytes | None, headers: Sequence[tuple[str, bytes]]
) -> ReceivedEvent:
    """Parse a Trygnet CloudEvent; raise ``MalformedMessage`` naming the problem.

    Every message of a topic is parsed (a rebuild reads them all), so the common case
    is kept to one pass: all headers decoded at once (the header at fault is looked
    for only when one is not UTF-8), ``ce_type`` and ``ce_source`` read once per
    distinct pair (``_event_type``), the other attributes parsed inline. The checks
    and their reasons are those listed in the order they are made."""
    try:
        attrs = {name.lower(): raw.decode() for name, raw in headers}
    except UnicodeDecodeError:
        raise MalformedMessage(f"header {_not_utf8(headers)} is not UTF-8") from None
    get = attrs.get
    spec = get("ce_specversion")
    if spec != SPEC_VERSION:
        if not spec:
            raise MalformedMessage("missing header ce_specversion")
        raise MalformedMessage(f"unsupported ce_specversion {spec!r}")
    ce_type = get("ce_type") or _missing("ce_type")
    service, event_type, schema_version = _event_type(ce_type, get("ce_source"))
    tenant = get("ce_tenantid") or _missing("ce_tenantid")
    stream_id = get("ce_subject") or _missing("ce_subject")
    if key is None or key.decode(errors="replace") != f"{tenant}:{stream_id}":
        raise MalformedMessage("message key does not match ce_tenantid and ce_subject")
    # A reason names the attribute, not its value: a missing one says "missing" (not
    # "bad value"), and nothing a producer put there is copied into it.
    name = "ce_id"
    try:
        event_id = uuid.UUID(get(name) or _missing(name))
        name = "ce_streamversion"
        version = int(get(name) or _missing(name))
        name = "ce_position"
        position = int(get(name) or _missing(name))
        name = "ce_time"
        recorded_at = datetime.fromisoformat(get(name) or _missing(name))
        name = EPOCH_HEADER
        epoch = int(get(name, "0"))
    except ValueError as exc:
        if isinstance(exc, MalformedMessage):
            raise
        raise MalformedMessage(f"{name} is not {_WHAT[name]}") from exc
    if version < 1:
        raise MalformedMessage("ce_streamversion must be 1 or more")
    content_type = get("content-type", "application/json")
    if not content_type.startswith("application/json"):
        raise MalformedMessage(f"unsupported content-type {content_type!r}")
    data = _json_value(value or b"")
    if not isinstance(data, dict):
        raise MalformedMessage("value is not a JSON object")
    event = RecordedEvent(
        position=position,
        tenant_id=TenantId(tenant),
        stream_id=stream_id,
        stream_type=get("ce_streamtype", ""),
        version=version,
        event_id=event_id,
        type=event_type,
        schema_version=schema_version,
        data=data,
        metadata={name: attrs[h] for name, h in _METADATA_HEADERS.items() if h in attrs},
        recorded_at=recorded_at,
    )
    return ReceivedEvent(service=service, event=event, epoch=epoch)


_WHAT: Final = {
    "ce_id": "a UUID",
    "ce_streamversion": "an integer",
    "ce_position": "an integer",
    "ce_time": "an RFC 3339 time",
    EPOCH_HEADER: "an integer",
}


def _json_value(value: bytes) -> Any:
    """The value's JSON (``json_text.loads``: what a consumer accepts is what the
    standard library accepts)."""
    try:
        return json_text.loads(value)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedMessage("value is not JSON") from exc


def _missing(name: str) -> NoReturn:
    """A header the message must carry, absent or empty (``attrs.get(name) or _missing(name)``)."""
    raise MalformedMessage(f"missing header {name}")


def _not_utf8(headers: Sequence[tuple[str, bytes]]) -> str:
    """The name of the first header whose value is not UTF-8."""
    for name, raw in headers:
        try:
            raw.decode()
        except UnicodeDecodeError:
            return name
    return "?"


@functools.lru_cache(maxsize=1024)
def _event_type(ce_type: str, ce_source: str | None) -> tuple[str, str, int]:
    """(service, event type, schema version) of a ``ce_type`` sent from ``ce_source``.

    Cached: a topic holds a few dozen distinct pairs. A pair refused raises, and a
    raise is not cached, so each message that carries it is refused again."""
    match = _TYPE_PATTERN.fullmatch(ce_type)
    if match is None:
        raise MalformedMessage("ce_type is not trygnet.<service>.<EventName>.v<version>")
    service, event_type, schema_version = match.group(1), match.group(2), int(match.group(3))
    if schema_version < 1:
        raise MalformedMessage("ce_type's schema version must be 1 or more")
    if not ce_source:
        raise MalformedMessage("missing header ce_source")
    if ce_source != f"/trygnet/{service}":
        raise MalformedMessage("ce_source does not match the service in ce_type")
    return service, event_type, schema_version


def rfc3339(moment: datetime) -> str:
    """``moment`` as ``ce_time`` carries it: UTC, ``Z``, microseconds unless there are none."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
