"""The actors service's current-state tables: areas, actors with their tags, contacts.

Contacts' personal data stays sealed here too (the ``personal`` column holds the
sealed values from the events), so erasing a contact's key makes every row and
every event unreadable at once; reads open it in one key lookup per page.

The tables also hold the natural keys unique, for the writers that race past the
domain's check (PostgreSQL runs concurrent commands side by side): an external id
names one actor of a tenant that is not merged, an area name (``name_key``) one area
in use (the indexes ``EXTERNAL_ID_IN_USE`` and ``AREA_NAME_IN_USE``). The tables are
kept by ``state.update_state``, in the same transaction as each append.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Index, Integer, MetaData, String, Text, text

from trygnet_core.tenancy import tenant_table

metadata = MetaData()

areas = tenant_table(
    "areas",
    metadata,
    Column("area_id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=True),
    Column("kind", String(40), nullable=False),
    Column("outline", JSON, nullable=True),
    Column("population", Integer, nullable=True),
    Column("retired", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)
AREA_NAME_IN_USE = "ux_areas_tenant_name_in_use"
EXTERNAL_ID_IN_USE = "ux_actors_tenant_external_in_use"
_AREA_IN_USE = text("retired = false")
_ACTOR_NOT_MERGED = text("external_id IS NOT NULL AND status != 'merged'")
Index(
    AREA_NAME_IN_USE,
    areas.c.tenant_id,
    areas.c.name_key,
    unique=True,
    sqlite_where=_AREA_IN_USE,
    postgresql_where=_AREA_IN_USE,
)

actors = tenant_table(
    "actors",
    metadata,
    Column("actor_id", String(80), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("sector", String(40), nullable=False),
    Column("department", String(200), nullable=True),
    Column("parent_actor_id", String(80), nullable=True),
    Column("levels", JSON, nullable=False),
    Column("areas", JSON, nullable=False),
    Column("themes", JSON, nullable=False),
    Column("description", Text, nullable=True),
    Column("phone", String(40), nullable=True),
    Column("email", String(254), nullable=True),
    Column("website", String(500), nullable=True),
    Column("external_id", String(200), nullable=True),
    Column("status", String(20), nullable=False),
    Column("merged_into", String(80), nullable=True),
    Column("merged_from", JSON, nullable=False),
    Column("search_text", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_actors_tenant_external", "tenant_id", "external_id"),
    Index("ix_actors_tenant_name", "tenant_id", "name"),
    Index(
        EXTERNAL_ID_IN_USE,
        "tenant_id",
        "external_id",
        unique=True,
        sqlite_where=_ACTOR_NOT_MERGED,
        postgresql_where=_ACTOR_NOT_MERGED,
    ),
)

#: One row per (actor, area | level | theme) so lists filter with an index.
actor_tags = tenant_table(
    "actor_tags",
    metadata,
    Column("actor_id", String(80), primary_key=True),
    Column("kind", String(10), primary_key=True),
    Column("value", String(80), primary_key=True),
    Index("ix_actor_tags_lookup", "tenant_id", "kind", "value"),
)

contacts = tenant_table(
    "contacts",
    metadata,
    Column("contact_id", String(80), primary_key=True),
    Column("actor_id", String(80), nullable=False),
    Column("legal_basis", String(40), nullable=False),
    Column("personal", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_contacts_tenant_actor", "tenant_id", "actor_id"),
)
