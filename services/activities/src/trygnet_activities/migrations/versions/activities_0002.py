"""Activities service: the current state of every stream as a document, and its filter tags.

Revision ID: activities_0002
Revises: activities_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "activities_0002"
down_revision = "activities_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("stream_id", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_documents_kind", "documents", ["tenant_id", "kind", "title"])
    op.create_table(
        "document_tags",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("stream_id", sa.String(200), primary_key=True),
        sa.Column("tag", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(200), primary_key=True),
    )
    op.create_index("ix_document_tags_lookup", "document_tags", ["tenant_id", "tag", "value"])


def downgrade() -> None:
    op.drop_table("document_tags")
    op.drop_table("documents")
