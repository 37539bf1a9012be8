"""The kernel's tables: event store, streams, subject keys, outbox, consumer tracking.

Revision ID: kernel_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "kernel_0001"
down_revision = None
branch_labels = ("kernel",)
depends_on = None

_position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _transaction_id() -> sa.Column[int]:
    """On PostgreSQL, the writing transaction's id; see ``store/backends.py``."""
    default = (
        sa.text("(pg_current_xact_id()::text::bigint)")
        if op.get_bind().dialect.name == "postgresql"
        else sa.text("0")
    )
    return sa.Column("transaction_id", sa.BigInteger(), nullable=False, server_default=default)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("position", _position, primary_key=True, autoincrement=True),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("stream_id", sa.String(200), nullable=False),
        sa.Column("stream_type", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(200), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        _transaction_id(),
        sa.UniqueConstraint("tenant_id", "stream_id", "version", name="uq_events_stream_version"),
        sa.UniqueConstraint("event_id", name="uq_events_event_id"),
    )
    op.create_index("ix_events_tenant_position", "events", ["tenant_id", "position"])
    op.create_index("ix_events_transaction_position", "events", ["transaction_id", "position"])
    op.create_table(
        "streams",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("stream_id", sa.String(200), primary_key=True),
        sa.Column("stream_type", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _transaction_id(),
    )
    op.create_table(
        "subject_keys",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("subject_id", sa.String(200), primary_key=True),
        sa.Column("key", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "outbox_checkpoints",
        sa.Column("topic", sa.String(200), primary_key=True),
        sa.Column("transaction_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("published", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "outbox_partitions",
        sa.Column("topic", sa.String(200), primary_key=True),
        sa.Column("partition", sa.Integer(), primary_key=True),
        sa.Column("acked_offset", sa.BigInteger(), nullable=False),
        sa.Column("floor_offset", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "consumer_positions",
        sa.Column("consumer", sa.String(100), primary_key=True),
        sa.Column("topic", sa.String(200), primary_key=True),
        sa.Column("partition", sa.Integer(), primary_key=True),
        sa.Column("next_offset", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
    )
    op.create_table(
        "consumer_streams",
        sa.Column("consumer", sa.String(100), primary_key=True),
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(100), primary_key=True),
        sa.Column("stream_id", sa.String(200), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
    )
    op.create_table(
        "dead_letters",
        sa.Column("id", _position, primary_key=True, autoincrement=True),
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("partition", sa.Integer(), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=True),
        sa.Column("event_id", sa.String(64), nullable=True),
        sa.Column("event_type", sa.String(300), nullable=True),
        sa.Column("key", sa.LargeBinary(), nullable=True),
        sa.Column("value", sa.LargeBinary(), nullable=True),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dead_letters_consumer", "dead_letters", ["consumer", "id"])


def downgrade() -> None:
    for table in (
        "dead_letters",
        "consumer_streams",
        "consumer_positions",
        "outbox_partitions",
        "outbox_checkpoints",
        "subject_keys",
        "streams",
        "events",
    ):
        op.drop_table(table)
