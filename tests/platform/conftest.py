"""The whole platform in this process, as the gateway's tests have it (one per test
session, on the session's broker), for the demo data's tests."""

from __future__ import annotations

from tests.gateway.conftest import graphql, platform, tenant

__all__ = ["graphql", "platform", "tenant"]
