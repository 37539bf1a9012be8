"""Who is calling: bearer tokens verified in every service, not only at the gateway.

A service trusts no network position; it verifies the caller's JWT itself and
builds a ``Principal`` whose tenant scopes everything the request may read or
write. Production tokens are RS256 (or ES256) signed by keys published as a
JWKS, chosen by the token's ``kid``. HS256 tokens signed with a shared secret
are accepted only in development mode, so a leaked development secret can never
mint tokens for production. The algorithm is never taken on the token's word:
it must be the one the chosen key is for.
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Final, TypeVar

import jwt
from fastapi import Depends, Request
from jwt.exceptions import InvalidSubjectError
from starlette.concurrency import run_in_threadpool

from trygnet_core.errors import BadUserInput, Forbidden, Unauthenticated, Unavailable
from trygnet_core.telemetry import bind_tenant
from trygnet_core.tenancy import TenantId, tenant_id

T = TypeVar("T")
log = logging.getLogger(__name__)

ROLES: Final = frozenset({"coordinator", "partner", "police", "integration", "national"})
_ASYMMETRIC: Final = frozenset({"RS256", "ES256"})
_MIN_SECRET_BYTES: Final = 32  # RFC 7518 §3.2: an HS256 key at least as long as the hash


class Rejection(StrEnum):
    """Why a token was refused; the text goes to the caller, so it names no value."""

    MISSING = "missing bearer token"
    MALFORMED = "malformed token"
    EXPIRED = "token expired"
    NOT_YET_VALID = "token not yet valid"
    NO_EXPIRY = "token has no expiry"
    BAD_SIGNATURE = "bad signature"
    WRONG_AUDIENCE = "wrong audience"
    WRONG_ISSUER = "wrong issuer"
    NO_TENANT = "no tenant"
    INVALID_TENANT = "invalid tenant"
    NO_SUBJECT = "no subject"
    INVALID_ROLES = "roles must be a list of strings"
    ALGORITHM = "algorithm not allowed"
    UNKNOWN_KEY = "unknown key id"
    NO_KEYS = "no signing keys configured"


def www_authenticate(detail: str) -> str:
    """The RFC 6750 challenge for a 401; no error code when no token was sent (§3.1)."""
    if detail == Rejection.MISSING:
        return 'Bearer realm="trygnet"'
    return f'Bearer realm="trygnet", error="invalid_token", error_description="{detail}"'


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller; its tenant is the only tenant the request may touch."""

    subject: str
    tenant: TenantId
    roles: frozenset[str]
    actor_id: str | None = None
    scopes: frozenset[str] = frozenset()

    def has_role(self, *roles: str) -> bool:
        """True when the principal holds any of ``roles``."""
        return not self.roles.isdisjoint(roles)

    def manages(self, scope: str) -> bool:
        """A coordinator, or an integration client granted ``scope`` (the service's
        ``<service>:write``): it may do everything in its tenant."""
        return self.has_role("coordinator") or scope in self.scopes

    def staff_of(self, *actor_ids: str | None) -> bool:
        """Partner or police staff of one of ``actor_ids`` (the actor in their token)."""
        return (
            self.has_role("partner", "police")
            and self.actor_id is not None
            and self.actor_id in actor_ids
        )


@dataclass(frozen=True, slots=True)
class AuthSettings:
    audience: str = "trygnet"
    issuer: str | None = None
    jwks_file: Path | None = None
    jwks_url: str | None = None
    dev_mode: bool = False
    dev_secret: str | None = None
    admin_jwks_file: Path | None = None
    """The platform administrator's keys (``trygnet_core.platform_admin``): they verify
    administrators' tokens and nothing else; the municipalities' keys never do."""
    admin_jwks_url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AuthSettings:
        env = os.environ if environ is None else environ
        jwks_file = env.get("TRYGNET_JWKS_FILE")
        admin_jwks_file = env.get("TRYGNET_ADMIN_JWKS_FILE")
        return cls(
            audience=env.get("TRYGNET_JWT_AUDIENCE") or "trygnet",
            issuer=env.get("TRYGNET_JWT_ISSUER") or None,
            jwks_file=Path(jwks_file) if jwks_file else None,
            jwks_url=env.get("TRYGNET_JWKS_URL") or None,
            dev_mode=env.get("TRYGNET_DEV_MODE", "").strip().lower() in {"1", "true", "yes"},
            dev_secret=env.get("TRYGNET_DEV_JWT_SECRET") or None,
            admin_jwks_file=Path(admin_jwks_file) if admin_jwks_file else None,
            admin_jwks_url=env.get("TRYGNET_ADMIN_JWKS_URL") or None,
        )


class _JwksFile:
    """Keys from a mounted file, re-read when the file changes (key rotation)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._loaded: tuple[float, jwt.PyJWKSet] | None = None

    def key(self, kid: str) -> jwt.PyJWK | None:
        mtime = self.path.stat().st_mtime
        if self._loaded is None or self._loaded[0] != mtime:
            self._loaded = (mtime, jwt.PyJWKSet.from_json(self.path.read_text()))
        return next((k for k in self._loaded[1].keys if k.key_id == kid), None)


class _Keys:
    """One set of signing keys: a JWKS file, a JWKS endpoint and, in development only,
    an HS256 secret. Keys are fetched lazily on first use (no I/O at construction)."""

    def __init__(self, *, secret: str | None, file: Path | None, url: str | None) -> None:
        self.secret = secret
        self._file = _JwksFile(file) if file else None
        self._client = (
            jwt.PyJWKClient(url, cache_keys=False, lifespan=300, timeout=5) if url else None
        )

    @property
    def fetches(self) -> bool:
        """Whether a check may wait on the network: the keys come from a JWKS endpoint."""
        return self._client is not None

    def key_for(self, header: Mapping[str, Any]) -> tuple[Any, str]:
        algorithm = header.get("alg")
        if algorithm == "HS256" and self.secret:
            return self.secret, algorithm
        if algorithm not in _ASYMMETRIC:
            raise Unauthenticated(Rejection.ALGORITHM)
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Unauthenticated(Rejection.UNKNOWN_KEY)
        jwk = self._jwk(kid)
        if jwk is None:
            raise Unauthenticated(Rejection.UNKNOWN_KEY)
        if jwk.algorithm_name != algorithm:  # an RSA key never verifies an ES256 claim, etc.
            raise Unauthenticated(Rejection.ALGORITHM)
        return jwk.key, algorithm

    def _jwk(self, kid: str) -> jwt.PyJWK | None:
        if self._file is None and self._client is None:
            raise Unauthenticated(Rejection.NO_KEYS)
        if self._file is not None and (found := self._file.key(kid)) is not None:
            return found
        if self._client is not None:
            try:
                return self._client.get_signing_key(kid)
            except jwt.PyJWKClientConnectionError:
                # Our fault, not the caller's: a 401 would make clients drop good tokens.
                log.warning("jwks endpoint unreachable", extra={"jwks_url": self._client.uri})
                raise Unavailable("the signing keys cannot be fetched") from None
            except (jwt.PyJWKClientError, jwt.PyJWKSetError):
                return None
        return None


_NOT_THEIR_KEY: Final = frozenset(
    {Rejection.BAD_SIGNATURE, Rejection.UNKNOWN_KEY, Rejection.NO_KEYS, Rejection.ALGORITHM}
)
"""The municipalities' keys' refusals of an administrator's token (signed by another key)."""


def admin_dev_secret(dev_secret: str) -> str:
    """The development key of platform administrators' tokens, made from the
    development secret and never equal to it (a municipality's development token can
    never be an administrator's)."""
    digest = hmac.new(dev_secret.encode(), b"trygnet platform administration", "sha256")
    return digest.hexdigest()


class TokenVerifier:
    """Turns a bearer token into a ``Principal`` or raises ``Unauthenticated``.

    ``verify`` may block on fetching keys from a JWKS endpoint, so async callers go
    through ``checked``, which runs it in a thread only then. An
    unreachable JWKS endpoint raises ``Unavailable``: the token may be fine. The
    municipalities' keys and the platform administrator's are kept apart: each verifies
    its own tokens only (``trygnet_core.platform_admin``).
    """

    def __init__(self, settings: AuthSettings) -> None:
        secret = settings.dev_secret if settings.dev_mode else None
        if secret is not None and len(secret.encode()) < _MIN_SECRET_BYTES:
            raise ValueError(f"the dev JWT secret must be at least {_MIN_SECRET_BYTES} bytes")
        self.settings = settings
        self._keys = _Keys(secret=secret, file=settings.jwks_file, url=settings.jwks_url)
        self._admin_keys = _Keys(
            secret=admin_dev_secret(secret) if secret else None,
            file=settings.admin_jwks_file,
            url=settings.admin_jwks_url,
        )

    @property
    def fetches_keys(self) -> bool:
        """Whether a check may wait on fetching keys (a JWKS endpoint is configured)."""
        return self._keys.fetches or self._admin_keys.fetches

    def verify(self, token: str | None) -> Principal:
        try:
            return self.municipality(token)
        except Unauthenticated as refused:
            # Only a token the municipalities' keys could not check may be an
            # administrator's: an expired or misaddressed one costs no second look.
            if refused.detail in _NOT_THEIR_KEY and self._administrators(token):
                raise Forbidden(
                    "a platform administrator's token reads no municipality's data"
                ) from None
            raise

    def municipality(self, token: str | None) -> Principal:
        """The principal of a municipality's token, checked with the municipalities'
        keys only (``verify`` also says FORBIDDEN to an administrator's)."""
        return _principal(self.claims(token))

    def claims(self, token: str | None, *, administrator: bool = False) -> dict[str, Any]:
        """The token's claims once its signature, expiry, audience and issuer hold,
        checked with the municipalities' keys or, for ``administrator``, the
        administrator's."""
        if not token:
            raise Unauthenticated(Rejection.MISSING)
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Unauthenticated(Rejection.MALFORMED) from None
        keys = self._admin_keys if administrator else self._keys
        key, algorithm = keys.key_for(header)
        return self._decode(token, key=key, algorithm=algorithm)

    def _administrators(self, token: str | None) -> bool:
        try:
            self.claims(token, administrator=True)
        except (Unauthenticated, Unavailable):
            return False
        return True

    def _decode(self, token: str, *, key: Any, algorithm: str) -> dict[str, Any]:
        required = ["exp", "aud", "sub"] + (["iss"] if self.settings.issuer else [])
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.settings.audience,
                issuer=self.settings.issuer,
                options={"require": required},
            )
        except jwt.MissingRequiredClaimError as error:
            raise Unauthenticated(_MISSING_CLAIM.get(error.claim, Rejection.MALFORMED)) from None
        except jwt.PyJWTError as error:
            reason = next((r for kind, r in _REASONS if isinstance(error, kind)), None)
            raise Unauthenticated(reason or Rejection.MALFORMED) from None


_MISSING_CLAIM: Final = {
    "exp": Rejection.NO_EXPIRY,
    "aud": Rejection.WRONG_AUDIENCE,
    "iss": Rejection.WRONG_ISSUER,
    "sub": Rejection.NO_SUBJECT,
}
_REASONS: Final[tuple[tuple[type[jwt.PyJWTError], Rejection], ...]] = (
    (jwt.ExpiredSignatureError, Rejection.EXPIRED),
    (jwt.ImmatureSignatureError, Rejection.NOT_YET_VALID),
    (jwt.InvalidSignatureError, Rejection.BAD_SIGNATURE),
    (jwt.InvalidAudienceError, Rejection.WRONG_AUDIENCE),
    (jwt.InvalidIssuerError, Rejection.WRONG_ISSUER),
    (InvalidSubjectError, Rejection.NO_SUBJECT),
    (jwt.InvalidAlgorithmError, Rejection.ALGORITHM),
)


def _principal(claims: Mapping[str, Any]) -> Principal:
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise Unauthenticated(Rejection.NO_SUBJECT)
    tenant = claims.get("tenant")
    if not isinstance(tenant, str) or not tenant:
        raise Unauthenticated(Rejection.NO_TENANT)
    try:
        tenant_ = tenant_id(tenant)
    except BadUserInput:
        raise Unauthenticated(Rejection.INVALID_TENANT) from None
    roles = claims.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
        raise Unauthenticated(Rejection.INVALID_ROLES)
    actor = claims.get("actor")
    scope = claims.get("scope")
    return Principal(
        subject=subject,
        tenant=tenant_,
        roles=frozenset(roles) & ROLES,  # unknown roles grant nothing
        actor_id=actor if isinstance(actor, str) and actor else None,
        scopes=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
    )


def issue_dev_token(
    *,
    secret: str,
    subject: str,
    tenant: str,
    roles: Iterable[str],
    actor_id: str | None = None,
    scopes: Iterable[str] = (),
    audience: str = "trygnet",
    issuer: str | None = None,
    ttl_seconds: int = 3600,
) -> str:
    """An HS256 token for development and tests; production never accepts it."""
    if len(secret.encode()) < _MIN_SECRET_BYTES:
        raise ValueError(f"the dev JWT secret must be at least {_MIN_SECRET_BYTES} bytes")
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "tenant": tenant_id(tenant),
        "roles": sorted(roles),
        "aud": audience,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    if actor_id:
        claims["actor"] = actor_id
    if scope := " ".join(scopes):
        claims["scope"] = scope
    if issuer:
        claims["iss"] = issuer
    return jwt.encode(claims, secret, algorithm="HS256")


async def checked(verifier: TokenVerifier, check: Callable[..., T], *args: Any) -> T:
    """``check(*args)`` on the event loop, where verifying a token is microseconds of
    CPU; in a thread where the keys come from a JWKS endpoint, since the first check
    (and one every few minutes) fetches them."""
    if verifier.fetches_keys:
        return await run_in_threadpool(check, *args)
    return check(*args)


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


async def current_principal(request: Request) -> Principal:
    """The request's principal; also binds its tenant to the log context."""
    verifier: TokenVerifier = request.app.state.token_verifier
    token = bearer_token(request.headers.get("authorization"))
    principal = await checked(verifier, verifier.verify, token)
    bind_tenant(principal.tenant)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that admits principals holding any of ``roles``."""
    unknown = set(roles) - ROLES
    if unknown or not roles:
        raise ValueError(f"unknown roles: {sorted(unknown)}" if unknown else "no roles given")

    async def with_role(principal: CurrentPrincipal) -> Principal:
        if not principal.has_role(*roles):
            raise Forbidden(f"requires one of the roles: {', '.join(sorted(roles))}")
        return principal

    return with_role
