"""Typed errors, mapped once to HTTP status and to GraphQL ``extensions.code``.

A domain or kernel error says *what* went wrong in the domain's words; the app
factory turns it into RFC 9457 problem+json and the gateway into a GraphQL error.
Messages must never carry personal data: they are logged and returned as they are.
"""

from __future__ import annotations

from typing import ClassVar


class TrygnetError(Exception):
    """Base of every error the platform reports to a caller.

    A kind of error is a subclass that names its code, HTTP status and title as
    class arguments (``class NotFound(TrygnetError, code=..., status=..., title=...)``),
    so the table of kinds below reads as one table; a narrower error (a
    ``Conflict`` of versions) subclasses a kind and keeps its code.
    """

    code: ClassVar[str] = "INTERNAL"
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"

    def __init_subclass__(
        cls, *, code: str | None = None, status: int | None = None, title: str | None = None
    ) -> None:
        super().__init_subclass__()
        cls.code = code or cls.code
        cls.status = status or cls.status
        cls.title = title or cls.title

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


# The kinds of error. TooLarge: a request (body, headers) larger than the platform takes.
class BadUserInput(TrygnetError, code="BAD_USER_INPUT", status=422, title="Bad input"): ...


class Unauthenticated(
    TrygnetError, code="UNAUTHENTICATED", status=401, title="Not authenticated"
): ...


class Forbidden(TrygnetError, code="FORBIDDEN", status=403, title="Forbidden"): ...


class NotFound(TrygnetError, code="NOT_FOUND", status=404, title="Not found"): ...


class Conflict(TrygnetError, code="CONFLICT", status=409, title="Conflict"): ...


class Unavailable(TrygnetError, code="UNAVAILABLE", status=503, title="Unavailable"): ...


class Timeout(TrygnetError, code="TIMEOUT", status=504, title="Timed out"): ...


class TooLarge(TrygnetError, code="TOO_LARGE", status=413, title="Too large"): ...


class RateLimited(TrygnetError, code="RATE_LIMITED", status=429, title="Too many requests"): ...


BY_CODE: dict[str, type[TrygnetError]] = {
    cls.code: cls
    for cls in (
        TrygnetError,
        BadUserInput,
        Unauthenticated,
        Forbidden,
        NotFound,
        Conflict,
        Unavailable,
        Timeout,
        TooLarge,
        RateLimited,
    )
}
"""Each error class by its code, to raise again what a service answered."""
