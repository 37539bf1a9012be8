"""Activities service: the replica of areas and actors consumed from trygnet.actors.

Revision ID: activities_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "activities_0001"
down_revision = None
branch_labels = ("activities",)
depends_on = "kernel_0001"


def upgrade() -> None:
    op.create_table(
        "known_areas",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("area_id", sa.String(80), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "known_actors",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("actor_id", sa.String(80), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("merged_into", sa.String(80), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("known_actors")
    op.drop_table("known_areas")
