"""The gateway's app: GraphQL at ``/graphql`` (HTTP and graphql-transport-ws), health at
``/healthz`` and ``/readyz``, GraphiQL only in development (its scripts at
``/graphiql/``)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, WebSocket
from fastapi.responses import HTMLResponse, JSONResponse, Response
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from trygnet_core.app import create_service_app
from trygnet_core.components import Component
from trygnet_core.paging import Cursors, cursor_key
from trygnet_core.remembered_tokens import RememberedTokens
from trygnet_core.request_limits import Refusal
from trygnet_gateway.budgets import Budgets
from trygnet_gateway.clients import Services
from trygnet_gateway.context import Context
from trygnet_gateway.graphiql import local_page, serve_assets
from trygnet_gateway.hub import IncidentHub
from trygnet_gateway.request_errors import CodedRouter
from trygnet_gateway.schema import build_schema
from trygnet_gateway.settings import Settings


def _bearer(value: str | None) -> str | None:
    if value and value[:7].lower() == "bearer ":
        return value[7:].strip() or None
    return None


def _refused(refusal: Refusal) -> Response:
    """A request refused by its limits, answered as GraphQL: ``extensions.code``."""
    error = {
        "message": refusal.detail,
        "extensions": {"code": refusal.code, "field": refusal.field},
    }
    headers = {"Connection": "close"} if refusal.close else None
    return JSONResponse({"errors": [error]}, refusal.status, headers)


def create_app(
    settings: Settings | None = None,
    *,
    components: list[Component] | None = None,
) -> FastAPI:
    settings = settings or Settings.from_env()
    services = Services(
        settings.services, timeout=settings.timeout, connect_timeout=settings.connect_timeout
    )
    verifier = RememberedTokens(settings.auth, kept=settings.limits.buckets_kept)
    schema = build_schema(settings.limits, Budgets(settings.limits))
    extra: list[Component] = list(components or [])
    hub = (
        IncidentHub(settings.bootstrap_servers, settings.incidents_topic)
        if (settings.bootstrap_servers)
        else None
    )
    if hub is not None:
        extra.append(hub)

    async def context(request: Request = None, websocket: WebSocket = None) -> Context:  # type: ignore[assignment]
        connection: Any = request if request is not None else websocket
        token = _bearer(connection.headers.get("authorization"))
        made = Context(services=services, verifier=verifier, limits=settings.limits, token=token)
        made.app_state = connection.app.state
        return made

    router = _Router(
        schema,
        context_getter=context,
        graphql_ide="graphiql" if settings.dev_mode else None,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
    )

    async def close_clients() -> None:
        await services.close()

    app = create_service_app(
        service="gateway",
        components=extra,
        token_verifier=verifier,
        on_shutdown=[close_clients],
        limits=settings.requests,
        refusals=_refused,
    )
    app.state.services = services
    app.state.hub = hub
    # Signs the live subscriptions' cursors (``subscription_cursor``) with the key every
    # gateway and service shares, so a client resumes on any gateway.
    app.state.cursors = (
        Cursors(cursor_key(settings.auth.dev_secret, dev_mode=settings.auth.dev_mode))
        if hub is not None
        else None
    )
    app.state.settings = settings
    app.include_router(router, prefix="/graphql")
    if settings.dev_mode:
        serve_assets(app)
    return app


class _Router(CodedRouter):
    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """GraphiQL with its scripts from the gateway (``trygnet_gateway.graphiql``)."""
        return HTMLResponse(local_page())
