"""Actors service: current-state tables for areas, actors, their tags and contacts.

Revision ID: actors_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "actors_0001"
down_revision = None
branch_labels = ("actors",)
depends_on = "kernel_0001"


def _tenant_key(name: str) -> list[sa.Column[str]]:
    return [
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column(name, sa.String(80), primary_key=True),
    ]


def upgrade() -> None:
    op.create_table(
        "areas",
        *_tenant_key("area_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("outline", sa.JSON(), nullable=True),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "actors",
        *_tenant_key("actor_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("department", sa.String(200), nullable=True),
        sa.Column("parent_actor_id", sa.String(80), nullable=True),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("website", sa.String(500), nullable=True),
        sa.Column("external_id", sa.String(200), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("merged_into", sa.String(80), nullable=True),
        sa.Column("merged_from", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_actors_tenant_external", "actors", ["tenant_id", "external_id"])
    op.create_index("ix_actors_tenant_name", "actors", ["tenant_id", "name"])
    op.create_table(
        "actor_tags",
        *_tenant_key("actor_id"),
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("value", sa.String(80), primary_key=True),
    )
    op.create_index("ix_actor_tags_lookup", "actor_tags", ["tenant_id", "kind", "value"])
    op.create_table(
        "contacts",
        *_tenant_key("contact_id"),
        sa.Column("actor_id", sa.String(80), nullable=False),
        sa.Column("legal_basis", sa.String(40), nullable=False),
        sa.Column("personal", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_contacts_tenant_actor", "contacts", ["tenant_id", "actor_id"])


def downgrade() -> None:
    for table in ("contacts", "actor_tags", "actors", "areas"):
        op.drop_table(table)
