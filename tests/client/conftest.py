"""The published Python client (clients/python, ``trygnet_client``) against the whole
platform of the gateway's tests (``tests.support.platform``, once per test session);
each test works in a municipality of its own."""

from __future__ import annotations

from tests.gateway.conftest import GraphQL, graphql, platform, tenant

__all__ = ["GraphQL", "graphql", "platform", "tenant"]
