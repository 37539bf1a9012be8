"""One REST route per command of the actors service, from one table.

The routes are built by the kernel (``trygnet_core.command_routes``), as in every
writing service: a body is camelCase JSON holding the command's fields; ids in the
path are the area, the actor or the contact. Defining an area, registering an actor
and adding a contact get their ids from the server and answer 201 with them
(``areaId``, ``actorId``, ``contactId``). A change (``PATCH``) holds only the fields
to change, ``null`` clearing one. Every route answers ``{"id", "version",
"position"}`` with the stream's version as ``ETag``, and takes ``If-Match`` (the
version the change was decided on: 409 ``CONFLICT`` if the stream has moved on) and
``Idempotency-Key``. Bad input is 422 ``BAD_USER_INPUT`` naming the field, with
nothing written. With ``Prefer: return=representation`` the answer holds the area,
actor or contact changed as ``GET`` shows it to the caller (``"representation"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request

from trygnet_actors.domain import commands as cmd
from trygnet_actors.handlers import AREA_COMMANDS, CONTACT_COMMANDS
from trygnet_actors.queries import ActorsQueries
from trygnet_core.auth import Principal
from trygnet_core.command_routes import CommandRoute, command_router
from trygnet_core.unit_of_work import Outcome

AREA = "/areas/{area_id}"
ACTOR = "/actors/{actor_id}"
CONTACT = "/contacts/{contact_id}"

TABLE = (
    CommandRoute("POST", "/areas", cmd.DefineArea, ("area_id", "area")),
    CommandRoute("POST", f"{AREA}/rename", cmd.RenameArea),
    CommandRoute("POST", f"{AREA}/retire", cmd.RetireArea),
    CommandRoute("POST", "/actors", cmd.RegisterActor, ("actor_id", "actor")),
    CommandRoute("PATCH", ACTOR, cmd.ChangeActorDetails, nest="changes"),
    CommandRoute("PUT", f"{ACTOR}/areas", cmd.SetActorAreas),
    CommandRoute("PUT", f"{ACTOR}/levels", cmd.SetActorLevels),
    CommandRoute("PUT", f"{ACTOR}/themes", cmd.SetActorThemes),
    CommandRoute("POST", f"{ACTOR}/deactivate", cmd.DeactivateActor),
    CommandRoute("POST", f"{ACTOR}/reactivate", cmd.ReactivateActor),
    CommandRoute("POST", "/actors/{survivor_id}/merge", cmd.MergeActors),
    CommandRoute("POST", f"{ACTOR}/contacts", cmd.AddContact, ("contact_id", "contact")),
    CommandRoute("PATCH", CONTACT, cmd.ChangeContact, nest="changes"),
    CommandRoute("DELETE", CONTACT, cmd.RemoveContact),
    CommandRoute("POST", f"{CONTACT}/erase", cmd.EraseContact),
)


async def represent(
    request: Request, principal: Principal, command: Any, outcome: Outcome
) -> Mapping[str, Any] | None:
    """The area, actor (the survivor, for a merge) or contact the command changed."""
    queries: ActorsQueries = request.app.state.queries
    if isinstance(command, AREA_COMMANDS):
        return await queries.area(principal, outcome.id)
    if isinstance(command, CONTACT_COMMANDS):
        found = await queries.contacts_batch(principal, contact_ids=(outcome.id,))
        return found[0] if found else None
    return await queries.actor(principal, outcome.id)


router = command_router(TABLE, represent=represent)
