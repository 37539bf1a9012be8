"""The platform administrator: the operator of the whole platform, not of a municipality.

Platform administration (rebuilding the reports, which drops and replays every
municipality's projections) is no municipality's to do: a scope on a municipality's
token let any municipality's integration client rebuild everyone's reports. So the
administrator is a principal of its own:

- its token names no tenant and carries the role ``platform-admin``;
- it is signed by the administration key only (``TRYGNET_ADMIN_JWKS_FILE`` or
  ``TRYGNET_ADMIN_JWKS_URL``; in development a key made from the development secret),
  which verifies nothing else, while the municipalities' keys never verify it;
- every path of a municipality refuses it (``TokenVerifier.verify``: 403 ``FORBIDDEN``),
  and every administration route refuses a municipality's token of any role or scope
  (403 ``FORBIDDEN``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated, Final

import jwt
from fastapi import Depends, Request

from trygnet_core.auth import TokenVerifier, admin_dev_secret, bearer_token, checked
from trygnet_core.errors import Forbidden, TrygnetError, Unauthenticated

PLATFORM_ADMIN: Final = "platform-admin"
"""The role of the platform administrator's token."""


@dataclass(frozen=True, slots=True)
class PlatformAdministrator:
    subject: str


def administrator(verifier: TokenVerifier, token: str | None) -> PlatformAdministrator:
    """The token's administrator; ``FORBIDDEN`` for a municipality's token, else
    ``UNAUTHENTICATED``."""
    try:
        claims = verifier.claims(token, administrator=True)
    except Unauthenticated as refused:
        try:
            verifier.municipality(token)
        except TrygnetError:
            raise refused from None
        raise Forbidden(
            "platform administration takes the platform administrator's token, not a municipality's"
        ) from None
    roles = claims.get("roles")
    if "tenant" in claims or not isinstance(roles, list) or PLATFORM_ADMIN not in roles:
        raise Forbidden("the token is not a platform administrator's")
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise Unauthenticated("no subject")
    return PlatformAdministrator(subject=subject)


async def current_administrator(request: Request) -> PlatformAdministrator:
    verifier: TokenVerifier = request.app.state.token_verifier
    token = bearer_token(request.headers.get("authorization"))
    return await checked(verifier, administrator, verifier, token)


CurrentAdministrator = Annotated[PlatformAdministrator, Depends(current_administrator)]
"""A route's dependency: only the platform administrator gets through."""


def issue_dev_platform_admin_token(
    *, secret: str, subject: str, audience: str = "trygnet", ttl_seconds: int = 3600
) -> str:
    """A development administrator's token: signed with the administration key made
    from the development ``secret``; production never accepts it."""
    now = int(time.time())
    claims = {
        "sub": subject,
        "roles": [PLATFORM_ADMIN],
        "aud": audience,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    return jwt.encode(claims, admin_dev_secret(secret), algorithm="HS256")
