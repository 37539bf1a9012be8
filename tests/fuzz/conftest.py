"""The gateway's session platform (``tests.gateway.conftest``), reused: the four services
over real HTTP on the session's broker and SQLite. Each test fuzzes in a municipality of
its own, so nothing it writes is seen by another test."""

from tests.gateway.conftest import platform, tenant

__all__ = ["platform", "tenant"]
