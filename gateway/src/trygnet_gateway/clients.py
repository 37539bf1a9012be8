"""Calls from the gateway to the services over HTTP, with the caller's own token.

The gateway never widens what a caller may do: it forwards the caller's bearer token,
and each service verifies it and applies its own rules. A service's problem+json
answer becomes the same typed error here (``NOT_FOUND`` stays ``NOT_FOUND``, a
``BAD_USER_INPUT`` keeps its field); a service that is down, slow or failing becomes
``UNAVAILABLE``, never its stack trace. The W3C trace context goes with every call,
so the service's span is a child of the gateway's.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from typing import Any

import httpx

from trygnet_core.errors import BY_CODE, TrygnetError, Unavailable
from trygnet_core.telemetry import trace_context

log = logging.getLogger(__name__)

Params = Mapping[str, Any] | list[tuple[str, Any]] | None


class Services:
    """One HTTP client per service; ``calls`` counts the calls made (per service)."""

    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        timeout: float = 10.0,
        transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
    ) -> None:
        transports = transports or {}
        self._clients = {
            name: httpx.AsyncClient(
                base_url=url,
                timeout=timeout,
                transport=transports.get(name),
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            )
            for name, url in urls.items()
        }
        self.calls: Counter[str] = Counter()

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()

    async def call(
        self,
        service: str,
        method: str,
        path: str,
        *,
        token: str,
        json: Any = None,
        params: Params = None,
        headers: Mapping[str, str] | None = None,
        content: bytes | None = None,
        answers: tuple[int, ...] = (),
    ) -> Any:
        """The service's JSON answer, or the typed error it answered; a status in
        ``answers`` is an answer too (an import's 422 carries the report of bad rows)."""
        client = self._clients[service]
        sent = {"Authorization": f"Bearer {token}", **trace_context(), **(headers or {})}
        self.calls[service] += 1
        try:
            response = await client.request(
                method, path, json=json, params=params, headers=sent, content=content
            )
        except httpx.HTTPError as error:
            log.warning(
                "service call failed", extra={"service": service, "error": type(error).__name__}
            )
            raise Unavailable(f"the {service} service is not answering") from None
        if 300 <= response.status_code < 400 or (
            response.status_code >= 500 and response.status_code != 504
        ):
            raise Unavailable(f"the {service} service failed to answer")
        problem = response.headers.get("content-type", "").startswith("application/problem+json")
        if response.status_code >= 400 and (problem or response.status_code not in answers):
            raise _error(service, response)
        return response.json() if response.content else None


def _error(service: str, response: httpx.Response) -> TrygnetError:
    try:
        problem = response.json()
    except ValueError:
        problem = {}
    kind = BY_CODE.get(str(problem.get("code")), None)
    if kind is None or kind is TrygnetError:
        return Unavailable(f"the {service} service answered {response.status_code}")
    return kind(str(problem.get("detail") or kind.title), field=problem.get("field"))
