"""Production sign-in: OpenID Connect's authorization code flow with PKCE, against an
identity provider served over real HTTP in the test (discovery, token endpoint, keys).
The provider hands out a token the test platform's gateway accepts, so the whole path
is real: redirect, callback, code exchange with the verifier, ID token checked against
the provider's key and the nonce, ``me`` at the gateway, a new session."""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.gateway.conftest import token
from tests.portal.conftest import PortalFactory
from tests.support.serve import serving
from trygnet_portal.sessions import COOKIE
from trygnet_portal.settings import OidcSettings

CLIENT = "trygnet-portal"


@dataclass
class Provider:
    url: str = ""
    access_token: str = ""
    key: Any = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    exchanges: list[dict[str, str]] = field(default_factory=list)
    challenges: dict[str, str] = field(default_factory=dict)

    def app(self) -> Starlette:
        async def discovery(_request: Request) -> JSONResponse:
            return JSONResponse(
                {
                    "issuer": self.url,
                    "authorization_endpoint": f"{self.url}/authorize",
                    "token_endpoint": f"{self.url}/token",
                    "jwks_uri": f"{self.url}/keys",
                    "response_types_supported": ["code"],
                    "code_challenge_methods_supported": ["S256"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                }
            )

        async def keys(_request: Request) -> JSONResponse:
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            return JSONResponse({"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]})

        async def exchange(request: Request) -> JSONResponse:
            form = {k: str(v) for k, v in (await request.form()).items()}
            self.exchanges.append(form)
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if self.challenges.get(form.get("code", "")) != challenge:
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            nonce = self.challenges[f"nonce:{form['code']}"]
            now = int(time.time())
            id_token = jwt.encode(
                {
                    "iss": self.url,
                    "aud": CLIENT,
                    "sub": "anne",
                    "iat": now,
                    "exp": now + 300,
                    "nonce": nonce,
                },
                self.key,
                algorithm="RS256",
                headers={"kid": "k1"},
            )
            return JSONResponse(
                {
                    "access_token": self.access_token,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": id_token,
                }
            )

        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", discovery),
                Route("/keys", keys),
                Route("/token", exchange, methods=["POST"]),
            ]
        )


@pytest.fixture
async def provider() -> AsyncIterator[Provider]:
    made = Provider()
    async with serving(made.app()) as url:
        made.url = url
        yield made


async def test_sign_in_is_the_code_flow_with_pkce_and_lands_on_the_asked_page(
    portal_for: PortalFactory, provider: Provider
) -> None:
    oidc = OidcSettings(issuer=provider.url, client_id=CLIENT)
    async with portal_for(dev_mode=False, oidc=oidc) as portal, portal.client() as browser:
        provider.access_token = token(portal.tenants[0], "coordinator")
        asked = await browser.get("/network")
        assert asked.headers["location"] == "/sign-in?next=/network"
        redirect = await browser.get(asked.headers["location"])
        assert redirect.status_code == 302
        target = urlsplit(redirect.headers["location"])
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.url}/authorize"
        assert query["response_type"] == "code" and query["client_id"] == CLIENT
        assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
        assert query["redirect_uri"] == f"{portal.url}/auth/callback"
        assert query["state"] and query["nonce"]
        assert query["state"] not in str(browser.cookies.get(COOKIE)), "state kept server-side"

        provider.challenges["c0de"] = query["code_challenge"]
        provider.challenges["nonce:c0de"] = query["nonce"]
        forged = await browser.get("/auth/callback", params={"code": "c0de", "state": "forged"})
        assert forged.status_code == 401 and provider.exchanges == []

        back = await browser.get("/auth/callback", params={"code": "c0de", "state": query["state"]})
        assert back.status_code == 303 and back.headers["location"] == "/network"
        assert provider.exchanges[0]["code_verifier"], "the verifier went with the code"
        page = await browser.get("/network")
        assert page.status_code == 200 and portal.tenants[0] in page.text
        assert provider.access_token not in page.text

        replayed = await browser.get(
            "/auth/callback", params={"code": "c0de", "state": query["state"]}
        )
        assert replayed.status_code == 401, "a state is used once"


async def test_an_id_token_with_another_nonce_is_refused(
    portal_for: PortalFactory, provider: Provider
) -> None:
    oidc = OidcSettings(issuer=provider.url, client_id=CLIENT)
    async with portal_for(dev_mode=False, oidc=oidc) as portal, portal.client() as browser:
        provider.access_token = token(portal.tenants[0], "coordinator")
        redirect = await browser.get("/sign-in")
        query = {k: v[0] for k, v in parse_qs(urlsplit(redirect.headers["location"]).query).items()}
        provider.challenges["c0de"] = query["code_challenge"]
        provider.challenges["nonce:c0de"] = "another-nonce"
        back = await browser.get("/auth/callback", params={"code": "c0de", "state": query["state"]})
        assert back.status_code == 401
        assert (await browser.get("/network")).status_code == 303, "not signed in"
