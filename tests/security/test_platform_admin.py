"""Platform administration (rebuilding every municipality's reports) is for the
platform administrator's own principal: a token with no municipality, signed by the
administration key. A municipality's token of any role or scope gets 403 ``FORBIDDEN``
there, and the administrator's token reads no municipality's data."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.conftest import sqlite_engine
from tests.security.conftest import AUTH, SECRET, Ordinary, authorised, bearer, serving
from trygnet_core.auth import AuthSettings, TokenVerifier, issue_dev_token
from trygnet_core.errors import Forbidden, Unauthenticated
from trygnet_core.platform_admin import administrator, issue_dev_platform_admin_token
from trygnet_platform.tokens import DemoTokens, write_tokens
from trygnet_reporting.bootstrap import Settings as ReportingSettings
from trygnet_reporting.bootstrap import create_app as reporting_app

TENANT_TOKENS = {
    "integration with reporting:admin": bearer("0101", "integration", scopes=("reporting:admin",)),
    "coordinator with reporting:admin": bearer("0101", "coordinator", scopes=("reporting:admin",)),
    "coordinator": bearer("0101", "coordinator"),
    "police of another municipality": bearer("0851", "police", scopes=("reporting:admin",)),
    "national body with reporting:admin": bearer("0000", "national", scopes=("reporting:admin",)),
}


@pytest.fixture
async def reporting(tmp_path: Path, bootstrap_servers: str, unique: str) -> AsyncIterator[str]:
    settings = ReportingSettings(
        database_url="unused",
        bootstrap_servers=bootstrap_servers,
        auth=AUTH,
        actors_topic=f"trygnet.actors.{unique}",
        activities_topic=f"trygnet.activities.{unique}",
        incidents_topic=f"trygnet.incidents.{unique}",
        consumer_options=(("session_timeout_ms", 2000), ("heartbeat_interval_ms", 500)),
    )
    engine = await sqlite_engine(tmp_path / "reporting.db")
    async with serving(reporting_app(settings, engine=engine)) as url:
        yield url


def _administrator() -> str:
    return issue_dev_platform_admin_token(secret=SECRET, subject="operator-1")


@pytest.mark.parametrize("who", sorted(TENANT_TOKENS))
async def test_no_municipality_token_rebuilds_the_reports(reporting: str, who: str) -> None:
    asked = {"positions": {"0101": ["actors/actor-1/1"]}, "wait": 0}
    async with httpx.AsyncClient(base_url=reporting, timeout=30) as http:
        for method, path, body in (
            ("POST", "/admin/rebuild", None),
            ("GET", "/admin/rebuild", None),
            ("POST", "/admin/applied", asked),  # whether other municipalities' writes are in
        ):
            response = await http.request(
                method, path, json=body, headers=authorised(TENANT_TOKENS[who])
            )
            assert response.status_code == 403, (method, path, response.text)
            assert response.json()["code"] == "FORBIDDEN"


async def test_the_platform_administrator_rebuilds_the_reports(reporting: str) -> None:
    async with httpx.AsyncClient(base_url=reporting, timeout=30) as http:
        started = await http.post("/admin/rebuild", headers=authorised(_administrator()))
        assert started.status_code == 202, started.text
        progress = await http.get("/admin/rebuild", headers=authorised(_administrator()))
        assert progress.status_code == 200 and "state" in progress.json()
        anonymous = await http.post("/admin/rebuild")
        assert anonymous.status_code == 401


async def test_an_administrator_token_signed_with_the_municipalities_key_is_no_administrator(
    reporting: str,
) -> None:
    """The municipalities' key (here the development secret) cannot make an administrator."""
    forged = jwt.encode(
        {"sub": "mallory", "roles": ["platform-admin"], "aud": "trygnet", "exp": 4102444800},
        SECRET,
        algorithm="HS256",
    )
    with_tenant = issue_dev_token(
        secret=SECRET, subject="mallory", tenant="0101", roles=["platform-admin"]
    )
    async with httpx.AsyncClient(base_url=reporting, timeout=30) as http:
        for token in (forged, with_tenant):
            response = await http.post("/admin/rebuild", headers=authorised(token))
            assert response.status_code in (401, 403), response.text


async def test_the_administrator_reads_no_municipality(
    reporting: str, service: str, gateway: str
) -> None:
    admin = authorised(_administrator())
    async with httpx.AsyncClient(timeout=30) as http:
        for url in (
            f"{reporting}/outcomes",
            f"{reporting}/national/incidents-by-kind",
            f"{service}/actors",
        ):
            response = await http.get(url, headers=admin)
            assert response.status_code in (401, 403), (url, response.text)
            assert response.json()["code"] in ("UNAUTHENTICATED", "FORBIDDEN")
        answer = await http.post(
            f"{gateway}/graphql", json={"query": "{ me { tenant } }"}, headers=admin
        )
        assert answer.json()["errors"][0]["extensions"]["code"] in ("UNAUTHENTICATED", "FORBIDDEN")
        assert answer.json().get("data") is None
    await Ordinary.to_gateway(gateway)


def _key_pair(kid: str, folder: Path) -> tuple[Any, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    path = folder / f"{kid}.json"
    path.write_text(json.dumps({"keys": [{**jwk, "kid": kid, "alg": "RS256", "use": "sig"}]}))
    return key, path


def test_in_production_each_key_verifies_its_own_principals_only(tmp_path: Path) -> None:
    """RS256 as in production: the identity provider's key and the administration key."""
    provider, provider_jwks = _key_pair("idp-1", tmp_path)
    operator, operator_jwks = _key_pair("platform-admin-1", tmp_path)
    verifier = TokenVerifier(AuthSettings(jwks_file=provider_jwks, admin_jwks_file=operator_jwks))
    claims = {"sub": "jane", "roles": ["platform-admin"], "aud": "trygnet", "exp": 4102444800}

    def signed(key: Any, kid: str, **extra: Any) -> str:
        return jwt.encode({**claims, **extra}, key, algorithm="RS256", headers={"kid": kid})

    assert administrator(verifier, signed(operator, "platform-admin-1")).subject == "jane"
    with pytest.raises(Forbidden):  # the administrator reads no municipality
        verifier.verify(signed(operator, "platform-admin-1"))
    with pytest.raises(Unauthenticated):  # the provider's key makes no administrator
        administrator(verifier, signed(provider, "idp-1"))
    with pytest.raises(Forbidden):  # nor does a municipality's token of the provider
        administrator(verifier, signed(provider, "idp-1", tenant="0101"))
    with pytest.raises(Forbidden):  # an administrator's key signing a tenant is refused
        administrator(verifier, signed(operator, "platform-admin-1", tenant="0101"))
    closed = TokenVerifier(AuthSettings(jwks_file=provider_jwks))
    with pytest.raises(Unauthenticated):  # no administration key: administration closed
        administrator(closed, signed(operator, "platform-admin-1"))


def test_make_run_writes_a_platform_administrators_token(tmp_path: Path) -> None:
    document = write_tokens(tmp_path / "tokens.json", DemoTokens(SECRET), {})
    verifier = TokenVerifier(AUTH)
    admin = str(document["platform-admin"])
    assert administrator(verifier, admin).subject == "demo-platform-admin"
    with pytest.raises(Forbidden):
        verifier.verify(admin)
