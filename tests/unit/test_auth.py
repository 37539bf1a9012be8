"""Token verification: who may call, as which tenant, and why a token is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Annotated, Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import Depends
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from trygnet_core.app import create_service_app
from trygnet_core.auth import (
    AuthSettings,
    CurrentPrincipal,
    Principal,
    Rejection,
    TokenVerifier,
    checked,
    issue_dev_token,
    require_roles,
)
from trygnet_core.errors import NotFound, Unauthenticated, Unavailable
from trygnet_core.tenancy import TenantId

DEV_SECRET = "a-development-secret-of-at-least-32-bytes"
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())


def public_jwk(key: Any, *, kid: str) -> dict[str, Any]:
    if isinstance(key, rsa.RSAPrivateKey):
        jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    else:
        jwk = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {**jwk, "kid": kid, "use": "sig"}


JWKS = {"keys": [public_jwk(RSA_KEY, kid="rsa-1"), public_jwk(EC_KEY, kid="ec-1")]}


def claims(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "sub": "user-17",
        "tenant": "0101",
        "roles": ["coordinator", "police", "wizard"],
        "actor": "actor-42",
        "scope": "incidents:read incidents:write",
        "aud": "trygnet",
        "exp": int(time.time()) + 86_400,  # made at collection: valid however long the suite runs
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


def signed(payload: dict[str, Any], *, key: Any = RSA_KEY, kid: str | None = "rsa-1") -> str:
    algorithm = "ES256" if isinstance(key, ec.EllipticCurvePrivateKey) else "RS256"
    headers = {"kid": kid} if kid else {}
    return jwt.encode(payload, key, algorithm=algorithm, headers=headers)


@pytest.fixture
def jwks_file(tmp_path: Path) -> Path:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(JWKS))
    return path


@pytest.fixture
def verifier(jwks_file: Path) -> TokenVerifier:
    return TokenVerifier(AuthSettings(jwks_file=jwks_file))


@contextmanager
def serving_jwks(jwks: dict[str, Any], asked: list[str] | None = None) -> Iterator[str]:
    """A real HTTP server on a free local port serving ``jwks``; each path asked for is
    added to ``asked``."""
    body = json.dumps(jwks).encode()

    class Jwks(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if asked is not None:
                asked.append(self.path)
            status = 200 if self.path == "/.well-known/jwks.json" else 404
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Jwks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    with serving_jwks(JWKS) as url:
        yield url


def rejection(verifier: TokenVerifier, token: str | None) -> str:
    with pytest.raises(Unauthenticated) as refused:
        verifier.verify(token)
    return refused.value.detail


def test_a_valid_rs256_token_from_a_jwks_file_gives_the_principal(verifier: TokenVerifier) -> None:
    principal = verifier.verify(signed(claims()))

    assert principal == Principal(
        subject="user-17",
        tenant=TenantId("0101"),
        roles=frozenset({"coordinator", "police"}),
        actor_id="actor-42",
        scopes=frozenset({"incidents:read", "incidents:write"}),
    )
    assert principal.has_role("partner", "police")
    assert not principal.has_role("national")


def test_unknown_roles_are_ignored_and_actor_and_scope_are_optional(
    verifier: TokenVerifier,
) -> None:
    principal = verifier.verify(signed(claims(roles=["wizard"], actor=None, scope=None)))

    assert principal.roles == frozenset()
    assert principal.actor_id is None
    assert principal.scopes == frozenset()


def test_an_es256_token_is_verified_with_its_ec_key(verifier: TokenVerifier) -> None:
    assert verifier.verify(signed(claims(), key=EC_KEY, kid="ec-1")).subject == "user-17"


def test_keys_are_fetched_from_a_jwks_url(jwks_url: str) -> None:
    verifier = TokenVerifier(AuthSettings(jwks_url=jwks_url))

    assert verifier.verify(signed(claims())).tenant == "0101"
    assert rejection(verifier, signed(claims(), kid="rsa-unknown")) == Rejection.UNKNOWN_KEY


def test_an_unreachable_jwks_url_is_unavailable_not_a_refused_token() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    verifier = TokenVerifier(AuthSettings(jwks_url=f"http://127.0.0.1:{closed_port}/jwks"))

    with pytest.raises(Unavailable):
        verifier.verify(signed(claims()))


async def test_a_token_is_checked_on_the_loop_unless_its_keys_come_over_the_network(
    jwks_url: str, verifier: TokenVerifier
) -> None:
    loop_thread = threading.get_ident()

    def where(verifier: TokenVerifier, token: str) -> int:
        verifier.verify(token)
        return threading.get_ident()

    local = TokenVerifier(AuthSettings(dev_secret=DEV_SECRET, dev_mode=True))
    dev_token = issue_dev_token(secret=DEV_SECRET, subject="u", tenant="0101", roles=["partner"])
    fetching = TokenVerifier(AuthSettings(jwks_url=jwks_url))

    assert not local.fetches_keys and not verifier.fetches_keys  # a secret, a key file
    assert await checked(local, where, local, dev_token) == loop_thread
    assert await checked(verifier, where, verifier, signed(claims())) == loop_thread
    assert fetching.fetches_keys
    assert await checked(fetching, where, fetching, signed(claims())) != loop_thread


def test_a_rotated_key_file_is_read_again(jwks_file: Path, verifier: TokenVerifier) -> None:
    verifier.verify(signed(claims()))
    jwks_file.write_text(json.dumps({"keys": [public_jwk(OTHER_RSA_KEY, kid="rsa-2")]}))
    os.utime(jwks_file, (time.time() + 5, time.time() + 5))

    assert verifier.verify(signed(claims(), key=OTHER_RSA_KEY, kid="rsa-2")).subject == "user-17"
    assert rejection(verifier, signed(claims())) == Rejection.UNKNOWN_KEY


REJECTIONS = [
    pytest.param(None, Rejection.MISSING, id="missing"),
    pytest.param("", Rejection.MISSING, id="empty"),
    pytest.param("not-a-jwt", Rejection.MALFORMED, id="malformed"),
    pytest.param("a.b.c", Rejection.MALFORMED, id="malformed-segments"),
    pytest.param(signed(claims(exp=int(time.time()) - 60)), Rejection.EXPIRED, id="expired"),
    pytest.param(signed(claims(exp=None)), Rejection.NO_EXPIRY, id="no-expiry"),
    pytest.param(signed(claims(), key=OTHER_RSA_KEY), Rejection.BAD_SIGNATURE, id="signature"),
    pytest.param(signed(claims(aud="elsewhere")), Rejection.WRONG_AUDIENCE, id="audience"),
    pytest.param(signed(claims(aud=None)), Rejection.WRONG_AUDIENCE, id="no-audience"),
    pytest.param(signed(claims(tenant=None)), Rejection.NO_TENANT, id="no-tenant"),
    pytest.param(signed(claims(tenant="../0101")), Rejection.INVALID_TENANT, id="bad-tenant"),
    pytest.param(signed(claims(sub=None)), Rejection.NO_SUBJECT, id="no-subject"),
    pytest.param(signed(claims(sub="")), Rejection.NO_SUBJECT, id="empty-subject"),
    pytest.param(signed(claims(roles="coordinator")), Rejection.INVALID_ROLES, id="roles"),
    pytest.param(signed(claims(), kid="rsa-9"), Rejection.UNKNOWN_KEY, id="unknown-kid"),
    pytest.param(signed(claims(), kid=None), Rejection.UNKNOWN_KEY, id="no-kid"),
    pytest.param(
        jwt.encode(claims(), key=None, algorithm="none"), Rejection.ALGORITHM, id="alg-none"
    ),
    pytest.param(
        jwt.encode(claims(), RSA_KEY, algorithm="PS256", headers={"kid": "rsa-1"}),
        Rejection.ALGORITHM,
        id="alg-ps256",
    ),
    pytest.param(
        # An RSA key's kid under an ES256 header: the key decides the algorithm.
        signed(claims(), key=EC_KEY, kid="rsa-1"),
        Rejection.ALGORITHM,
        id="alg-not-the-keys",
    ),
    pytest.param(
        issue_dev_token(secret=DEV_SECRET, subject="user-17", tenant="0101", roles=["police"]),
        Rejection.ALGORITHM,
        id="hs256-outside-dev-mode",
    ),
]


@pytest.mark.parametrize(("token", "reason"), REJECTIONS)
def test_each_refused_token_says_why(
    verifier: TokenVerifier, token: str | None, reason: Rejection
) -> None:
    detail = rejection(verifier, token)

    assert detail == reason
    assert "user-17" not in detail and "0101" not in detail and "actor-42" not in detail


@pytest.mark.parametrize(
    ("changes", "reason"),
    [({"exp": 1}, Rejection.EXPIRED), ({"aud": "elsewhere"}, Rejection.WRONG_AUDIENCE)],
    ids=["expired", "misaddressed"],
)
def test_a_municipality_token_refused_for_its_claims_never_asks_the_administrators_keys(
    jwks_file: Path, changes: dict[str, Any], reason: Rejection
) -> None:
    """Its signature held under a municipality's key, so it is no administrator's: the
    administration keys' endpoint is not asked on that refusal (an expired token is
    the commonest there is)."""
    asked: list[str] = []
    administrators = {"keys": [public_jwk(OTHER_RSA_KEY, kid="admin-1")]}
    with serving_jwks(administrators, asked) as url:
        verifier = TokenVerifier(AuthSettings(jwks_file=jwks_file, admin_jwks_url=url))
        assert rejection(verifier, signed(claims(**changes))) == reason
        assert asked == []
        assert rejection(verifier, signed(claims(), kid="nobody's")) == Rejection.UNKNOWN_KEY
        assert asked != []  # a key it does not know of might be the administrators'


def test_every_reason_is_distinct() -> None:
    assert len({reason.value for reason in Rejection}) == len(Rejection)


def test_the_issuer_is_checked_when_configured(jwks_file: Path) -> None:
    verifier = TokenVerifier(AuthSettings(jwks_file=jwks_file, issuer="https://idp.trygnet.dk"))

    assert verifier.verify(signed(claims(iss="https://idp.trygnet.dk"))).subject == "user-17"
    assert rejection(verifier, signed(claims(iss="https://evil.example"))) == Rejection.WRONG_ISSUER
    assert rejection(verifier, signed(claims())) == Rejection.WRONG_ISSUER


def test_a_verifier_without_keys_says_so() -> None:
    assert rejection(TokenVerifier(AuthSettings()), signed(claims())) == Rejection.NO_KEYS


def test_hs256_is_accepted_only_in_dev_mode_with_the_dev_secret(jwks_file: Path) -> None:
    token = issue_dev_token(
        secret=DEV_SECRET,
        subject="dev-user",
        tenant="0101",
        roles=["partner"],
        actor_id="actor-1",
        scopes=["x:read"],
    )
    dev = TokenVerifier(AuthSettings(jwks_file=jwks_file, dev_mode=True, dev_secret=DEV_SECRET))
    prod = TokenVerifier(AuthSettings(jwks_file=jwks_file, dev_secret=DEV_SECRET))
    dev_without_secret = TokenVerifier(AuthSettings(jwks_file=jwks_file, dev_mode=True))

    principal = dev.verify(token)
    assert (principal.subject, principal.roles, principal.actor_id, principal.scopes) == (
        "dev-user",
        frozenset({"partner"}),
        "actor-1",
        frozenset({"x:read"}),
    )
    assert rejection(prod, token) == Rejection.ALGORITHM
    assert rejection(dev_without_secret, token) == Rejection.ALGORITHM
    forged = issue_dev_token(secret="x" * 40, subject="dev-user", tenant="0101", roles=[])
    assert rejection(dev, forged) == Rejection.BAD_SIGNATURE
    assert dev.verify(signed(claims())).subject == "user-17"  # RS256 still works in dev mode


def test_the_public_key_cannot_be_used_as_an_hmac_secret(verifier: TokenVerifier) -> None:
    pem = RSA_KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims()).encode())}"
    signature = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()

    assert rejection(verifier, f"{signing_input}.{b64(signature)}") == Rejection.ALGORITHM


def test_settings_are_read_from_the_environment(tmp_path: Path) -> None:
    settings = AuthSettings.from_env(
        {
            "TRYGNET_JWT_ISSUER": "https://idp",
            "TRYGNET_JWKS_FILE": str(tmp_path / "jwks.json"),
            "TRYGNET_JWKS_URL": "https://idp/jwks",
            "TRYGNET_DEV_MODE": "true",
            "TRYGNET_DEV_JWT_SECRET": DEV_SECRET,
        }
    )

    assert settings == AuthSettings(
        audience="trygnet",
        issuer="https://idp",
        jwks_file=tmp_path / "jwks.json",
        jwks_url="https://idp/jwks",
        dev_mode=True,
        dev_secret=DEV_SECRET,
    )
    assert AuthSettings.from_env({"TRYGNET_DEV_MODE": "0"}).dev_mode is False
    assert AuthSettings.from_env({"TRYGNET_JWT_AUDIENCE": "gw"}).audience == "gw"


def test_short_dev_secrets_are_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        issue_dev_token(secret="short", subject="s", tenant="0101", roles=[])
    with pytest.raises(ValueError, match="32 bytes"):
        TokenVerifier(AuthSettings(dev_mode=True, dev_secret="short"))


def test_require_roles_refuses_unknown_role_names() -> None:
    with pytest.raises(ValueError, match="wizard"):
        require_roles("wizard")


# Tenant isolation through a real app: rows of two tenants behind one route.
ROWS = {
    "0101": {"a-1": {"id": "a-1", "area": "north"}, "a-2": {"id": "a-2", "area": "south"}},
    "0147": {"b-1": {"id": "b-1", "area": "centre"}},
}


def isolation_app(verifier: TokenVerifier) -> httpx.AsyncClient:
    app = create_service_app(service="isolation-test", token_verifier=verifier)

    @app.get("/rows")
    async def list_rows(principal: CurrentPrincipal) -> list[dict[str, str]]:
        return list(ROWS.get(principal.tenant, {}).values())

    @app.get("/rows/{row_id}")
    async def get_row(row_id: str, principal: CurrentPrincipal) -> dict[str, str]:
        row = ROWS.get(principal.tenant, {}).get(row_id)
        if row is None:
            raise NotFound("no such row")
        return row

    @app.delete("/rows/{row_id}")
    async def delete_row(
        row_id: str, principal: Annotated[Principal, Depends(require_roles("coordinator"))]
    ) -> dict[str, str]:
        return {"deleted": row_id, "by": principal.subject}

    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc")


def bearer(tenant: str, *roles: str) -> dict[str, str]:
    token = signed(claims(tenant=tenant, roles=list(roles)))
    return {"Authorization": f"Bearer {token}"}


async def test_a_principal_of_one_tenant_never_sees_another_tenants_rows(
    verifier: TokenVerifier,
) -> None:
    async with isolation_app(verifier) as client:
        listed = await client.get("/rows", headers=bearer("0101", "partner"))
        own = await client.get("/rows/a-1", headers=bearer("0101", "partner"))
        other = await client.get("/rows/b-1", headers=bearer("0101", "partner"))
        theirs = await client.get("/rows/b-1", headers=bearer("0147", "partner"))

    assert sorted(row["id"] for row in listed.json()) == ["a-1", "a-2"]
    assert own.json()["area"] == "north"
    assert other.status_code == 404
    assert other.json()["code"] == "NOT_FOUND"
    assert "centre" not in other.text
    assert theirs.json() == {"id": "b-1", "area": "centre"}


async def test_roles_are_required_where_asked(verifier: TokenVerifier) -> None:
    async with isolation_app(verifier) as client:
        partner = await client.delete("/rows/a-1", headers=bearer("0101", "partner"))
        coordinator = await client.delete("/rows/a-1", headers=bearer("0101", "coordinator"))

    assert partner.status_code == 403
    assert partner.json()["code"] == "FORBIDDEN"
    assert coordinator.json() == {"deleted": "a-1", "by": "user-17"}


async def test_refused_tokens_get_an_rfc6750_challenge(verifier: TokenVerifier) -> None:
    expired = signed(claims(exp=int(time.time()) - 60))
    async with isolation_app(verifier) as client:
        missing = await client.get("/rows")
        basic = await client.get("/rows", headers={"Authorization": "Basic dXNlcjpwdw=="})
        refused = await client.get("/rows", headers={"Authorization": f"Bearer {expired}"})

    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == 'Bearer realm="trygnet"'
    assert missing.json()["detail"] == "missing bearer token"
    assert basic.status_code == 401
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["www-authenticate"] == (
        'Bearer realm="trygnet", error="invalid_token", error_description="token expired"'
    )
    assert refused.json()["code"] == "UNAUTHENTICATED"
    assert expired not in refused.text
