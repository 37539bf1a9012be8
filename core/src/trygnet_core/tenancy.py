"""Tenant identity: every row, event, message and log line carries one.

A ``TenantId`` is a municipality code (Danish kommunekode such as ``0101``,
Swedish kommunkod such as ``0126``) or another short identifier issued by the
platform operator. Code that reads or writes tenant data takes a ``TenantId``
as a required keyword argument, never an optional one, so it cannot be called
without a tenant; the tenant comes from the authenticated principal.
"""

from __future__ import annotations

import re
from typing import Final, NewType

from sqlalchemy import Column, ColumnElement, MetaData, Select, String, Table
from sqlalchemy.schema import SchemaItem

from trygnet_core.errors import BadUserInput

TenantId = NewType("TenantId", str)

_TENANT_LENGTH: Final = 64
_TENANT_PATTERN: Final = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_-]{{0,{_TENANT_LENGTH - 1}}}$")


def tenant_id(value: str) -> TenantId:
    """Validate ``value`` as a tenant id (the only way to make one from text)."""
    if not isinstance(value, str) or not _TENANT_PATTERN.fullmatch(value):
        raise BadUserInput("tenant must be 1-64 letters, digits, '-' or '_'", field="tenant")
    return TenantId(value)


def tenant_table(name: str, metadata: MetaData, *columns: SchemaItem) -> Table:
    """A table of tenant data: its key starts with ``tenant_id``, as long as a tenant id
    may be, and ``columns`` follow."""
    tenant = Column("tenant_id", String(_TENANT_LENGTH), primary_key=True)
    return Table(name, metadata, tenant, *columns)


def require_tenant(tenant: TenantId | None) -> TenantId:
    """Refuse to go on without a tenant: the guard at every query helper's door."""
    if not tenant:
        raise PermissionError("no tenant: tenant data is never read or written without one")
    return tenant


def of_tenant(table: Table, tenant: TenantId) -> ColumnElement[bool]:
    """The ``WHERE tenant_id = :tenant`` clause for ``table``."""
    return table.c.tenant_id == require_tenant(tenant)


def scoped(
    query: Select[tuple[object, ...]], table: Table, *, tenant: TenantId
) -> Select[tuple[object, ...]]:
    """``query`` restricted to the rows of ``tenant`` in ``table``."""
    return query.where(of_tenant(table, tenant))
