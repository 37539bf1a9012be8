"""The rules that fold the actors service's events: areas, actors and their contact persons.

An actor's document keeps its public details, levels, areas and themes, its status
(and whom it was merged into) and only the ids of its contact persons, never who
they are: a removed or erased contact leaves no trace here.

A contact person is a stream of its own, so its events may be applied before its
actor's registration: the two streams can sit on different partitions, and an import
writes both in one transaction. Until the actor is registered its contacts are kept in
a document of their own (``EARLY_CONTACTS``), which the registration takes and drops.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from trygnet_core.checks import camel
from trygnet_reporting.projection_rules import _Meta, camel_fields, on_document, plain, rule
from trygnet_reporting.report_documents import DocKey, Docs

EARLY_CONTACTS: Final = "actor-contacts"
"""The kind of document that keeps an actor's contact persons until the actor is
registered; no report reads it."""
_ACTOR_DETAILS = ("name", "sector", "department", "description", "phone", "email", "website")


@rule("actors", "AreaDefined")
def _area_defined(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], meta: _Meta) -> None:
    docs.put(
        keys[0],
        {
            **camel_fields(data, "area_id", "name", "kind", "population"),
            "retired": False,
        },
    )


@rule("actors", "AreaRenamed", "AreaRetired")
def _area_changed(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], meta: _Meta) -> None:
    area = docs.touch(keys[0])
    if area is not None:
        if "name" in data:
            area["name"] = data["name"]
        else:
            area["retired"] = True


@rule("actors", "ActorRegistered")
def _actor_registered(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    actor, early = keys
    contacts = (docs.get(early) or {}).get("contacts", [])
    if contacts:
        docs.drop(early)
    docs.put(
        actor,
        {
            **camel_fields(data, "actor_id", *_ACTOR_DETAILS),
            "levels": plain(data.get("levels")),
            "areas": plain(data.get("areas")),
            "themes": plain(data.get("themes")),
            "status": "active",
            "mergedInto": None,
            "contacts": contacts,
            "registeredAt": m.at,
        },
    )


@on_document(
    "actors",
    "ActorDetailsChanged",
    "ActorAreasSet",
    "ActorLevelsSet",
    "ActorThemesSet",
    "ActorDeactivated",
    "ActorReactivated",
    "ActorMerged",
    "ActorAbsorbed",
)
def _actor_changed(actor: dict[str, Any], data: Mapping[str, Any], m: _Meta) -> None:
    match m.type:
        case "ActorDetailsChanged":
            for name, value in data["changes"].items():
                if name in _ACTOR_DETAILS:
                    actor[camel(name)] = value
        case "ActorDeactivated" | "ActorReactivated":
            actor["status"] = "inactive" if m.type == "ActorDeactivated" else "active"
        case "ActorMerged":
            actor["status"], actor["mergedInto"] = "merged", data["survivor_id"]
        case "ActorAbsorbed":
            for name in ("areas", "levels", "themes"):
                actor[name] = sorted(set(actor[name]) | set(data.get(name) or []))
        case _:
            for name in ("areas", "levels", "themes"):
                if name in data:
                    actor[name] = plain(data[name])


def contact_actors(data: Mapping[str, Any]) -> list[str]:
    """The actors a contact person's event concerns: its actor, and the one it moved from."""
    return sorted({str(a) for a in (data.get("actor_id"), data.get("from_actor_id")) if a})


@rule("actors", "ContactAdded", "ContactMoved", "ContactRemoved", "ContactErased")
def _contact(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """Only that a contact person exists at an actor (its id), never who it is; a removed
    or erased contact leaves no trace here."""
    contact = data["contact_id"]
    kept = m.type in ("ContactAdded", "ContactMoved")
    for actor_id in contact_actors(data):
        held = docs.touch((m.tenant, "actor", actor_id))
        if held is None:  # not registered yet: kept until it is
            early = (m.tenant, EARLY_CONTACTS, actor_id)
            held = docs.touch(early)
            if held is None and kept and actor_id == data["actor_id"]:
                held = docs.put(early, {"contacts": []})
        if held is not None:
            ids = {c for c in held["contacts"] if c != contact}
            if kept and actor_id == data["actor_id"]:
                ids.add(contact)
            held["contacts"] = sorted(ids)
