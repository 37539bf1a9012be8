"""Incidents service: who took part in each incident's response (the list by actor).

Revision ID: incidents_0002
Revises: incidents_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trygnet_incidents.participation import participants

revision = "incidents_0002"
down_revision = "incidents_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "incident_actors",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("incident_id", sa.String(200), primary_key=True),
        sa.Column("actor_id", sa.String(200), primary_key=True),
        sa.Column("part", sa.String(20), primary_key=True),
    )
    op.create_index("ix_incident_actors_actor", "incident_actors", ["tenant_id", "actor_id"])
    incidents = sa.table(
        "incidents", sa.column("tenant_id"), sa.column("incident_id"), sa.column("body", sa.JSON)
    )
    rows = [
        {"tenant_id": row.tenant_id, "incident_id": row.incident_id, "actor_id": a, "part": p}
        for row in op.get_bind().execute(sa.select(incidents))
        for a, p in sorted(participants(row.body))
    ]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("incident_actors")
