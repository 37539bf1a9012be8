"""Calls from the gateway to the services over HTTP, with the caller's own token.

The gateway never widens what a caller may do: it forwards the caller's bearer token,
and each service verifies it and applies its own rules. A service's problem+json
answer becomes the same typed error here (``NOT_FOUND`` stays ``NOT_FOUND``, a
``BAD_USER_INPUT`` keeps its field); a service that is down, slow or failing becomes
``UNAVAILABLE``, never its stack trace. The W3C trace context goes with every call,
so the service's span is a child of the gateway's.

Ids go into paths through ``segment``: a well-formed id (``trygnet_core.path_ids``),
quoted, so it is one path segment and reaches only the route it names; ``call``
refuses a path with a segment that would not stay one (``..``, an encoded ``/``).
"""

from __future__ import annotations

import json as json_module
import logging
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any, TypedDict, Unpack
from urllib.parse import quote, urlencode

import aiohttp
from yarl import URL

from trygnet_core.errors import BY_CODE, BadUserInput, TrygnetError, Unavailable
from trygnet_core.json_text import loads
from trygnet_core.path_ids import well_formed_id
from trygnet_core.telemetry import trace_context

log = logging.getLogger(__name__)

Params = Mapping[str, Any] | list[tuple[str, Any]] | None


class Sent(TypedDict, total=False):
    """What a call sends beside its method and path (each left out: nothing), and the
    error statuses it takes as answers (``Services.call``, ``Context.call``)."""

    json: Any
    params: Params
    headers: Mapping[str, str] | None
    content: bytes | None
    answers: tuple[int, ...]


CONNECTIONS_PER_SERVICE = 100
"""Kept open to each service (a connection closed after a burst would be a new TCP
handshake, on both sides, at the next one)."""


IDLE_SECONDS = 4.0
"""An idle connection is closed by the gateway after this long, before the service's
uvicorn closes it (after 5 s): a call sent on a connection the service is closing at
that moment would fail."""


QUERY_STRING_MAX = 8 * 1024
"""Longest query string the gateway sends: a service takes 16 KiB of request line and
headers together (``RequestLimits.max_header_bytes``), the caller's token and the trace
context among them. A longer one (an id of 200,000 characters, a hundred long ids in
one batch) is the caller's ``BAD_USER_INPUT``, not a service's refusal answered as
``UNAVAILABLE``."""

_NOT_ONE_SEGMENT = re.compile(r"(^|/)\.{1,2}(/|$)|%2F|%5C|%2E%2E", re.IGNORECASE)


def segment(value: str, *, field: str) -> str:
    """``value`` as one path segment: a well-formed id, quoted; else ``BAD_USER_INPUT``
    naming ``field``."""
    return quote(well_formed_id(value, field=field), safe="")


class Services:
    """One HTTP client per service; ``calls`` counts the calls made (per service).

    The clients are aiohttp's: under load a call through httpx cost the gateway more
    CPU than everything else it does for a mutation (its pool looks at every kept
    connection on each request), and aiohttp's C parser and pool cost a fraction.
    """

    def __init__(
        self, urls: Mapping[str, str], *, timeout: float = 10.0, connect_timeout: float = 2.0
    ) -> None:
        self._urls = {name: url.rstrip("/") for name, url in urls.items()}
        # Set on purpose, each: ``total`` bounds a whole call (waiting for a free pooled
        # connection under load, connecting, sending, reading the answer);
        # ``sock_connect`` a new connection's handshake (a service whose host is gone
        # answers nothing); ``sock_read`` a silence while the answer is read. A call
        # past any of them is ``UNAVAILABLE``, within ``timeout`` seconds at most.
        self._timeout = aiohttp.ClientTimeout(
            total=timeout, sock_connect=connect_timeout, sock_read=timeout
        )
        self._sessions: dict[str, aiohttp.ClientSession] = {}
        self.calls: Counter[str] = Counter()

    def _session(self, service: str) -> aiohttp.ClientSession:
        """The service's session, made in the running event loop at its first call."""
        session = self._sessions.get(service)
        if session is None or session.closed:
            session = self._sessions[service] = aiohttp.ClientSession(
                timeout=self._timeout,
                connector=aiohttp.TCPConnector(
                    limit=CONNECTIONS_PER_SERVICE, keepalive_timeout=IDLE_SECONDS
                ),
                json_serialize=_compact,
                auto_decompress=False,
            )
        return session

    async def close(self) -> None:
        for session in self._sessions.values():
            await session.close()
        self._sessions.clear()

    async def call(
        self,
        service: str,
        method: str,
        path: str,
        *,
        token: str,
        **sent: Unpack[Sent],
    ) -> Any:
        """The service's JSON answer, or the typed error it answered; a status in
        ``answers`` is an answer too (an import's 422 carries the report of bad rows)."""
        json, content = sent.get("json"), sent.get("content")
        if _NOT_ONE_SEGMENT.search(path):  # an id that did not go through ``segment``
            raise BadUserInput("an id must be one path segment", field="id")
        query = _query(sent.get("params"))
        if query and len(urlencode(query)) > QUERY_STRING_MAX:
            longest = max(query, key=lambda pair: len(pair[1]))[0]
            raise BadUserInput(f"{longest} is too long to look up", field=longest)
        url = URL(self._urls[service] + path, encoded=True)  # the ids in it are quoted
        given = sent.get("headers") or {}
        headers = {"Authorization": f"Bearer {token}", **trace_context(), **given}
        self.calls[service] += 1
        try:
            async with self._session(service).request(
                method,
                url,
                json=json if content is None else None,
                data=content,
                params=query,
                headers=headers,
                allow_redirects=False,
            ) as response:
                status = response.status
                kind = response.headers.get("content-type", "")
                answer = await response.read()
        except (aiohttp.ClientError, TimeoutError) as error:
            log.warning(
                "service call failed", extra={"service": service, "error": type(error).__name__}
            )
            raise Unavailable(f"the {service} service is not answering") from None
        if 300 <= status < 400 or (status >= 500 and status != 504):
            raise Unavailable(f"the {service} service failed to answer")
        problem = kind.startswith("application/problem+json")
        if status >= 400 and (problem or status not in sent.get("answers", ())):
            raise _error(service, status, answer)
        return loads(answer) if answer else None  # orjson where it reads the same


def _compact(value: Any) -> str:
    return json_module.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _query(params: Params) -> list[tuple[str, str]] | None:
    """Query parameters as text, the way the services read them: a list value repeats
    its name, ``True``/``False`` are ``true``/``false``, ``None`` is empty."""
    if params is None:
        return None
    pairs = params.items() if isinstance(params, Mapping) else params
    flat: list[tuple[str, str]] = []
    for name, value in pairs:
        for one in value if isinstance(value, list | tuple) else [value]:
            flat.append((name, _text(one)))
    return flat


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _error(service: str, status: int, answer: bytes) -> TrygnetError:
    try:
        problem = json_module.loads(answer)
    except ValueError:
        problem = {}
    if not isinstance(problem, dict):
        problem = {}
    kind = BY_CODE.get(str(problem.get("code")), None)
    if kind is None or kind is TrygnetError:
        return Unavailable(f"the {service} service answered {status}")
    return kind(str(problem.get("detail") or kind.title), field=problem.get("field"))
