"""A request that failed because the service's database could not be reached.

While PostgreSQL restarts (a fast shutdown, a failover) a service's requests meet a
refused connection, a connection the server ended, or a server that says it is
starting or shutting down. None of that is the request's fault nor a bug: it is
answered ``503 UNAVAILABLE`` with ``Retry-After``, so that clients and the gateway retry,
rather than ``500 INTERNAL``. The pool drops the dead connections itself (SQLAlchemy
invalidates them on a disconnect), and the next request reconnects.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.exc import DBAPIError, InterfaceError

RETRY_AFTER_SECONDS: Final = 1
_SERVER_GOING: Final = ("57P01", "57P02", "57P03", "08000", "08001", "08003", "08006")
"""SQLSTATE: admin or crash shutdown, cannot connect now, connection failures."""


def database_unreachable(error: BaseException) -> bool:
    """Whether ``error`` (or what it wraps) says the database cannot be reached now."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ConnectionError):
            return True
        # Not every ``OperationalError``: SQLite reports a query's own faults so (no such
        # table or column, a syntax error), which are bugs, answered 500 and logged.
        if isinstance(current, DBAPIError) and (
            current.connection_invalidated or isinstance(current, InterfaceError)
        ):
            return True
        if getattr(current, "sqlstate", None) in _SERVER_GOING:
            return True
        current = current.__cause__ or current.__context__
    return False
