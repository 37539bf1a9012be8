"""The portal's app factory. Building it does no I/O: the pool of connections to the
gateway opens its first connection on the first page asked for."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from trygnet_portal import signin
from trygnet_portal.gateway import Failure, NotFound, SignedOut
from trygnet_portal.i18n import Words
from trygnet_portal.live import LiveStreams
from trygnet_portal.pages import ROUTERS
from trygnet_portal.security import BodyLimit, SecurityHeaders, StaticCompression
from trygnet_portal.sessions import SessionStore
from trygnet_portal.settings import Settings
from trygnet_portal.web import TEMPLATES, Portal, SessionCookies, SignInFirst, portal_of

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def create_app(
    settings: Settings | None = None, *, http: httpx.AsyncClient | None = None
) -> FastAPI:
    settings = settings or Settings.from_env()
    store = SessionStore(limit=settings.session_limit, idle_seconds=settings.session_idle_seconds)
    templates = Jinja2Templates(
        env=Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            auto_reload=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    )
    templates.env.tests["failure"] = lambda value: isinstance(value, Failure)
    clock = Words(settings.default_language, ZoneInfo(settings.time_zone))
    templates.env.tests["late"] = lambda item: clock.overdue(item.due, item.status)
    templates.env.tests["late_action"] = lambda item: clock.overdue(item.deadline, "OPEN")
    templates.env.filters["options"] = lambda nodes: [(node.id, node.name) for node in nodes]
    pool = http or _pool(settings)
    live = LiveStreams(settings.live_streams_per_person)
    portal = Portal(settings, store, templates, pool, live)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if http is None:
            await pool.aclose()

    app = FastAPI(
        title="Trygnet portal", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.portal = portal
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(signin.router)
    if settings.dev_mode:
        app.include_router(signin.dev_router)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(SessionCookies, store=store)
    app.add_middleware(BodyLimit, max_bytes=settings.max_form_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(StaticCompression)
    _answer_errors(app)
    return app


def _pool(settings: Settings) -> httpx.AsyncClient:
    """The connections to the gateway, shared by everyone's requests: so they keep no
    cookie (one that something in front of the gateway set for one person's answer
    would go with every later person's request); an idle one is closed before the
    gateway would close it (``Settings.idle_seconds``)."""
    no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    limits = httpx.Limits(keepalive_expiry=settings.idle_seconds)
    return httpx.AsyncClient(timeout=settings.timeout, cookies=no_cookies, limits=limits)


def _answer_errors(app: FastAPI) -> None:
    async def sign_in_first(request: Request, failure: Exception) -> Response:
        assert isinstance(failure, SignInFirst)
        return _redirect(request, failure.location())

    async def signed_out(request: Request, _failure: Exception) -> Response:
        portal = portal_of(request)
        portal.store.drop(portal.session(request).id)
        request.state.session = None
        return _redirect(request, SignInFirst(request.url.path).location())

    async def not_found(request: Request, _failure: Exception) -> Response:
        return portal_of(request).render(request, "not_found.html", status_code=404)

    async def http_error(request: Request, failure: Exception) -> Response:
        assert isinstance(failure, HTTPException)
        if failure.status_code == 404:
            return await not_found(request, failure)
        return portal_of(request).render(
            request, "error.html", status_code=failure.status_code, message="error.title"
        )

    async def bad_request(request: Request, _failure: Exception) -> Response:
        return portal_of(request).render(
            request, "error.html", status_code=400, message="error.form"
        )

    app.add_exception_handler(SignInFirst, sign_in_first)
    app.add_exception_handler(SignedOut, signed_out)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_request)


def _redirect(request: Request, location: str) -> Response:
    """A redirect; to htmx, which would swap the sign-in page into a part, a whole-page
    redirect (``HX-Redirect``)."""
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)
