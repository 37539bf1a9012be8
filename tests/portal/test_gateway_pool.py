"""The portal's connections to the gateway: an idle one is dropped before the gateway
would close it (its keep-alive, 5 s), so no call goes out on a connection being closed
(the page's part would say the gateway is unavailable)."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from tests.support.serve import serving
from trygnet_core.request_limits import RequestLimits
from trygnet_portal.app import _pool
from trygnet_portal.settings import Settings


async def _port(request: Request) -> PlainTextResponse:
    assert request.client is not None
    return PlainTextResponse(str(request.client.port))


async def test_an_idle_connection_to_the_gateway_is_dropped_before_the_gateway_drops_it() -> None:
    assert Settings().idle_seconds < RequestLimits.for_gateway().keep_alive_seconds
    settings = Settings.from_env({"TRYGNET_PORTAL_IDLE_SECONDS": "0.3"})
    async with serving(Starlette(routes=[Route("/", _port)])) as url, _pool(settings) as pool:
        first = (await pool.get(url)).text
        assert (await pool.get(url)).text == first  # kept while in use
        await asyncio.sleep(0.6)
        assert (await pool.get(url)).text != first  # idle past 0.3 s: a new connection
