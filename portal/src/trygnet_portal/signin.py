"""Signing in and out, and choosing a language.

Development (``TRYGNET_DEV_MODE``): ``/dev/sign-in?tenant=0101&role=coordinator``
signs in as a demo identity of ``.trygnet/tokens.json`` (``role=national`` too), and
``/sign-in`` lists them. Production: OpenID Connect (``oidc.py``); ``/dev/sign-in``
is not a route there (404). Either way the token is asked ``me`` at the gateway, so
what the portal shows as the person is what the gateway made of their token."""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from trygnet_portal.gateway import Failure, NotFound, SignedOut, ask, gateway_for
from trygnet_portal.i18n import LANGUAGES
from trygnet_portal.security import safe_next
from trygnet_portal.sessions import Identity
from trygnet_portal.web import Portal, PortalDep

log = logging.getLogger(__name__)
router = APIRouter()
dev_router = APIRouter()


def _demo_tokens(portal: Portal) -> dict[tuple[str, str], str]:
    """The token of every demo person ``make run`` wrote, by ``(tenant, role)``;
    ``("", "national")`` for the national body's. The integration clients are machines,
    not people: no one signs in as one."""
    try:
        document: dict[str, Any] = json.loads(portal.settings.dev_tokens.read_text())
    except (OSError, ValueError):
        return {}
    found = {
        (tenant, role): token
        for tenant, roles in document.items()
        if isinstance(roles, dict)
        for role, token in roles.items()
        if role != "integration" and isinstance(token, str)
    }
    national = document.get("national")
    return found | ({("", "national"): national} if isinstance(national, str) else {})


def demo_identities(portal: Portal) -> list[tuple[str, str]]:
    """``(tenant, role)`` of every demo person one may sign in as."""
    return list(_demo_tokens(portal))


def _demo_token(portal: Portal, tenant: str, role: str) -> str | None:
    return _demo_tokens(portal).get(("", role) if role == "national" else (tenant, role))


def _expiry(token: str) -> float | None:
    """The token's ``exp`` (for the session's end; the gateway verifies the token)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, KeyError, TypeError, ValueError):
        return None


async def finish_sign_in(request: Request, portal: Portal, token: str, next_path: str) -> Response:
    """Ask the gateway who ``token`` is, then hold it in a new session."""
    answer = await _identity(portal, token)
    if isinstance(answer, Failure):
        return portal.render(request, "sign_in.html", status_code=503, failure=answer)
    if answer is None:
        return portal.render(request, "sign_in.html", status_code=401, refused=True)
    request.state.session = portal.store.sign_in(
        portal.session(request), token, answer, _expiry(token)
    )
    return RedirectResponse(safe_next(next_path), status_code=303)


async def _identity(portal: Portal, token: str) -> Identity | Failure | None:
    try:
        me = await ask("part.me", gateway_for(portal.http, portal.settings.graphql_url, token).me())
    except (SignedOut, NotFound):
        return None
    if isinstance(me, Failure):
        return me
    who = me.me
    return Identity(who.subject, who.tenant, tuple(who.roles), who.actor_id)


@router.get("/sign-in")
async def sign_in_page(request: Request, portal: PortalDep, next: str = "/") -> Response:
    if portal.settings.dev_mode:
        return portal.render(
            request, "sign_in.html", identities=demo_identities(portal), next=safe_next(next)
        )
    if portal.settings.oidc is not None:
        from trygnet_portal.oidc import start  # only where OpenID Connect is configured

        return await start(request, portal, safe_next(next))
    return portal.render(request, "sign_in.html", status_code=503, unconfigured=True)


@router.get("/auth/callback")
async def callback(request: Request, portal: PortalDep) -> Response:
    if portal.settings.oidc is None:
        raise NotFound
    from trygnet_portal.oidc import finish

    answer = await finish(request, portal)
    if answer is None:
        return portal.render(request, "sign_in.html", status_code=401, refused=True)
    token, next_path = answer
    return await finish_sign_in(request, portal, token, next_path)


@dev_router.get("/dev/sign-in")
async def dev_sign_in(
    request: Request, portal: PortalDep, role: str, tenant: str = "", next: str = "/"
) -> Response:
    token = _demo_token(portal, tenant, role)
    if token is None:
        raise NotFound
    return await finish_sign_in(request, portal, token, next)


@router.post("/sign-out")
async def sign_out(request: Request, portal: PortalDep) -> Response:
    if await portal.form(request) is None:
        return portal.render(request, "error.html", status_code=403, message="error.form")
    portal.store.drop(portal.session(request).id)
    request.state.session = None
    return RedirectResponse("/sign-in", status_code=303)


@router.post("/language")
async def language(request: Request, portal: PortalDep) -> Response:
    form = await portal.form(request)
    if form is None:
        return portal.render(request, "error.html", status_code=403, message="error.form")
    chosen = form.get("language")
    if chosen in LANGUAGES:
        portal.session(request).language = str(chosen)
    return RedirectResponse(safe_next(str(form.get("next") or "/")), status_code=303)
