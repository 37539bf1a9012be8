"""Development tokens for the platform ``make run`` starts: HS256, signed with a secret
kept in the run's folder (``.trygnet/dev-secret``), so tokens stay valid across
restarts and a new folder gets a new secret. Production never accepts them: the
services take HS256 only in development mode.

``.trygnet/tokens.json`` is what a newcomer copies into a GraphQL client:

    {"0101": {"coordinator": "...", "partner": "...", "police": "...", "integration": "..."},
     "national": "...", "platform-admin": "..."}

The partner and police tokens work for an actor of the demo world (``DemoActors``):
the partner's owns some things and not others, the police's is the municipality's
police, so their writes work. ``integration`` is a machine client of the municipality
with the scopes in ``INTEGRATION_SCOPES`` (a case system reading and writing actors,
activities and incidents, reading reports).

``platform-admin`` is the platform administrator's (``trygnet_core.platform_admin``): no
municipality's, signed with the administration key made from the same secret; it
rebuilds the reports and reads no municipality's data.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from trygnet_core.auth import issue_dev_token
from trygnet_core.platform_admin import issue_dev_platform_admin_token

NATIONAL_TENANT: Final = "0000"
"""The tenant a national body's token names: it reads aggregates of every municipality
and nothing of any one (the reporting service refuses it everything else)."""
TTL_SECONDS: Final = 30 * 24 * 3600
INTEGRATION_SCOPES: Final = (
    "actors:read",
    "actors:write",
    "activities:read",
    "activities:write",
    "incidents:read",
    "incidents:write",
    "reporting:read",
)
"""The demo integration client's scopes: every service's, read and write."""


@dataclass(frozen=True)
class DemoActors:
    """The actors a municipality's demo partner and police tokens work for."""

    partner: str | None = None
    police: str | None = None


def dev_secret(folder: Path) -> str:
    """The folder's secret, made once (readable by its owner only)."""
    path = folder / "dev-secret"
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(secret)
    return secret


def master_key(folder: Path) -> str:
    """The folder's ``TRYGNET_MASTER_KEY`` (base64 of 32 bytes), made once: the
    per-person keys in the SQLite files are wrapped with it, as in production."""
    path = folder / "master-key"
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = base64.b64encode(secrets.token_bytes(32)).decode()
    path.touch(mode=0o600)
    path.write_text(key)
    return key


@dataclass(frozen=True)
class DemoTokens:
    secret: str
    ttl_seconds: int = TTL_SECONDS

    def _issue(
        self, tenant: str, role: str, actor: str | None = None, scopes: tuple[str, ...] = ()
    ) -> str:
        return issue_dev_token(
            secret=self.secret,
            subject=f"demo-{role}-{tenant}",
            tenant=tenant,
            roles=[role],
            actor_id=actor,
            scopes=scopes,
            ttl_seconds=self.ttl_seconds,
        )

    def coordinator(self, tenant: str) -> str:
        """The municipality's partnership coordinator: may do everything in it."""
        return self._issue(tenant, "coordinator")

    def partner(self, tenant: str, actor_id: str | None) -> str:
        """Frontline staff of one actor (organisation) of the municipality."""
        return self._issue(tenant, "partner", actor_id)

    def police(self, tenant: str, actor_id: str | None = None) -> str:
        """A local officer of the police actor ``actor_id``: sees restricted incident
        details, and writes in incidents and activities for that actor."""
        return self._issue(tenant, "police", actor_id)

    def integration(self, tenant: str) -> str:
        """The municipality's integration client (a case system): ``INTEGRATION_SCOPES``."""
        return self._issue(tenant, "integration", scopes=INTEGRATION_SCOPES)

    def national(self) -> str:
        return self._issue(NATIONAL_TENANT, "national")

    def platform_admin(self) -> str:
        """The platform's operator: administration (the reports' rebuild) only."""
        return issue_dev_platform_admin_token(
            secret=self.secret, subject="demo-platform-admin", ttl_seconds=self.ttl_seconds
        )


def write_tokens(
    path: Path, tokens: DemoTokens, actors: Mapping[str, DemoActors]
) -> dict[str, object]:
    """Write ``tokens.json`` for the municipalities in ``actors`` (tenant → the actors
    its partner and police tokens work for); answers what it wrote."""
    document: dict[str, object] = {
        tenant: {
            "coordinator": tokens.coordinator(tenant),
            "partner": tokens.partner(tenant, its.partner),
            "police": tokens.police(tenant, its.police),
            "integration": tokens.integration(tenant),
        }
        for tenant, its in actors.items()
    }
    document["national"] = tokens.national()
    document["platform-admin"] = tokens.platform_admin()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.touch(mode=0o600)
    temporary.write_text(json.dumps(document, indent=2) + "\n")
    os.replace(temporary, path)
    return document
