"""What every answer of the portal carries, and what every request must respect:
security headers (no inline script may run, no framing, no sniffing, no referrer
leaving the site), no page stored by a shared cache, bodies of bounded size, CSRF
tokens on forms, and redirects only to the portal's own paths."""

from __future__ import annotations

import re
import secrets
from dataclasses import KW_ONLY, dataclass, field
from typing import Final
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS: Final = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
)
_SAFE_PATH: Final = re.compile(r"^/(?![/\\])[A-Za-z0-9\-._~/%?=&+]*$")


@dataclass(eq=False)
class HttpMiddleware:
    """An ASGI middleware acting on HTTP requests (``http``); anything else, the
    lifespan among them, goes on to the app as it came."""

    app: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.http(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


@dataclass(eq=False)
class StaticCompression(HttpMiddleware):
    """gzip for the static files (the vendored JavaScript is most of a page's weight),
    never for a page: a page holds the person's CSRF token beside text an attacker may
    choose, and compressing the two together lets the answer's length tell the token
    (BREACH)."""

    _: KW_ONLY
    static_prefix: str = "/static/"
    compressed: ASGIApp = field(init=False)

    def __post_init__(self) -> None:
        self.compressed = GZipMiddleware(self.app, minimum_size=1024)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        static = str(scope.get("path", "")).startswith(self.static_prefix)
        await (self.compressed if static else self.app)(scope, receive, send)


class TooLarge(Exception):
    """A request body above the limit (answered 413)."""


@dataclass(eq=False)
class SecurityHeaders(HttpMiddleware):
    """Adds ``HEADERS`` to every answer, and ``Cache-Control: no-store`` to every one
    but the static files: a page holds one person's view and no cache may keep it."""

    _: KW_ONLY
    static_prefix: str = "/static/"

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        static = str(scope.get("path", "")).startswith(self.static_prefix)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS:
                    headers.setdefault(name, value)
                if not static:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, with_headers)


@dataclass(eq=False)
class BodyLimit(HttpMiddleware):
    """Refuses a body over ``max_bytes`` with 413: by its Content-Length before reading,
    and by counting while it streams when no length was given."""

    _: KW_ONLY
    max_bytes: int

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_bytes):
                await _too_large(send)
                return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracking)
        except TooLarge:
            if not started:
                await _too_large(send)


async def _too_large(send: Send) -> None:
    body = b"request body too large"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def same_csrf(expected: str, given: object) -> bool:
    return isinstance(given, str) and secrets.compare_digest(expected, given)


def safe_next(candidate: str | None, default: str = "/") -> str:
    """``candidate`` if it is a path on this site ("/network?areaId=a1"), else
    ``default``: never another host ("//evil.example", "https://…", "/\\evil"), so a
    link that signs someone in cannot send them elsewhere afterwards."""
    if not candidate or not _SAFE_PATH.match(candidate):
        return default
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc:
        return default
    return candidate
