"""Actors service: natural keys held unique (an external id per tenant, an area name in use).

The domain refuses a second actor with an external id or a second area in use with
a name; these indexes hold the same for writers that race past that check. A
database that already holds such duplicates (written before this rule) is not
changed behind anyone's back: the upgrade stops and says how many there are, per
kind, so that a coordinator can rename or merge them with the previous release.

Revision ID: actors_0002
Revises: actors_0001
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "actors_0002"
down_revision = "actors_0001"
branch_labels = None
depends_on = None

_IN_USE = sa.text("retired = false")
_NOT_MERGED = sa.text("external_id IS NOT NULL AND status != 'merged'")


def _name_key(name: str) -> str:
    """As ``trygnet_actors.domain.area.name_key`` (a migration keeps its own copy: it
    must do tomorrow what it did today)."""
    return " ".join(name.split()).casefold()


def upgrade() -> None:
    op.add_column("areas", sa.Column("name_key", sa.String(200), nullable=True))
    connection = op.get_bind()
    areas = sa.table(
        "areas",
        sa.column("tenant_id", sa.String),
        sa.column("area_id", sa.String),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
        sa.column("retired", sa.Boolean),
    )
    rows = connection.execute(sa.select(areas)).all()
    for row in rows:
        connection.execute(
            areas.update()
            .where(areas.c.tenant_id == row.tenant_id, areas.c.area_id == row.area_id)
            .values(name_key=_name_key(row.name))
        )
    names = Counter((r.tenant_id, _name_key(r.name)) for r in rows if not r.retired)
    externals = connection.execute(
        sa.text(
            "SELECT COUNT(*) FROM (SELECT tenant_id, external_id FROM actors "
            "WHERE external_id IS NOT NULL AND status != 'merged' "
            "GROUP BY tenant_id, external_id HAVING COUNT(*) > 1) AS repeated"
        )
    ).scalar_one()
    repeated_names = sum(1 for count in names.values() if count > 1)
    if externals or repeated_names:
        raise RuntimeError(
            f"{externals} external ids are held by more than one actor and {repeated_names} "
            "names by more than one area in use: give each its own (or merge the actors, "
            "retire the areas) with the previous release, then upgrade"
        )
    op.create_index(
        "ux_areas_tenant_name_in_use",
        "areas",
        ["tenant_id", "name_key"],
        unique=True,
        sqlite_where=_IN_USE,
        postgresql_where=_IN_USE,
    )
    op.create_index(
        "ux_actors_tenant_external_in_use",
        "actors",
        ["tenant_id", "external_id"],
        unique=True,
        sqlite_where=_NOT_MERGED,
        postgresql_where=_NOT_MERGED,
    )


def downgrade() -> None:
    op.drop_index("ux_actors_tenant_external_in_use", "actors")
    op.drop_index("ux_areas_tenant_name_in_use", "areas")
    op.drop_column("areas", "name_key")
