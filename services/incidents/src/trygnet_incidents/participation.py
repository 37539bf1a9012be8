"""Who took part in each incident's response, for the list filtered by actor (the
actor page's "incident responses it took part in"): one row per actor and way of
taking part (``trygnet_vocabulary.incident_redaction.PARTICIPATION``), derived from the
incident's document and rewritten in the same transaction whenever the document
changes, so it never disagrees with it.

The filter asks the redaction policy which ways a reader may learn of in a
restricted incident (``participation_seen``): a partner finds restricted incidents
by actor only through its own actor's tasks, which it sees anyway."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Index,
    MetaData,
    String,
    Table,
    delete,
    exists,
    false,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.auth import Principal
from trygnet_core.keys_in import key_chunks, keys_in
from trygnet_core.tenancy import tenant_table
from trygnet_vocabulary.incident_redaction import participation_seen
from trygnet_vocabulary.incidents import Sensitivity

metadata = MetaData()

incident_actors = tenant_table(
    "incident_actors",
    metadata,
    Column("incident_id", String(200), primary_key=True),
    Column("actor_id", String(200), primary_key=True),
    Column("part", String(20), primary_key=True),
    Index("ix_incident_actors_actor", "tenant_id", "actor_id"),
)


def participants(body: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(actor, way) for everyone who took part in the incident of ``body``."""
    found = {(body["reportingActorId"], "reported")}
    found |= {(role["actorId"], "role") for role in body.get("roles", ())}
    found |= {(task["assigneeActorId"], "task") for task in body.get("tasks", ())}
    found |= {(entry["authorActorId"], "timeline") for entry in body.get("timeline", ())}
    report = body.get("tacticalReport")
    if report and report.get("authorActorId"):
        found.add((report["authorActorId"], "report"))
    return {(actor, part) for actor, part in found if actor}


async def record_participants(
    conn: AsyncConnection, documents: Iterable[tuple[tuple[str, str], Mapping[str, Any]]]
) -> None:
    """Rewrite the rows of each ((tenant, incident), document) given."""
    given = list(documents)
    if not given:
        return
    for chunk in key_chunks([key for key, _ in given]):
        await conn.execute(_FORGET, {"keys": chunk})
    rows = [
        {"tenant_id": tenant, "incident_id": incident, "actor_id": actor, "part": part}
        for (tenant, incident), body in given
        for actor, part in sorted(participants(body))
    ]
    if rows:
        await conn.execute(insert(incident_actors), rows)


_FORGET = delete(incident_actors).where(
    keys_in((incident_actors.c.tenant_id, incident_actors.c.incident_id))
)
"""``record_participants``' statement, built once: every incident's rows in one."""


def took_part(incidents: Table, actor_id: str, principal: Principal) -> ColumnElement[bool]:
    """The condition on ``incidents`` rows: ``actor_id`` took part, as far as the
    principal may know."""
    seen = participation_seen(principal, actor_id)
    visible: ColumnElement[bool] = (
        true()
        if seen is None
        else or_(
            incidents.c.sensitivity != Sensitivity.RESTRICTED.value,
            incident_actors.c.part.in_(seen) if seen else false(),
        )
    )
    return exists(
        select(incident_actors.c.actor_id).where(
            incident_actors.c.tenant_id == incidents.c.tenant_id,
            incident_actors.c.incident_id == incidents.c.incident_id,
            incident_actors.c.actor_id == actor_id,
            visible,
        )
    )
