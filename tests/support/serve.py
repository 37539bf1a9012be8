"""Serve an app over real HTTP (uvicorn on a free local port) for the length of a test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn

from trygnet_core.broker import free_port


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """The app's base URL while uvicorn serves it; its lifespan runs as in production."""
    port = free_port()
    # As in production (``serving.server_config``), shutdown does not wait without end for
    # a connection a test left open (a subscription's WebSocket): it is closed after 5 s.
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(500):
            if server.started or task.done():
                break
            await asyncio.sleep(0.01)
        if not server.started:
            await task  # raises what stopped it
            raise RuntimeError("uvicorn did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
