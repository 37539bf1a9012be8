"""One REST route per command, from a service's table of routes.

    TABLE = (CommandRoute("POST", "/incidents", cmd.ReportIncident, ("incident_id", "incident")),
             CommandRoute("POST", "/incidents/{incident_id}/close", cmd.CloseIncident), ...)
    app.include_router(command_router(TABLE))

A body is camelCase JSON holding the command's fields; ids in the path are the
stream (and, where one is named, the member or record inside it). A command that
creates something gets its id from the server, and a moment the body leaves out
may be the time of the request. The command goes to
``app.state.handlers.handle(principal, command)``, and every route answers
``{"id", "version", "position"}`` (and, for a route that makes an id, that id by
its field's name: ``{"id": "incident-...", "taskId": "task-...", ...}``), with the
stream's version as ``ETag``. A request with ``If-Match: "<version>"`` is applied
only if the stream is still at that version, else 409 ``CONFLICT``: a client that
decided on what it read loses no one else's write. Bad input
is 422 ``BAD_USER_INPUT`` naming the field (dotted, camelCase) and never quoting the
value given, with nothing written; so is a field the command does not have (a change's
``changes`` are the domain's to check). Every route honours ``Idempotency-Key``
(``trygnet_core.idempotency``): a retry with the same key answers the first answer.

A request with ``Prefer: return=representation`` (RFC 7240) is answered, where the
service gives its routes a ``represent`` function, with the changed entity as the
caller reads it (``"representation"``, as the service's own read would answer it,
with ``Preference-Applied``), read in the same process once the command has committed:
the gateway needs no second call to show what a mutation changed. Where the caller may
not read it, or the service represents nothing, the answer is as without the header.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from fastapi import APIRouter, Request, Response
from pydantic import TypeAdapter, ValidationError

from trygnet_core import idempotency
from trygnet_core.auth import CurrentPrincipal, Principal
from trygnet_core.checks import camel
from trygnet_core.errors import BadUserInput, TrygnetError
from trygnet_core.request_limits import read_as_json
from trygnet_core.unit_of_work import Outcome
from trygnet_core.wire import renamed_keys

Represent = Callable[[Request, Principal, Any, Outcome], Awaitable[Mapping[str, Any] | None]]
"""The changed entity as ``principal`` reads it, after ``command`` made ``outcome``."""

RETURN_REPRESENTATION = "return=representation"


def _prefers_representation(request: Request) -> bool:
    return any(
        RETURN_REPRESENTATION in (part.strip().lower() for part in value.split(","))
        for value in request.headers.getlist("prefer")
    )


async def _representation(
    represent: Represent, request: Request, principal: Principal, command: Any, outcome: Outcome
) -> Mapping[str, Any] | None:
    """The entity for the answer, or none where the caller may not read it (the command
    has committed: a refused read never fails it)."""
    try:
        return await represent(request, principal, command, outcome)
    except TrygnetError:
        return None


class Handlers(Protocol):
    def handle(
        self, principal: Principal, command: Any, *, expected_version: int | None = None
    ) -> Awaitable[Outcome]: ...


@dataclass(frozen=True)
class CommandRoute:
    method: str
    path: str
    command: type
    new_id: tuple[str, str] | None = None
    """(field, prefix) of an id the server makes: ``incident-3f2a...``."""
    fixed: Mapping[str, str] = field(default_factory=dict)
    """Fields with a fixed value (the one strategy of a tenant)."""
    nest: str | None = None
    """The field that takes the whole body (a command of ``changes``)."""
    creates: bool = False
    """Answer 201 although the id is not the server's."""
    now: tuple[str, ...] = ()
    """Moments that are the server's time of the request unless the body gives them."""


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def snake_keys(value: Any) -> Any:
    """camelCase keys to the commands' snake_case, in nested records too."""
    return renamed_keys(value, snake)


@functools.cache
def _adapter(command: type) -> TypeAdapter[Any]:
    return TypeAdapter(command)


@functools.cache
def _fields(command: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(command))


def build(route: CommandRoute, body: Any, path: Mapping[str, str]) -> Any:
    """The command from the body and the path; pydantic's errors become BadUserInput."""
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise BadUserInput("the body must be a JSON object", field="body")
    values: dict[str, Any] = snake_keys(body)
    if route.nest:
        values = {route.nest: values}
    elif unknown := sorted(set(values) - _fields(route.command)):
        raise BadUserInput(
            f"{camel(unknown[0])}: not a field of this command", field=camel(unknown[0])
        )
    values.update(path)
    values.update(route.fixed)
    for name in route.now:
        if values.get(name) is None:
            values[name] = datetime.now(UTC).isoformat(timespec="seconds")
    if route.new_id:
        field_name, prefix = route.new_id
        values[field_name] = f"{prefix}-{uuid.uuid4().hex}"
    try:
        # As JSON, strictly: a number is not taken from a string or a boolean, nor a
        # boolean from "yes" (dates, enums and ids still come as JSON's strings).
        return _adapter(route.command).validate_json(json.dumps(values), strict=True)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(camel(str(part)) for part in first["loc"]) or "body"
        raise BadUserInput(f"{where}: {first['msg']}", field=where) from None


def expected_version(request: Request) -> int | None:
    """The version named by ``If-Match`` (``"7"``, ``W/"7"`` or ``7``), if the request has one."""
    given = request.headers.get("if-match")
    if given is None:
        return None
    text = given.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise BadUserInput("If-Match must be a version the service answered", field="If-Match")
    return int(text)


def _endpoint(
    route: CommandRoute, handled_by: str, represent: Represent | None
) -> Callable[..., Any]:
    async def endpoint(
        request: Request, response: Response, principal: CurrentPrincipal
    ) -> dict[str, Any]:
        raw = await request.body()
        if raw and not read_as_json(request.scope):  # the door checked JSON bodies only
            raise BadUserInput(
                "the body is not JSON (Content-Type: application/json)", field="body"
            )
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            raise BadUserInput("the body is not JSON", field="body") from None
        command = build(route, body, dict(request.path_params))
        # The id of what is made, when it lives inside the stream: part of the answer,
        # and of the answer an ``Idempotency-Key`` keeps should no answer follow.
        made = {camel(route.new_id[0]): getattr(command, route.new_id[0])} if route.new_id else {}
        idempotency.note_made(made)
        handlers: Handlers = getattr(request.app.state, handled_by)
        outcome = await handlers.handle(
            principal, command, expected_version=expected_version(request)
        )
        response.headers["ETag"] = f'"{outcome.version}"'
        answer = {**outcome.written(), **made}
        if represent is not None and _prefers_representation(request):
            shown = await _representation(represent, request, principal, command, outcome)
            if shown is not None:
                response.headers["Preference-Applied"] = RETURN_REPRESENTATION
                answer["representation"] = shown
        return answer

    endpoint.__name__ = snake(route.command.__name__)
    return endpoint


def command_router(
    table: tuple[CommandRoute, ...],
    *,
    handled_by: str = "handlers",
    represent: Represent | None = None,
) -> APIRouter:
    """The routes of ``table``, each sending its command to ``app.state.<handled_by>``;
    ``represent`` answers ``Prefer: return=representation``."""
    router = APIRouter()
    for route in table:
        router.add_api_route(
            route.path,
            _endpoint(route, handled_by, represent),
            methods=[route.method],
            status_code=201 if route.new_id or route.creates else 200,
            summary=(route.command.__doc__ or route.command.__name__).split("\n")[0],
        )
    return router
