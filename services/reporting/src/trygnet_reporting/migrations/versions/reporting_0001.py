"""Reporting service: the projections' documents and the cached network figures.

Revision ID: reporting_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reporting_0001"
down_revision = None
branch_labels = ("reporting",)
depends_on = "kernel_0001"


def upgrade() -> None:
    op.create_table(
        "report_docs",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(30), primary_key=True),
        sa.Column("doc_id", sa.String(300), primary_key=True),
        sa.Column("body", sa.JSON(), nullable=False),
    )
    op.create_index("ix_report_docs_kind", "report_docs", ["kind", "tenant_id"])
    op.create_table(
        "network_cache",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("area_key", sa.String(80), primary_key=True),
        sa.Column("body", sa.JSON(), nullable=True),
        sa.Column("computed_at", sa.Float(), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("network_cache")
    op.drop_table("report_docs")
