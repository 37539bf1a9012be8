"""Reading a CloudEvent off Kafka: every valid message gives back the event that was
published, and every malformed one is refused with the reason that names what is wrong
(the consumer dead-letters it with that reason). One row per header that can be wrong."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from trygnet_core.envelope import (
    KafkaRecord,
    MalformedMessage,
    RecordedEvent,
    from_kafka,
    to_kafka,
)
from trygnet_core.tenancy import TenantId

EVENT = RecordedEvent(
    position=41,
    tenant_id=TenantId("0101"),
    stream_id="actor-7",
    stream_type="Actor",
    version=3,
    event_id=uuid.UUID("5f0c6a34-1f5e-4c61-9a7b-2f4f8e1d9c01"),
    type="ActorRegistered",
    schema_version=2,
    data={"actor_id": "actor-7", "name": "Ungdomsskolen", "levels": ["frontline"], "n": 1.5},
    metadata={
        "correlation_id": "c-1",
        "causation_id": "c-0",
        "actor": "user-3",
        "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "tracestate": "vendor=1",
    },
    recorded_at=datetime(2026, 11, 3, 8, 15, 30, 123456, tzinfo=UTC),
)
RECORD = to_kafka(EVENT, service="actors", epoch=2)


def _with(name: str, value: bytes | None) -> Callable[[KafkaRecord], KafkaRecord]:
    """The record with header ``name`` set to ``value`` (None: without it)."""

    def change(record: KafkaRecord) -> KafkaRecord:
        headers = [(n, v) for n, v in record.headers if n != name]
        if value is not None:
            headers.append((name, value))
        return KafkaRecord(record.key, record.value, headers)

    return change


def _key(key: bytes | None) -> Callable[[KafkaRecord], KafkaRecord]:
    return lambda record: KafkaRecord(key, record.value, record.headers)  # type: ignore[arg-type]


def _value(value: bytes | None) -> Callable[[KafkaRecord], KafkaRecord]:
    return lambda record: KafkaRecord(record.key, value, record.headers)  # type: ignore[arg-type]


NOT_TRYGNET = "ce_type is not trygnet.<service>.<EventName>.v<version>"
NOT_OURS = "message key does not match ce_tenantid and ce_subject"
ACTORS_V0 = b"trygnet.actors.ActorRegistered.v0"

# (header, its value or None for none, the reason)
HEADERS: list[tuple[str, bytes | None, str]] = [
    ("ce_subject", b"\xff\xfe", "header ce_subject is not UTF-8"),
    ("x-other", b"\xc3", "header x-other is not UTF-8"),
    ("ce_specversion", None, "missing header ce_specversion"),
    ("ce_specversion", b"0.3", "unsupported ce_specversion '0.3'"),
    ("ce_type", None, "missing header ce_type"),
    ("ce_type", b"", "missing header ce_type"),
    ("ce_type", b"com.example.Thing.v1", NOT_TRYGNET),
    ("ce_type", b"trygnet.actors.ActorRegistered", NOT_TRYGNET),
    ("ce_type", ACTORS_V0, "ce_type's schema version must be 1 or more"),
    ("ce_source", None, "missing header ce_source"),
    ("ce_source", b"/trygnet/incidents", "ce_source does not match the service in ce_type"),
    ("ce_tenantid", None, "missing header ce_tenantid"),
    ("ce_subject", None, "missing header ce_subject"),
    ("ce_id", None, "missing header ce_id"),
    ("ce_id", b"event-1", "ce_id is not a UUID"),
    ("ce_streamversion", None, "missing header ce_streamversion"),
    ("ce_streamversion", b"three", "ce_streamversion is not an integer"),
    ("ce_streamversion", b"0", "ce_streamversion must be 1 or more"),
    ("ce_position", None, "missing header ce_position"),
    ("ce_position", b"4.5", "ce_position is not an integer"),
    ("ce_time", None, "missing header ce_time"),
    ("ce_time", b"Tuesday", "ce_time is not an RFC 3339 time"),
    ("trygnet-epoch", b"new", "trygnet-epoch is not an integer"),
    ("content-type", b"text/plain", "unsupported content-type 'text/plain'"),
]
KEYS: list[tuple[bytes | None, str]] = [
    (None, NOT_OURS),
    (b"0147:actor-7", NOT_OURS),
    (b"0101:actor-\xff", NOT_OURS),
]
VALUES: list[tuple[bytes | None, str]] = [
    (b"not json", "value is not JSON"),
    (b'{"a": "\xff"}', "value is not JSON"),
    (None, "value is not JSON"),
    (b"[1, 2]", "value is not a JSON object"),
    (b'"text"', "value is not a JSON object"),
]
REFUSED: list[tuple[Callable[[KafkaRecord], KafkaRecord], str]] = [
    *((_with(header, value), reason) for header, value, reason in HEADERS),
    *((_key(key), reason) for key, reason in KEYS),
    *((_value(value), reason) for value, reason in VALUES),
]
CASES = [
    *(f"{header}={value!r}" for header, value, _ in HEADERS),
    *(f"key={key!r}" for key, _ in KEYS),
    *(f"value={value!r}" for value, _ in VALUES),
]


@pytest.mark.parametrize(("change", "reason"), REFUSED, ids=CASES)
def test_a_malformed_message_is_refused_with_the_reason_naming_what_is_wrong(
    change: Callable[[KafkaRecord], KafkaRecord], reason: str
) -> None:
    record = change(RECORD)
    with pytest.raises(MalformedMessage) as refused:
        from_kafka(record.key, record.value, record.headers)
    assert str(refused.value) == reason


def test_a_published_event_reads_back_as_it_was_recorded() -> None:
    received = from_kafka(RECORD.key, RECORD.value, RECORD.headers)
    assert (received.service, received.epoch) == ("actors", 2)
    assert received.event == EVENT


def test_the_same_message_twice_gives_equal_but_separate_events() -> None:
    """Parsing is cached per type and source: nothing of one message leaks into the next."""
    first = from_kafka(RECORD.key, RECORD.value, RECORD.headers)
    second = from_kafka(RECORD.key, RECORD.value, RECORD.headers)
    assert first == second
    assert first.event.data is not second.event.data


def test_header_names_are_read_in_any_case_and_the_last_of_a_name_counts() -> None:
    headers = [(name.upper(), value) for name, value in RECORD.headers]
    headers.append(("ce_streamversion", b"4"))
    received = from_kafka(RECORD.key, RECORD.value, headers)
    assert received.event.version == 4
    assert received.event.tenant_id == "0101"


def test_without_the_optional_headers_the_defaults_hold() -> None:
    optional = {"content-type", "ce_streamtype", "trygnet-epoch", "traceparent", "tracestate"}
    optional |= {
        "ce_correlationid",
        "ce_causationid",
        "ce_actor",
        "ce_traceparent",
        "ce_tracestate",
    }
    headers = [(n, v) for n, v in RECORD.headers if n not in optional]
    received = from_kafka(RECORD.key, RECORD.value, headers)
    assert received.epoch == 0
    assert received.event.stream_type == ""
    assert received.event.metadata == {}
    assert received.event.data == EVENT.data


def test_a_refusal_for_one_type_does_not_stick_to_the_next_message() -> None:
    """A source that does not match its type is refused, and the same type from its
    right source is then read (a cache must not remember the refusal for the type)."""
    wrong = _with("ce_source", b"/trygnet/incidents")(RECORD)
    with pytest.raises(MalformedMessage):
        from_kafka(wrong.key, wrong.value, wrong.headers)
    assert from_kafka(RECORD.key, RECORD.value, RECORD.headers).event == EVENT
    with pytest.raises(MalformedMessage):
        from_kafka(wrong.key, wrong.value, wrong.headers)


@pytest.mark.parametrize(
    ("value", "data"),
    [
        (b'{"ratio": NaN}', "NaN"),
        (b'{"count": 123456789012345678901234567890}', 123456789012345678901234567890),
        ('{"name": "Ærø"}'.encode("utf-16"), "Ærø"),
    ],
    ids=["NaN", "an integer past 64 bits", "UTF-16"],
)
def test_a_value_the_standard_library_reads_is_read_as_it_always_was(
    value: bytes, data: object
) -> None:
    record = _value(value)(RECORD)
    (found,) = from_kafka(record.key, record.value, record.headers).event.data.values()
    assert str(found) == "nan" if data == "NaN" else found == data
