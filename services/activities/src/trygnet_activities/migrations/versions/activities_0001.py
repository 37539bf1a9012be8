"""Activities service: the replica of areas and actors consumed from trygnet.actors.

Revision ID: activities_0001
Revises:
"""

from __future__ import annotations

from trygnet_core.replica import create_tables, drop_tables

revision = "activities_0001"
down_revision = None
branch_labels = ("activities",)
depends_on = "kernel_0001"


def upgrade() -> None:
    create_tables()


def downgrade() -> None:
    drop_tables()
