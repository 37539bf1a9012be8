"""The FastAPI app factory every Trygnet service is built with.

One place decides how a service starts and stops its components, answers
health probes, turns errors into RFC 9457 problem details, tags each request
with a correlation id and writes one access log line per request — so the
services only add their routes. Building the app does no I/O; connecting,
starting components and configuring telemetry happen in the lifespan.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from opentelemetry import trace
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trygnet_core import errors
from trygnet_core.asgi import HttpMiddleware
from trygnet_core.auth import AuthSettings, TokenVerifier, www_authenticate
from trygnet_core.components import Component
from trygnet_core.database import read_only
from trygnet_core.database_unreachable import RETRY_AFTER_SECONDS, database_unreachable
from trygnet_core.errors import TrygnetError
from trygnet_core.request_limits import LimitRequests, Refusal, Refusals, RequestLimits
from trygnet_core.telemetry import (
    TraceContextMiddleware,
    configure_logging,
    current_correlation_id,
    log_context,
    setup_telemetry,
)

log = logging.getLogger(__name__)
access_log = logging.getLogger("trygnet.access")

Hook = Callable[[], Awaitable[None]]

PROBLEM_TYPE_BASE: Final = "https://trygnet.dk/problems/"
_SANE_CORRELATION_ID: Final = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_READINESS_TIMEOUT_SECONDS: Final = 2.0
YOUNG_COLLECTION_EVERY: Final = 10_000
"""Allocations between two collections of the youngest objects (Python's default: 700)."""
_REQUEST_LOCATIONS: Final = frozenset({"body", "query", "path", "header", "cookie"})
# The platform's own codes for the statuses its errors use; others get the status's name.
_CODES_BY_STATUS: Final = {
    error.status: error.code
    for error in TrygnetError.__subclasses__()
    if error.__module__ == errors.__name__  # the platform's own, not a service's refinements
}


def problem(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    field: str | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """An RFC 9457 problem+json response, the only error shape a service returns."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code.lower().replace("_", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "correlation_id": current_correlation_id(),
    }
    if field:
        body["field"] = field
    body.update(extra or {})
    return JSONResponse(body, status, headers, media_type="application/problem+json")


def problem_of(error: TrygnetError, headers: dict[str, str] | None = None) -> JSONResponse:
    """A platform error as problem+json: its status, code and title, its detail and field."""
    return problem(
        status=error.status,
        code=error.code,
        title=error.title,
        detail=error.detail,
        field=error.field,
        headers=headers,
    )


def refused(refusal: Refusal) -> Response:
    """A request refused by its limits (``trygnet_core.request_limits``), as problem+json."""
    headers = {"Connection": "close"} if refusal.close else None
    return problem(
        status=refusal.status,
        code=refusal.code,
        title=HTTPStatus(refusal.status).phrase,
        detail=refusal.detail,
        field=refusal.field,
        headers=headers,
    )


def _internal_error() -> JSONResponse:
    return problem(status=500, code="INTERNAL", title="Internal error", detail="internal error")


def _database_unavailable() -> JSONResponse:
    return problem(
        status=503,
        code="UNAVAILABLE",
        title="Unavailable",
        detail="the service's database cannot be reached; retry shortly",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _on_trygnet_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TrygnetError)
    if exc.status >= 500:
        log.error("request failed", extra={"code": exc.code})
    headers = {"WWW-Authenticate": www_authenticate(exc.detail)} if exc.status == 401 else None
    return problem_of(exc, headers)


def _field_name(location: Sequence[Any]) -> str:
    parts = list(location)
    if parts and parts[0] in _REQUEST_LOCATIONS:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "body"


def _problem_text(error: dict[str, Any]) -> str:
    """Pydantic's message, unless a custom validator put the rejected value into it."""
    message = str(error.get("msg", "invalid value"))
    value = error.get("input")
    if isinstance(value, str) and len(value) > 1 and value in message:
        return "invalid value"
    return message


async def _on_validation_error(_request: Request, exc: Exception) -> Response:
    # The rejected values are left out on purpose: they may be personal data.
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"field": _field_name(error.get("loc", ())), "problem": _problem_text(error)}
        for error in exc.errors()
    ]
    fields = list(dict.fromkeys(entry["field"] for entry in problems))
    return problem(
        status=422,
        code="BAD_USER_INPUT",
        title="Bad input",
        detail=f"invalid input: {', '.join(fields)}",
        field=fields[0] if fields else None,
        extra={"errors": problems},
    )


async def _on_http_exception(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = HTTPStatus(exc.status_code)
    code = _CODES_BY_STATUS.get(status, "INTERNAL" if status >= 500 else status.name)
    headers = dict(exc.headers or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", www_authenticate(str(exc.detail)))
    return problem(
        status=status, code=code, title=status.phrase, detail=str(exc.detail), headers=headers
    )


def _correlation_id(scope: Scope) -> str:
    """The caller's correlation id when it is a sane token, else a new one."""
    for name, value in scope.get("headers", ()):
        if name.lower() == b"x-correlation-id":
            candidate = str(value.decode("latin-1"))
            if _SANE_CORRELATION_ID.fullmatch(candidate):
                return candidate
    return str(uuid.uuid4())


class RequestContextMiddleware(HttpMiddleware):
    """Correlation id in and out, one access log line, and the last word on unhandled errors.

    Unhandled exceptions are answered here rather than by Starlette's outermost
    error middleware, which runs after this one has returned and could no
    longer add the correlation id to the response or the log line.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        correlation_id = _correlation_id(scope)
        # The tenant starts unknown; the principal binds it once authenticated.
        with log_context(tenant=None, correlation_id=correlation_id):
            await self._handle(scope, receive, send, correlation_id=correlation_id)

    async def _handle(
        self, scope: Scope, receive: Receive, send: Send, *, correlation_id: str
    ) -> None:
        status = 500
        response_started = False

        async def send_with_correlation_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = [
                    (name, value)
                    for name, value in message.get("headers", ())
                    if name.lower() != b"x-correlation-id"
                ]
                headers.append((b"x-correlation-id", correlation_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        began = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_correlation_id)
        except Exception as error:
            span = trace.get_current_span()
            span.record_exception(error)
            span.set_status(trace.StatusCode.ERROR, type(error).__name__)
            if database_unreachable(error):
                log.warning("database unreachable", extra={"error": type(error).__name__})
                if response_started:
                    raise
                await _database_unavailable()(scope, receive, send_with_correlation_id)
                return
            log.exception("unhandled error")
            if response_started:
                raise
            await _internal_error()(scope, receive, send_with_correlation_id)
        finally:
            route = scope.get("route")
            access_log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": getattr(route, "path", "<unmatched>"),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - began) * 1000, 2),
                },
            )


async def _database_check(engine: AsyncEngine) -> dict[str, Any]:
    try:
        async with asyncio.timeout(_READINESS_TIMEOUT_SECONDS), read_only(engine) as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        log.warning("database not ready", extra={"error": type(error).__name__})
        return {"name": "database", "ok": False, "detail": {"error": type(error).__name__}}
    return {"name": "database", "ok": True, "detail": {}}


def _component_check(component: Component) -> dict[str, Any]:
    try:
        health = component.health()
    except Exception as error:
        log.exception("health check failed", extra={"component": component.name})
        return {"name": component.name, "ok": False, "detail": {"error": type(error).__name__}}
    return {"name": component.name, "ok": health.ok, "detail": jsonable_encoder(health.detail)}


async def _stop(components: Sequence[Component]) -> None:
    """Stop in reverse start order; one component failing to stop must not keep others running."""
    for component in reversed(components):
        try:
            await component.stop()
        except Exception:
            log.exception("component failed to stop", extra={"component": component.name})


def create_service_app(
    *,
    service: str,
    components: Sequence[Component] = (),
    engine: AsyncEngine | None = None,
    token_verifier: TokenVerifier | None = None,
    on_startup: Sequence[Hook] = (),
    on_shutdown: Sequence[Hook] = (),
    middleware: Sequence[Callable[[ASGIApp], ASGIApp]] = (),
    limits: RequestLimits | None = None,
    refusals: Refusals = refused,
) -> FastAPI:
    """A service's app: add routes to it; startup hooks (migrations) run before components.

    ``middleware`` runs inside the request context (its answers carry the correlation
    id and get their access log line), the first given outermost. Every request meets
    ``limits`` (``trygnet_core.request_limits``; the defaults when none are given)
    before that middleware, and a refused one is answered by ``refusals``."""
    limits = limits or RequestLimits()
    components = tuple(components)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(service, os.environ.get("TRYGNET_LOG_LEVEL", "INFO").upper())
        setup_telemetry(service, app=app, engine=engine, components=components)
        started: list[Component] = []
        try:
            for hook in on_startup:
                await hook()
            for component in components:
                await component.start()
                started.append(component)
            log.info("service started", extra={"components": [c.name for c in components]})
            # What startup made (modules, the schema, the app) lives as long as the
            # process: frozen out of the collector's reach, a full collection no longer
            # walks it (one cost the gateway 100 ms or more, every dozen requests).
            gc.collect()
            gc.freeze()
            # A young collection walks the young objects still alive, whatever the
            # threshold: collecting every 700 allocations walked a request's live objects
            # again and again (a twentieth of the gateway's CPU per command).
            gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
            yield
        finally:
            await _stop(started)
            for hook in on_shutdown:
                try:
                    await hook()
                except Exception:
                    log.exception("shutdown hook failed")
            if engine is not None:
                await engine.dispose()
            log.info("service stopped")

    app = FastAPI(title=service, lifespan=lifespan)
    app.state.service = service
    app.state.request_limits = limits  # the server's part of them: trygnet_core.serving
    app.state.refusals = refusals
    app.state.token_verifier = token_verifier or TokenVerifier(AuthSettings.from_env())
    app.add_exception_handler(TrygnetError, _on_trygnet_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_exception)
    for inner in reversed(middleware):
        app.add_middleware(inner)
    app.add_middleware(LimitRequests, limits=limits, refusals=refusals)
    app.add_middleware(RequestContextMiddleware)
    # Outermost, so the access and error log lines carry the caller's trace id.
    app.add_middleware(TraceContextMiddleware)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        checks = [await _database_check(engine)] if engine is not None else []
        checks += [_component_check(component) for component in components]
        ready = all(check["ok"] for check in checks)
        body = {"status": "ready" if ready else "unavailable", "checks": checks}
        return JSONResponse(body, 200 if ready else 503)

    return app
