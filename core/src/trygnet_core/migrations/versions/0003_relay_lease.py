"""The relay lease on each topic's checkpoint row: holder, fencing token, expiry.

Revision ID: kernel_0003
Revises: kernel_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "kernel_0003"
down_revision = "kernel_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_checkpoints") as table:
        table.add_column(sa.Column("lease_holder", sa.String(200), nullable=True))
        table.add_column(
            sa.Column("lease_token", sa.BigInteger(), nullable=False, server_default="0")
        )
        table.add_column(sa.Column("lease_expires", sa.Float(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("outbox_checkpoints") as table:
        table.drop_column("lease_expires")
        table.drop_column("lease_token")
        table.drop_column("lease_holder")
