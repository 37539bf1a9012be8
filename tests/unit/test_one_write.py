"""An answer's head and body leave the server in one write (``trygnet_core.one_write``),
byte for byte what uvicorn would have sent in two; a head whose body is slow to come is
not held back, and a connection closed after the answer sends all of it first."""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from starlette.types import Receive, Scope, Send
from uvicorn.server import ServerState

from trygnet_core.app import refused
from trygnet_core.request_limits import RequestLimits
from trygnet_core.serving import bounded_protocol

REQUEST = b"GET /x HTTP/1.1\r\nHost: test\r\n\r\n"


class Recording(asyncio.Transport):
    """A socket's side of a connection: what the server writes, write by write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: Any) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(
            name, default
        )

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def _answer(app: Any, request: bytes = REQUEST) -> Recording:
    config = uvicorn.Config(app, log_config=None, lifespan="off")
    config.load()
    protocol = bounded_protocol(RequestLimits(), refused)(config, ServerState(), {})
    transport = Recording()
    protocol.connection_made(transport)
    protocol.data_received(request)
    for _ in range(100):
        await asyncio.sleep(0)
        if protocol.cycle is not None and protocol.cycle.response_complete:
            break
    await asyncio.sleep(0)
    protocol.connection_lost(None)
    return transport


async def _plain(scope: Scope, receive: Receive, send: Send) -> None:
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"5")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"hello"})


async def test_an_answer_leaves_in_one_write() -> None:
    transport = await _answer(_plain)
    assert len(transport.writes) == 1
    answer = transport.writes[0]
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.endswith(b"\r\n\r\nhello")
    assert b"content-length: 5\r\n" in answer


async def test_a_head_whose_body_is_slow_is_sent_alone_first() -> None:
    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for _ in range(3):
            await asyncio.sleep(0)
        await send({"type": "http.response.body", "body": b"late", "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    transport = await _answer(slow)
    assert transport.writes[0].startswith(b"HTTP/1.1 200 OK\r\n")
    assert transport.writes[0].endswith(b"transfer-encoding: chunked\r\n\r\n")
    assert b"".join(transport.writes[1:]) == b"4\r\nlate\r\n0\r\n\r\n"


async def test_a_closed_connection_gets_the_whole_answer_first() -> None:
    transport = await _answer(_plain, b"GET /x HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
    assert transport.closed
    assert len(transport.writes) == 1 and transport.writes[0].endswith(b"\r\n\r\nhello")
