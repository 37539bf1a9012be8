"""An answer's head and body leave in one write.

uvicorn writes an HTTP answer's status line and headers as soon as the app starts its
answer, and the body when it comes: two sends on the socket for every answer, and on
the loopback between the gateway and a service each send costs the kernel's whole path
on both sides (the receiver is woken twice, its parser runs twice). Profiles of the
write path under load put a fifth of a service's and of the gateway's CPU per command
in those sends. ``OneWrite`` stands between uvicorn's request cycle and the socket: it
holds a head back until the next write (the body, nearly always in the same step of the
loop) and sends both together; a head whose body is slow to come (a streamed answer)
leaves on the loop's next turn, and closing sends what is held first. Nothing of the
answer changes: the same bytes, in the same order.
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

_HEAD_START: Final = b"HTTP/"
_HEAD_END: Final = b"\r\n\r\n"


class OneWrite:
    """A transport that sends an answer's head with what is written after it."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self.transport = transport
        self.loop = loop
        self._head: bytes | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self.transport.write(head + bytes(data))
        elif isinstance(data, bytes) and data.startswith(_HEAD_START) and data.endswith(_HEAD_END):
            self._head = data
            self.loop.call_soon(self.flush)
        else:
            self.transport.write(data)

    def flush(self) -> None:
        """Send a head still held (its body did not follow in the same step)."""
        if self._head is not None:
            head, self._head = self._head, None
            if not self.transport.is_closing():
                self.transport.write(head)

    def is_closing(self) -> bool:
        return self.transport.is_closing()

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.transport, name)
