"""SQLite: the event store without the indexes SQLite never uses, streams without a rowid.

Revision ID: kernel_0004
Revises: kernel_0003

Every index is one more B-tree page each commit writes to the WAL, and on SQLite
these two are never the best plan (``EXPLAIN QUERY PLAN``):

- ``ix_events_transaction_position``: SQLite's transaction id is always 0, so the
  relay reads ``position > checkpoint`` in position order (``backends.py``), a
  search of the rowid; with the index in place it *scanned* the whole index from
  the start on every batch instead.
- ``ix_events_tenant_position``: only ``EventStore.read_all`` for one tenant could
  use it, and no service reads its store that way; the rowid search by position
  with the tenant as a filter answers it.

``streams`` keyed by (tenant, stream) was a rowid table plus an index on that key:
two B-trees for one lookup. ``WITHOUT ROWID`` keeps the rows in the key's own tree.
PostgreSQL keeps its tables as they are (its relay orders by transaction id).
"""

from __future__ import annotations

from alembic import op

revision = "kernel_0004"
down_revision = "kernel_0003"
branch_labels = None
depends_on = None

_STREAMS: str = """
CREATE TABLE {name} (
    tenant_id VARCHAR(64) NOT NULL,
    stream_id VARCHAR(200) NOT NULL,
    stream_type VARCHAR(100) NOT NULL,
    version INTEGER NOT NULL,
    transaction_id BIGINT DEFAULT 0 NOT NULL,
    PRIMARY KEY (tenant_id, stream_id)
){options}
"""
_COLUMNS = "tenant_id, stream_id, stream_type, version, transaction_id"


def _rebuild_streams(options: str) -> None:
    op.execute(_STREAMS.format(name="streams_rebuilt", options=options))
    op.execute(f"INSERT INTO streams_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM streams")  # noqa: S608
    op.execute("DROP TABLE streams")
    op.execute("ALTER TABLE streams_rebuilt RENAME TO streams")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.drop_index("ix_events_transaction_position", table_name="events")
    op.drop_index("ix_events_tenant_position", table_name="events")
    _rebuild_streams(" WITHOUT ROWID")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild_streams("")
    op.create_index("ix_events_tenant_position", "events", ["tenant_id", "position"])
    op.create_index("ix_events_transaction_position", "events", ["transaction_id", "position"])
