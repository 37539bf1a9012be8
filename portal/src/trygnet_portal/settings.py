"""The portal's settings: where the gateway is, how people sign in, the session's
bounds. Read from the environment here and nowhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class OidcSettings:
    """OpenID Connect against the municipality's identity provider (production)."""

    issuer: str
    """Its discovery document is at ``{issuer}/.well-known/openid-configuration``."""
    client_id: str
    client_secret: str | None = None
    """None for a public client (PKCE alone)."""
    scope: str = "openid profile"
    redirect_url: str | None = None
    """The portal's ``/auth/callback`` as the provider knows it; by default the URL the
    request came to."""


@dataclass(frozen=True)
class Settings:
    graphql_url: str = "http://127.0.0.1:8000/graphql"
    """The gateway's public GraphQL endpoint: the only thing the portal calls."""
    dev_mode: bool = False
    """Demo identities at ``/dev/sign-in``; otherwise that route is not there (404)."""
    dev_tokens: Path = Path(".trygnet/tokens.json")
    """Where ``make run`` writes the demo identities' tokens (development only)."""
    oidc: OidcSettings | None = None
    session_limit: int = 10_000
    """Most sessions kept at once (the least recently used goes first)."""
    session_idle_seconds: int = 8 * 3600
    """A session unused for this long is over."""
    max_form_bytes: int = 64 * 1024
    """A form body larger than this is refused with 413 before it is read whole."""
    live_streams_per_person: int = 3
    """Live incident boards one person may have open at once (tabs); one more is
    refused with 429 and that board asks again every 30 seconds instead."""
    timeout: float = 10.0
    """Seconds a call to the gateway may take before its part of a page says it is
    unavailable."""
    idle_seconds: float = 4.0
    """Seconds an idle connection to the gateway is kept for the next call: less than
    the gateway keeps it open (its keep-alive, 5 s), so no call is sent on a connection
    the gateway is closing at that moment (the part would say it is unavailable)."""
    default_language: str = "da"
    time_zone: str = "Europe/Copenhagen"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        home = Path(environ.get("TRYGNET_HOME", ".trygnet"))
        issuer = environ.get("TRYGNET_PORTAL_OIDC_ISSUER")
        oidc = (
            OidcSettings(
                issuer=issuer.rstrip("/"),
                client_id=environ.get("TRYGNET_PORTAL_OIDC_CLIENT_ID", "trygnet-portal"),
                client_secret=environ.get("TRYGNET_PORTAL_OIDC_CLIENT_SECRET") or None,
                scope=environ.get("TRYGNET_PORTAL_OIDC_SCOPE", "openid profile"),
                redirect_url=environ.get("TRYGNET_PORTAL_OIDC_REDIRECT_URL") or None,
            )
            if issuer
            else None
        )
        return cls(
            graphql_url=environ.get("TRYGNET_PORTAL_GRAPHQL_URL", cls.graphql_url),
            dev_mode=_flag(environ.get("TRYGNET_DEV_MODE")),
            dev_tokens=Path(environ.get("TRYGNET_PORTAL_DEV_TOKENS", home / "tokens.json")),
            oidc=oidc,
            session_limit=int(environ.get("TRYGNET_PORTAL_SESSION_LIMIT", cls.session_limit)),
            session_idle_seconds=int(
                environ.get("TRYGNET_PORTAL_SESSION_IDLE_SECONDS", cls.session_idle_seconds)
            ),
            max_form_bytes=int(environ.get("TRYGNET_PORTAL_MAX_FORM_BYTES", cls.max_form_bytes)),
            live_streams_per_person=int(
                environ.get("TRYGNET_PORTAL_LIVE_STREAMS", cls.live_streams_per_person)
            ),
            timeout=float(environ.get("TRYGNET_PORTAL_TIMEOUT", cls.timeout)),
            idle_seconds=float(environ.get("TRYGNET_PORTAL_IDLE_SECONDS", cls.idle_seconds)),
            default_language=environ.get("TRYGNET_PORTAL_LANGUAGE", cls.default_language),
        )
