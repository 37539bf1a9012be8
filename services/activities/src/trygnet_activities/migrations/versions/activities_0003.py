"""Activities service: partnership members' roles in the documents are ``PartnerRole`` words.

A partnership's document is its events folded when last written to; those written
while roles were any text hold that text ("politi"). The events are not touched:
they are read as ``partner_roles.read_role`` reads them (a table that only grows, so
reading them again today gives what it gave before), and each document gets the
roles its events now fold into, as its next write would give it.

Revision ID: activities_0003
Revises: activities_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trygnet_activities.domain.partner_roles import read_role

revision = "activities_0003"
down_revision = "activities_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    documents = sa.table(
        "documents",
        sa.column("tenant_id", sa.String),
        sa.column("stream_id", sa.String),
        sa.column("kind", sa.String),
        sa.column("body", sa.JSON),
    )
    connection = op.get_bind()
    found = connection.execute(sa.select(documents).where(documents.c.kind == "Partnership"))
    for row in found.all():
        members = dict(row.body.get("members") or {})
        read = {actor: read_role(role).value for actor, role in members.items()}
        if read != members:
            connection.execute(
                documents.update()
                .where(
                    documents.c.tenant_id == row.tenant_id, documents.c.stream_id == row.stream_id
                )
                .values(body={**row.body, "members": read})
            )


def downgrade() -> None:
    """The roles stay words: the older release reads any text, these words too."""
