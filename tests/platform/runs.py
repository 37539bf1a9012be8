"""``trygnet-run`` as a newcomer runs it: its own process, its own embedded broker, its
own folder; what it prints is read line by line."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from trygnet_core.broker import free_port


class Run:
    def __init__(self, process: asyncio.subprocess.Process, folder: Path, port: int) -> None:
        self.process = process
        self.folder = folder
        self.port = port
        self.lines: list[str] = []
        self._new_line = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    @property
    def graphql(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            self.lines.append(line.decode(errors="replace").rstrip())
            self._new_line.set()
        self._new_line.set()

    async def wait_for(self, pattern: str, *, after: int = 0, timeout: float = 120) -> str:
        """The first line from index ``after`` on that matches ``pattern``."""
        found = re.compile(pattern)
        deadline = time.monotonic() + timeout
        seen = after
        while True:
            for line in self.lines[seen:]:
                if found.search(line):
                    return line
            seen = max(seen, len(self.lines))
            if self._reader.done():
                raise AssertionError(f"exited before {pattern!r}:\n" + "\n".join(self.lines))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {pattern!r} in:\n" + "\n".join(self.lines[-60:]))
            self._new_line.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._new_line.wait(), min(remaining, 1.0))

    def close_output(self) -> None:
        """Close the reading end of the runner's output, as a terminal that went away."""
        self._reader.cancel()
        transport = self.process._transport  # type: ignore[attr-defined]
        transport.get_pipe_transport(1).close()

    def run_file(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads((self.folder / "run.json").read_text())
        return document

    def tokens(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads((self.folder / "tokens.json").read_text())
        return document

    async def interrupt(self, timeout: float = 60) -> int:
        """Ctrl-C, as a person at the terminal would; answers the exit code."""
        self.process.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(self.process.wait(), timeout)
        await self._reader
        return code

    async def finished(self, timeout: float = 180) -> int:
        code = await asyncio.wait_for(self.process.wait(), timeout)
        await self._reader
        return code


@asynccontextmanager
async def trygnet_run(
    folder: Path,
    *arguments: str,
    env: dict[str, str] | None = None,
    bootstrap_servers: str | None = None,
) -> AsyncIterator[Run]:
    """``trygnet-run`` with its own embedded broker, as `make run`, unless
    ``bootstrap_servers`` names a Kafka for it."""
    port = free_port()
    env = {**os.environ, **(env or {}), "NO_COLOR": "1"}
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    if bootstrap_servers:
        env["KAFKA_BOOTSTRAP_SERVERS"] = bootstrap_servers
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "trygnet_platform.run",
        "--folder",
        str(folder),
        "--port",
        str(port),
        *arguments,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=env,
    )
    run = Run(process, folder, port)
    try:
        yield run
    finally:
        if process.returncode is None:
            with suppress(ProcessLookupError):
                process.kill()
            await process.wait()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is not alive either.
    with suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return True
