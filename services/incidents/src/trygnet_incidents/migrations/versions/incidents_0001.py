"""Incidents service: the replica of areas and actors, and the incidents as users read them.

Revision ID: incidents_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trygnet_core.replica import create_tables, drop_tables

revision = "incidents_0001"
down_revision = None
branch_labels = ("incidents",)
depends_on = "kernel_0001"


def upgrade() -> None:
    create_tables()
    op.create_table(
        "incidents",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("incident_id", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.String(80), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("sensitivity", sa.String(20), nullable=False),
        sa.Column("occurred_at", sa.String(40), nullable=False),
        sa.Column("reported_at", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
    )
    op.create_index(
        "ix_incidents_occurred", "incidents", ["tenant_id", "occurred_at", "incident_id"]
    )


def downgrade() -> None:
    op.drop_table("incidents")
    drop_tables()
