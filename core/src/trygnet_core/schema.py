"""The kernel's tables, one definition for SQLite and PostgreSQL.

Alembic migrations (``trygnet_core/migrations``) create them; this module is what
queries are written against. Every table that holds tenant data has ``tenant_id``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

from trygnet_core.tenancy import tenant_table

metadata = MetaData()

#: SQLite only auto-increments an ``INTEGER PRIMARY KEY``; PostgreSQL wants BIGINT.
Position = BigInteger().with_variant(Integer(), "sqlite")

events = Table(
    "events",
    metadata,
    Column("position", Position, primary_key=True, autoincrement=True),
    Column("tenant_id", String(64), nullable=False),
    Column("stream_id", String(200), nullable=False),
    Column("stream_type", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("event_id", Uuid, nullable=False),
    Column("type", String(200), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("metadata", JSON, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    # PostgreSQL: the id of the writing transaction (server default
    # pg_current_xact_id()); the relay reads in (transaction_id, position) order.
    # SQLite: always 0 (one writer at a time commits in position order).
    Column("transaction_id", BigInteger, nullable=False, server_default="0"),
    UniqueConstraint("tenant_id", "stream_id", "version", name="uq_events_stream_version"),
    UniqueConstraint("event_id", name="uq_events_event_id"),
    Index("ix_events_tenant_position", "tenant_id", "position"),
    Index("ix_events_transaction_position", "transaction_id", "position"),
)

streams = tenant_table(
    "streams",
    metadata,
    Column("stream_id", String(200), primary_key=True),
    Column("stream_type", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("transaction_id", BigInteger, nullable=False, server_default="0"),
)

subject_keys = tenant_table(
    "subject_keys",
    metadata,
    Column("subject_id", String(200), primary_key=True),
    Column("key", LargeBinary, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=True),
)

outbox_checkpoints = Table(
    "outbox_checkpoints",
    metadata,
    Column("topic", String(200), primary_key=True),
    Column("transaction_id", BigInteger, nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("epoch", Integer, nullable=False),
    Column("published", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The relay lease (trygnet_core.relay_lease): who publishes the topic, until when
    # (seconds by the database's clock) and the fencing token of that holder's term.
    Column("lease_holder", String(200), nullable=True),
    Column("lease_token", BigInteger, nullable=False, server_default="0"),
    Column("lease_expires", Float, nullable=False, server_default="0"),
)

outbox_partitions = Table(
    "outbox_partitions",
    metadata,
    Column("topic", String(200), primary_key=True),
    Column("partition", Integer, primary_key=True),
    Column("acked_offset", BigInteger, nullable=False),
    Column("floor_offset", BigInteger, nullable=False),
)

consumer_positions = Table(
    "consumer_positions",
    metadata,
    Column("consumer", String(100), primary_key=True),
    Column("topic", String(200), primary_key=True),
    Column("partition", Integer, primary_key=True),
    Column("next_offset", BigInteger, nullable=False),
    Column("epoch", Integer, nullable=False),
)

consumer_streams = Table(
    "consumer_streams",
    metadata,
    Column("consumer", String(100), primary_key=True),
    Column("tenant_id", String(64), primary_key=True),
    Column("source", String(100), primary_key=True),
    Column("stream_id", String(200), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("event_id", Uuid, nullable=False),
)

dead_letters = Table(
    "dead_letters",
    metadata,
    Column("id", Position, primary_key=True, autoincrement=True),
    Column("consumer", String(100), nullable=False),
    Column("topic", String(200), nullable=False),
    Column("partition", Integer, nullable=False),
    Column("offset", BigInteger, nullable=False),
    Column("tenant_id", String(64), nullable=True),
    Column("event_id", String(64), nullable=True),
    Column("event_type", String(300), nullable=True),
    Column("key", LargeBinary, nullable=True),
    Column("value", LargeBinary, nullable=True),
    Column("headers", JSON, nullable=False),
    Column("error", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_dead_letters_consumer", "consumer", "id"),
)

idempotency_keys = tenant_table(
    "idempotency_keys",
    metadata,
    Column("principal", String(200), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("status", Integer, nullable=True),
    Column("answer", JSON, nullable=True),
    Column("body", LargeBinary, nullable=True),
    Column("headers", JSON, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_idempotency_keys_expires_at", "expires_at"),
)
"""A write's ``Idempotency-Key`` per tenant and principal: the request's fingerprint
and its answer (``trygnet_core.idempotency``)."""
