"""The gateway's settings: where the services are, and its limits. All from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trygnet_core.auth import AuthSettings
from trygnet_core.request_limits import RequestLimits

SERVICES = ("actors", "activities", "incidents", "reporting")
_DEFAULT_PORTS = {"actors": 8101, "activities": 8102, "incidents": 8103, "reporting": 8104}


@dataclass(frozen=True)
class Limits:
    max_depth: int = 12
    """Deepest selection a query may make."""
    max_cost: int = 40_000
    """Most a query may cost (``trygnet_gateway.query_cost``: a unit is about one value
    of the answer); above it, ``BAD_USER_INPUT`` naming the cost, before anything runs."""
    max_page: int = 100
    """Largest ``first`` a list takes."""
    max_tokens: int = 20_000
    """Most tokens (names, punctuation, values, comments) a query's text may hold; the
    parser stops at the next one (``GRAPHQL_PARSE_FAILED``), so a huge text costs no
    more than this many tokens of work (about 35 µs each to parse and validate)."""
    rate_per_minute: int = 1200
    """Operations one caller (a person, or an integration client) may make per minute;
    above it, ``RATE_LIMITED`` (``trygnet_gateway.budgets``)."""
    cost_per_minute: int = 600_000
    """Cost one person (a token subject of a municipality) may spend per minute."""
    client_cost_per_minute: int = 1_200_000
    """Cost one integration client (a token with the ``integration`` role) may spend
    per minute."""
    anonymous_per_minute: int = 60
    """Requests without a valid token one client address may make per minute."""
    buckets_kept: int = 100_000
    """Callers (and addresses, and remembered tokens) kept track of, at most, each."""
    introspection: bool = True
    """``__schema`` and ``__type`` answered (off by default outside development)."""
    trusted_documents: Path | None = None
    """The manifest of registered operations (``trygnet_gateway.trusted_documents``)."""
    trusted_only: str = "none"
    """Who may run only registered operations: ``none``, ``people`` or ``all``."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Limits:
        manifest = environ.get("TRYGNET_GATEWAY_TRUSTED_DOCUMENTS")
        return cls(
            max_depth=int(environ.get("TRYGNET_GATEWAY_MAX_DEPTH", cls.max_depth)),
            max_cost=int(environ.get("TRYGNET_GATEWAY_MAX_COST", cls.max_cost)),
            max_page=int(environ.get("TRYGNET_GATEWAY_MAX_PAGE", cls.max_page)),
            max_tokens=int(environ.get("TRYGNET_GATEWAY_MAX_TOKENS", cls.max_tokens)),
            rate_per_minute=int(
                environ.get("TRYGNET_GATEWAY_RATE_PER_MINUTE", cls.rate_per_minute)
            ),
            cost_per_minute=int(
                environ.get("TRYGNET_GATEWAY_COST_PER_MINUTE", cls.cost_per_minute)
            ),
            client_cost_per_minute=int(
                environ.get("TRYGNET_GATEWAY_CLIENT_COST_PER_MINUTE", cls.client_cost_per_minute)
            ),
            anonymous_per_minute=int(
                environ.get("TRYGNET_GATEWAY_ANONYMOUS_PER_MINUTE", cls.anonymous_per_minute)
            ),
            buckets_kept=int(environ.get("TRYGNET_GATEWAY_BUCKETS_KEPT", cls.buckets_kept)),
            introspection=_switch(
                environ.get("TRYGNET_GATEWAY_INTROSPECTION") or environ.get("TRYGNET_DEV_MODE")
            ),
            trusted_documents=Path(manifest) if manifest else None,
            trusted_only=environ.get("TRYGNET_GATEWAY_TRUSTED_ONLY", cls.trusted_only).lower(),
        )

    def __post_init__(self) -> None:
        if self.trusted_only not in ("none", "people", "all"):
            raise ValueError("TRYGNET_GATEWAY_TRUSTED_ONLY is none, people or all")
        if self.trusted_only != "none" and self.trusted_documents is None:
            raise ValueError("TRYGNET_GATEWAY_TRUSTED_ONLY needs TRYGNET_GATEWAY_TRUSTED_DOCUMENTS")


def _switch(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


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
    connect_timeout: float = 2.0
    """Seconds to connect to a service (part of ``timeout``)."""
    requests: RequestLimits = field(default_factory=RequestLimits.for_gateway)
    """Size, shape and time of every request (``trygnet_core.request_limits``)."""
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
            connect_timeout=float(environ.get("TRYGNET_GATEWAY_CONNECT_TIMEOUT", "2")),
            requests=RequestLimits.from_env(environ, defaults=RequestLimits.for_gateway()),
            bootstrap_servers=environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
        )
