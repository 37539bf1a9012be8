"""OpenID Connect sign-in (production): the authorization code flow with PKCE (S256)
against the municipality's identity provider, found by its discovery document.

authlib does the protocol: the state, the PKCE verifier and the nonce are kept in the
person's server-side session (``Session.sign_in_state``, given to authlib as
``request.session``), the callback must bring the same state back, the code is
exchanged with the verifier and the ID token is checked against the provider's keys
and the nonce. The access token it hands back is what the portal sends to the
gateway, which verifies it itself."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import httpx
from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import Request
from joserfc.errors import JoseError
from starlette.responses import Response

from trygnet_portal.settings import OidcSettings
from trygnet_portal.web import Portal

log = logging.getLogger(__name__)
_NEXT = "trygnet_next"


@cache
def _provider(settings: OidcSettings) -> Any:
    oauth = OAuth()
    return oauth.register(
        name="municipality",
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        server_metadata_url=f"{settings.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": settings.scope, "code_challenge_method": "S256"},
    )


def _with_session(request: Request, portal: Portal) -> dict[str, Any]:
    state = portal.session(request).sign_in_state
    request.scope["session"] = state
    return state


async def start(request: Request, portal: Portal, next_path: str) -> Response:
    """Redirect to the provider's authorization endpoint."""
    settings = portal.settings.oidc
    assert settings is not None
    state = _with_session(request, portal)
    state[_NEXT] = next_path
    redirect = settings.redirect_url or str(request.url_for("callback"))
    response: Response = await _provider(settings).authorize_redirect(request, redirect)
    return response


async def finish(request: Request, portal: Portal) -> tuple[str, str] | None:
    """The access token and where to go next, or None when the provider or the checks
    refused (the reason is logged, never the token)."""
    settings = portal.settings.oidc
    assert settings is not None
    state = _with_session(request, portal)
    try:
        token = await _provider(settings).authorize_access_token(request)
    except OAuthError as refused:
        log.warning("sign-in refused by the provider", extra={"error": refused.error})
        return None
    except JoseError as refused:
        log.warning("the provider's ID token was refused", extra={"error": refused.error})
        return None
    except httpx.HTTPError as failure:
        log.warning("the provider could not be reached: %s", type(failure).__name__)
        return None
    access = token.get("access_token")
    next_path = str(state.pop(_NEXT, "/"))
    return (access, next_path) if isinstance(access, str) else None
