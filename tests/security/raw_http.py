"""HTTP/1.1 spoken by hand over a socket, for what an ordinary client cannot do: send
headers with no body after them, trickle a body byte by byte, or keep sending while the
answer comes back (to see that the server answered before it had read everything)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    sent: int = 0
    """Body bytes the client had sent when it stopped (answered, or cut off)."""
    closed: bool = False
    """The server closed the connection after answering."""
    extra: dict[str, Any] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body)


def head(method: str, url: str, path: str, headers: Iterable[tuple[str, str]] = ()) -> bytes:
    host = urlsplit(url).netloc
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _read_answer(reader: asyncio.StreamReader) -> Answer:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection without an answer")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        parts = []
        while size := int((await reader.readline()).strip(), 16):
            parts.append(await reader.readexactly(size))
            await reader.readline()
        await reader.readline()
        body = b"".join(parts)
    else:
        body = await reader.read()
    return Answer(status, headers, body)


async def exchange(
    url: str, request_head: bytes, body: AsyncIterator[bytes] | None = None
) -> Answer:
    """Send the head, then the body's pieces until the server answers; the answer says
    how many body bytes were sent by then and whether the server then closed."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    sent = 0
    try:
        writer.write(request_head)
        await writer.drain()
        answer = asyncio.create_task(_read_answer(reader))
        if body is not None:
            async for piece in body:
                if answer.done():
                    break
                try:
                    writer.write(piece)
                    await writer.drain()
                except (ConnectionError, OSError):
                    break
                sent += len(piece)
        answered = await asyncio.wait_for(answer, timeout=60)  # a bound, not a measure
        answered.sent = sent
        try:
            rest = await asyncio.wait_for(reader.read(1), timeout=30)
        except (ConnectionError, OSError):
            rest = b""
        answered.closed = rest == b""
        return answered
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await writer.wait_closed()


async def pieces(
    total: int, size: int = 64 * 1024, *, chunked: bool = False
) -> AsyncIterator[bytes]:
    """``total`` bytes of a JSON-ish filler, in pieces (chunked encoding if asked)."""
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        data = b"[" + b"1," * ((n - 2) // 2) + b"1"[: (n - 2) % 2] + b"]" if n > 2 else b"1" * n
        data = data[:n]
        yield f"{len(data):x}\r\n".encode() + data + b"\r\n" if chunked else data
        sent += n
        await asyncio.sleep(0)
    if chunked:
        yield b"0\r\n\r\n"


async def trickle(data: bytes, pause: float = 0.05) -> AsyncIterator[bytes]:
    """One byte at a time, a pause between each: a slow client."""
    for byte in data:
        yield bytes([byte])
        await asyncio.sleep(pause)
