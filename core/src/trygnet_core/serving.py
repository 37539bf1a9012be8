"""How a service or the gateway is served: uvicorn on httptools, with the timeouts and
the header limits set on purpose, from the app's ``RequestLimits``.

uvicorn's httptools protocol keeps every header a client sends, however many, and waits
for the end of the headers for ever: a megabyte of headers was read and kept, and a
client sending its headers one byte a minute held a connection as long as it liked. So
the protocol here counts the request line and headers as they are parsed and answers
431 ``TOO_LARGE`` (then closes) once they pass ``max_header_bytes``, and closes a
connection whose headers have not ended ``header_seconds`` after they began (408
``TIMEOUT`` when a request had begun; a connection that never sent a byte is just
closed). Everything after the headers (body, deadline) is ``trygnet_core.request_limits``.

The other timeouts: an idle connection is closed after ``keep_alive_seconds`` (the
gateway's clients give up an idle connection a second before: ``trygnet_gateway.clients``);
a WebSocket message is at most ``max_body_bytes``; on shutdown, requests still running
get ``_GRACEFUL_SECONDS``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, Final

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from trygnet_core.one_write import OneWrite
from trygnet_core.request_limits import Refusal, Refusals, RequestLimits

log = logging.getLogger(__name__)

_GRACEFUL_SECONDS: Final = 10


def _raw(refusals: Refusals, refusal: Refusal) -> bytes:
    """A whole HTTP/1.1 answer, written by the server before any app runs."""
    response = refusals(refusal)
    status = HTTPStatus(refusal.status)
    lines = [f"HTTP/1.1 {status.value} {status.phrase}".encode()]
    lines += [name + b": " + value for name, value in response.raw_headers if name != b"connection"]
    lines.append(b"connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + bytes(response.body)


def bounded_protocol(limits: RequestLimits, refusals: Refusals) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol with the headers' size and time bounded, each
    answer's head and body sent in one write (``trygnet_core.one_write``)."""
    too_large = Refusal(
        431,
        "TOO_LARGE",
        f"the headers are larger than {limits.max_header_bytes} bytes",
        "headers",
        close=True,
    )
    too_slow = Refusal(
        408,
        "TIMEOUT",
        f"the headers did not arrive within {limits.header_seconds:g} s",
        "headers",
        close=True,
    )
    answers = {refusal: _raw(refusals, refusal) for refusal in (too_large, too_slow)}

    class BoundedHttpToolsProtocol(HttpToolsProtocol):
        _header_bytes = 0
        _header_timer: asyncio.TimerHandle | None = None
        _request_begun = False
        _refused = False
        _one_write: OneWrite | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._one_write = OneWrite(transport, self.loop)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if not self._refused:
                super().data_received(data)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._header_bytes = 0
            self._request_begun = True
            if self._header_timer is None:
                self._arm()

        def on_url(self, url: bytes) -> None:
            if self._count(len(url)):
                super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            if self._count(len(name) + len(value)):
                super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._disarm()
            self._request_begun = False
            if self._refused:
                return
            super().on_headers_complete()
            if self.cycle is not None and self.cycle.transport is self.transport:
                self.cycle.transport = self._one_write  # type: ignore[assignment]

        def on_body(self, body: bytes) -> None:
            if not self._refused:
                super().on_body(body)

        def on_message_complete(self) -> None:
            if not self._refused:
                super().on_message_complete()

        def _count(self, size: int) -> bool:
            """Add to the headers' size; False (and the answer sent) once past the limit."""
            if self._refused:
                return False
            self._header_bytes += size
            if self._header_bytes <= limits.max_header_bytes:
                return True
            self._refuse(too_large)
            return False

        def _refuse(self, refusal: Refusal) -> None:
            self._refused = True
            self._disarm()
            log.warning(
                "request refused",
                extra={"code": refusal.code, "status": refusal.status, "limit": refusal.field},
            )
            if not self.transport.is_closing():
                self.transport.write(answers[refusal])
                self.transport.close()

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(limits.header_seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _too_slow(self) -> None:
            self._header_timer = None
            if self._request_begun:
                self._refuse(too_slow)
            elif self.cycle is None or self.cycle.response_complete:
                self._refused = True  # connected, and never a byte: just closed
                self.transport.close()

    return BoundedHttpToolsProtocol


def server_config(app: Any, *, host: str, port: int, **options: Any) -> uvicorn.Config:
    """The uvicorn configuration of a Trygnet app (one ``create_service_app`` made)."""
    limits: RequestLimits = app.state.request_limits
    refusals: Refusals = app.state.refusals
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        http=bounded_protocol(limits, refusals),
        timeout_keep_alive=limits.keep_alive_seconds,
        timeout_graceful_shutdown=_GRACEFUL_SECONDS,
        ws_max_size=limits.max_body_bytes,
        **options,
    )


def serve(app: Any, *, host: str, port: int) -> None:
    """Serve ``app`` until the process is told to stop."""
    uvicorn.Server(server_config(app, host=host, port=port)).run()


def command_line(prog: str, description: str | None, default_port: int) -> argparse.ArgumentParser:
    """The command line every server of the platform shares: ``--host`` (``HOST``,
    default 127.0.0.1) and ``--port`` (``PORT``, default ``default_port``)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", str(default_port))))
    return parser


def serve_command(
    prog: str, description: str | None, default_port: int, create_app: Callable[[], Any]
) -> None:
    """A server's ``main``: read its command line, make its app, serve it."""
    args = command_line(prog, description, default_port).parse_args()
    serve(create_app(), host=args.host, port=args.port)
