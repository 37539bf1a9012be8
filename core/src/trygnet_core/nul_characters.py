"""The NUL character (U+0000) is refused at the door of every service that stores what
it is sent.

PostgreSQL's text cannot hold it: a name, an id or a filter with one made the database
raise, and the caller got a 500 where SQLite stored it and answered 201 (the REST
fuzzing's finding). So a service refuses it wherever a request can carry it — the
path, the query string, a JSON body — with 422 ``BAD_USER_INPUT`` before any route runs,
and both backends answer alike. A raw NUL byte in a JSON body is no JSON anyway (the
routes refuse it); only the ``\\u0000`` escape needs looking for.
"""

from __future__ import annotations

import json
from typing import Any, Final

from starlette.types import Receive, Scope, Send

from trygnet_core.app import problem_of
from trygnet_core.asgi import HttpMiddleware
from trygnet_core.errors import BadUserInput
from trygnet_core.request_limits import read_as_json, whole_body

_NUL: Final = "\x00"
_JSON_ESCAPE: Final = b"\\u0000"


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return _NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _in_url(scope: Scope) -> str | None:
    if _NUL in scope.get("path", ""):
        return "path"
    query: bytes = scope.get("query_string", b"")
    if b"\x00" in query or b"%00" in query:
        return "query"
    return None


class RefuseNulCharacters(HttpMiddleware):
    """An ASGI middleware: 422 for a request whose path, query or JSON body holds U+0000."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        where = _in_url(scope)
        if where is None and read_as_json(scope):
            body, receive = await whole_body(receive)
            if _JSON_ESCAPE in body and _json_holds_nul(body):
                where = "body"
        if where is None:
            await self.app(scope, receive, send)
            return
        refusal = problem_of(
            BadUserInput(
                f"the {where} holds the NUL character (U+0000), which Trygnet does not store",
                field=where,
            )
        )
        await refusal(scope, receive, send)


def _json_holds_nul(body: bytes) -> bool:
    try:
        return _holds_nul(json.loads(body))
    except (ValueError, RecursionError):
        return False  # not JSON (or deeper than the door lets through): the route says so
