"""The gateway's settings: where the services are, and its limits. All from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from trygnet_core.auth import AuthSettings

SERVICES = ("actors", "activities", "incidents", "reporting")
_DEFAULT_PORTS = {"actors": 8101, "activities": 8102, "incidents": 8103, "reporting": 8104}


@dataclass(frozen=True)
class Limits:
    max_depth: int = 12
    """Deepest selection a query may make."""
    max_cost: int = 20_000
    """Most objects a query may ask for: each field costs 1, and a list field's
    selection costs as many times as its ``first`` (or the page size)."""
    max_page: int = 100
    """Largest ``first`` a list takes."""
    rate_per_minute: int = 1200
    """Operations one municipality may make per minute (a token bucket); above it,
    ``RATE_LIMITED``."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Limits:
        return cls(
            max_depth=int(environ.get("TRYGNET_GATEWAY_MAX_DEPTH", cls.max_depth)),
            max_cost=int(environ.get("TRYGNET_GATEWAY_MAX_COST", cls.max_cost)),
            max_page=int(environ.get("TRYGNET_GATEWAY_MAX_PAGE", cls.max_page)),
            rate_per_minute=int(
                environ.get("TRYGNET_GATEWAY_RATE_PER_MINUTE", cls.rate_per_minute)
            ),
        )


@dataclass(frozen=True)
class Settings:
    services: Mapping[str, str]
    """Base URL of each service, by name."""
    auth: AuthSettings
    limits: Limits = field(default_factory=Limits)
    dev_mode: bool = False
    """GraphiQL is served only in development."""
    timeout: float = 10.0
    """Seconds a service call may take before the answer is ``UNAVAILABLE``."""
    bootstrap_servers: str | None = None
    """The broker, for ``incidentEvents`` subscriptions."""
    incidents_topic: str = "trygnet.incidents"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        services = {
            name: environ.get(f"{name.upper()}_URL", f"http://127.0.0.1:{port}")
            for name, port in _DEFAULT_PORTS.items()
        }
        return cls(
            services=services,
            auth=AuthSettings.from_env(environ),
            limits=Limits.from_env(environ),
            dev_mode=environ.get("TRYGNET_DEV_MODE", "").lower() in ("1", "true", "yes"),
            timeout=float(environ.get("TRYGNET_GATEWAY_TIMEOUT", "10")),
            bootstrap_servers=environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
        )
