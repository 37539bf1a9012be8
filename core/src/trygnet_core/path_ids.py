"""An id is one path segment, whole: the rule for ids, and the two places that keep it.

Ids travel in URL paths (``/actors/{actor_id}/deactivate``) from the gateway to the
services. An id holding ``/`` would become more than one segment once the server
decodes ``%2F`` (uvicorn hands the application the decoded path), and ``..``, ``?``,
``#`` or ``%`` invite the same confusion at some other hop; such an id could reach
another route or another stream than the one it names. So:

- ``well_formed_id`` is the rule: 1 to 200 printable characters, no whitespace, none
  of ``/ \\ ? # %``, and no ``..``. Every id the platform makes (``actor-3f2a...``)
  meets it; an id a client chooses (a follow-up's) must meet it when it is made.
- ``SegmentsStayWhole`` (ASGI middleware) routes on the path as it was sent: an
  encoded ``/`` or ``\\`` stays ``%2F`` / ``%5C`` inside its segment, so the request
  reaches the route its segments name and nothing else;
- ``path_ids_well_formed`` (a FastAPI dependency of a service's routers) then
  refuses, with 422 naming the field (``actorId``), any path id that is not well
  formed, before anything is read or written.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from trygnet_core.auth import CurrentPrincipal
from trygnet_core.checks import camel
from trygnet_core.errors import BadUserInput

ID_MAX = 200
_FORBIDDEN = frozenset("/\\?#%")


def well_formed_id(value: str, *, field: str) -> str:
    """``value`` if it is a well-formed id, else ``BadUserInput`` naming ``field``
    (never quoting the value: a client may have put anything in it)."""
    if (
        not value
        or len(value) > ID_MAX
        or ".." in value
        or any(c in _FORBIDDEN or c.isspace() or not c.isprintable() for c in value)
    ):
        raise BadUserInput(
            f"{field} is not a well-formed id (1 to {ID_MAX} characters, no spaces, "
            "none of / \\ ? # % and no ..)",
            field=field,
        )
    return value


async def path_ids_well_formed(request: Request, _caller: CurrentPrincipal) -> None:
    """Refuse a request whose path names an id that is not well formed (once the caller
    is known: a request without a valid token is 401 whatever its path)."""
    for name, value in request.path_params.items():
        well_formed_id(str(value), field=camel(name))


class SegmentsStayWhole:
    """Route on the path's segments as sent: ``%2F`` and ``%5C`` are not decoded."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path") if scope["type"] in ("http", "websocket") else None
        if raw:
            path = raw.split(b"?", 1)[0]
            scope = {**scope, "path": "/".join(_decoded(segment) for segment in path.split(b"/"))}
        await self.app(scope, receive, send)


def _decoded(segment: bytes) -> str:
    kept = re.sub(rb"%(2[fF]|5[cC])", lambda m: b"%25" + m.group(1).upper(), segment)
    return unquote_to_bytes(kept).decode("utf-8", errors="replace")
