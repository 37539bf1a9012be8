"""What every service reads alike from its environment, and where its migrations are:
kept apart from the app's wiring (``trygnet_core.service``), so that a command that
serves nothing (``trygnet-reporting rebuild``'s processes) imports none of it."""

from __future__ import annotations

import os
from importlib import resources
from typing import Any

from trygnet_core.auth import AuthSettings


def settings_from_env(service: str) -> dict[str, Any]:
    """The settings every service reads alike: ``DATABASE_URL`` (SQLite under
    ``.trygnet/`` by default), ``KAFKA_BOOTSTRAP_SERVERS`` and the token settings. A
    writing service reads how its relay runs too (``RelaySettings.from_env``), and a
    consuming one how its consumers meet the broker (``ConsumerSettings.from_env``)."""
    return {
        "database_url": os.environ.get("DATABASE_URL", f"sqlite:///.trygnet/{service}.db"),
        "bootstrap_servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
        "auth": AuthSettings.from_env(),
    }


def migrations_of(package: str) -> str:
    """The folder of a service package's Alembic revisions."""
    return str(resources.files(package) / "migrations" / "versions")
