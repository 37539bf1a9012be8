"""The gateway and the portal on one origin, as ``make run`` serves them: the gateway's
app keeps ``/graphql`` and its health routes, and the portal is mounted at ``/`` for
everything else. The portal still asks ``/graphql`` over HTTP with each person's token
(``TRYGNET_PORTAL_GRAPHQL_URL``), as any other portal would: sharing the process
saves one process and one port, and gives the browser one origin (the session cookie
and the pages are the portal's, the API the gateway's), without a reverse proxy."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from trygnet_gateway.app import create_app as gateway_app
from trygnet_portal.app import create_app as portal_app


def create_app() -> FastAPI:
    gateway = gateway_app()
    portal = portal_app()
    serving = gateway.router.lifespan_context
    portal_lifespan = portal.router.lifespan_context

    @asynccontextmanager
    async def both(app: FastAPI) -> AsyncIterator[Any]:
        async with serving(app) as state, portal_lifespan(portal):
            yield state

    gateway.router.lifespan_context = both
    gateway.mount("/", portal)
    return gateway
