"""What every page handler uses: the person's session (through its cookie), the
templates with the person's words, checked forms, and the signed-in guard.

A page handler is a few lines: take ``Person`` (signed in, or sent to sign in),
``ask`` the gateway for each part, ``render`` the template. See ``pages/gaps.py``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import KW_ONLY, dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Annotated, Any, TypedDict, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response
from starlette.types import Message, Receive, Scope, Send

from trygnet_portal.client.gateway import Gateway
from trygnet_portal.forms import Reader, Refused, submitted
from trygnet_portal.gateway import NotFound, gateway_for
from trygnet_portal.i18n import LANGUAGE_NAMES, LANGUAGES, Words, chosen
from trygnet_portal.live import LiveStreams
from trygnet_portal.security import HttpMiddleware, same_csrf
from trygnet_portal.sessions import COOKIE, Identity, Session, SessionStore
from trygnet_portal.settings import Settings

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(eq=False)
class SessionCookies(HttpMiddleware):
    """Finds the request's session by its cookie (``request.state.session``, None when
    there is none) and, when the answer starts, sets the cookie to the session the
    handler ended with: a new one, a signed-in one (new id), or none (signed out)."""

    _: KW_ONLY
    store: SessionStore

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        cookie = _cookie(scope)
        state = scope.setdefault("state", {})
        found = self.store.get(cookie)
        state["session"] = found
        secure = scope.get("scheme") == "https"

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                session: Session | None = state.get("session")
                value = session.id if session else None
                if value != cookie and (value or cookie):
                    header = _set_cookie(value, secure=secure)
                    message.setdefault("headers", []).append((b"set-cookie", header))
            await send(message)

        await self.app(scope, receive, with_cookie)


def _cookie(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"cookie":
            morsel = SimpleCookie(value.decode("latin-1")).get(COOKIE)
            if morsel is not None:
                return morsel.value
    return None


def _set_cookie(value: str | None, *, secure: bool) -> bytes:
    parts = [f"{COOKIE}={value or ''}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if value is None:
        parts.append("Max-Age=0")
    if secure:
        parts.append("Secure")
    return "; ".join(parts).encode("latin-1")


def _accepted_language(request: Request, default: str) -> str:
    for item in request.headers.get("accept-language", "").split(","):
        language = item.split(";")[0].strip().lower()[:2]
        if language in LANGUAGES:
            return language
    return default


@dataclass(frozen=True)
class Portal:
    """What the app holds for every request: settings, the sessions, the templates,
    the pool of connections to the gateway and the count of live streams."""

    settings: Settings
    store: SessionStore
    templates: Jinja2Templates
    http: httpx.AsyncClient
    live: LiveStreams

    def session(self, request: Request) -> Session:
        """The request's session, made (anonymous) if it has none yet."""
        session: Session | None = request.state.session
        if session is None:
            language = _accepted_language(request, self.settings.default_language)
            session = self.store.new(language)
            request.state.session = session
        return session

    def words(self, session: Session) -> Words:
        return Words(chosen(session.language, "da"), ZoneInfo(self.settings.time_zone))

    def render(
        self, request: Request, template: str, status_code: int = 200, **context: Any
    ) -> Response:
        session = self.session(request)
        words = self.words(session)
        page = {
            "t": words,
            "csrf": session.csrf,
            "identity": session.identity,
            "languages": LANGUAGE_NAMES,
            "path": request.url.path,
            "here": _here(request),
            "dev_mode": self.settings.dev_mode,
            **context,
        }
        response = self.templates.TemplateResponse(request, template, page, status_code=status_code)
        response.headers["content-language"] = words.language
        return response

    def render_form(
        self,
        request: Request,
        template: str,
        *,
        refused: Refused | None = None,
        given: dict[str, list[str]] | None = None,
        **context: Any,
    ) -> Response:
        """A page with forms: 422 when one was refused, with why and what the person gave
        (a ``Refusal``), so the form shows again as it was sent."""
        status_code = 422 if refused else 200
        return self.render(
            request, template, status_code=status_code, refused=refused, given=given, **context
        )

    def render_page(
        self,
        request: Request,
        page: str,
        *,
        target: str = "results",
        part: str | None = None,
        **context: Any,
    ) -> Response:
        """``<page>.html``, or only the part htmx asks for when a filter changes (the
        element ``HX-Target`` names: ``part``, by default ``<page>_<target>.html``)."""
        partial = request.headers.get("hx-target") == target
        template = (part or f"{page}_{target}.html") if partial else f"{page}.html"
        return self.render(request, template, **context)

    async def form(self, request: Request) -> FormData | None:
        """The request's form if its CSRF token is the session's, else None."""
        form = await request.form()
        session = self.session(request)
        return form if same_csrf(session.csrf, form.get("csrf")) else None

    async def checked_form(self, request: Request) -> FormData:
        """The request's form; 403 (and nothing done) without the session's CSRF token."""
        form = await self.form(request)
        if form is None:
            raise HTTPException(status_code=403)
        return form


T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class Refusal(TypedDict, total=False):
    """A refused form, for its page to show again: why, and what the person gave."""

    refused: Refused
    given: dict[str, list[str]]


async def posted(
    request: Request,
    portal: Portal,
    person: Person,
    model: type[M],
    read: Callable[[Reader], dict[str, Any]],
    mutation: Callable[[M], Awaitable[T]],
    *,
    again: Callable[..., Awaitable[Response]],
    then: Callable[[T], str],
) -> Response:
    """A page's form written: read into the API's input (``read``), sent (``mutation``),
    and on to ``then(answer)``; refused, nothing is written and the page is shown
    ``again(refused=..., given=...)``: why, and what the person gave."""
    reader = Reader(await portal.checked_form(request), person.words.zone)
    answer = await submitted(reader, model, read(reader), mutation)
    if isinstance(answer, Refused):
        return await again(refused=answer, given=reader.values())
    return RedirectResponse(then(answer), status_code=303)


def _here(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{request.url.path}{query}"


def portal_of(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


@dataclass(frozen=True)
class Person:
    """The signed-in person of a page request, with their gateway client."""

    session: Session
    identity: Identity
    gateway: Gateway
    words: Words


class SignInFirst(Exception):
    """The page needs a signed-in person; ``next`` is where to come back."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path

    def location(self) -> str:
        return f"/sign-in?next={quote(self.next_path, safe='/')}"


def signed_in(request: Request) -> Person:
    """Anyone signed in (the overview sends a national body on to its own pages)."""
    portal = portal_of(request)
    session = portal.session(request)
    if not session.signed_in or session.token is None or session.identity is None:
        raise SignInFirst(_here(request))
    gateway = gateway_for(portal.http, portal.settings.graphql_url, session.token)
    return Person(session, session.identity, gateway, portal.words(session))


def of_municipality(request: Request) -> Person:
    """A person of a municipality: a national body sees only the national pages, and
    any other is the page not found for it, as it is for the API."""
    person = signed_in(request)
    if person.identity.role == "national":
        raise NotFound
    return person


def national(request: Request) -> Person:
    """A national body: the national pages are the page not found for anyone else."""
    person = signed_in(request)
    if person.identity.role != "national":
        raise NotFound
    return person


SignedIn = Annotated[Person, Depends(of_municipality)]
National = Annotated[Person, Depends(national)]
PortalDep = Annotated[Portal, Depends(portal_of)]
