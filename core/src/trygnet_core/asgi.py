"""The base of the kernel's ASGI middlewares: each sees HTTP requests only.

Lifespan and WebSocket scopes pass straight through to the wrapped app; a subclass
writes ``handle`` for an HTTP request and nothing else.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class HttpMiddleware:
    """An ASGI middleware whose ``handle`` runs for HTTP requests; other scopes pass by."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError
