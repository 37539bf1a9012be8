"""A round-robin TCP proxy: what a Kubernetes Service does in front of a Deployment's
replicas, for the topology rehearsed on one machine (``tests/support/topology.py``).

Each new connection goes to the next replica in turn; a replica that refuses the
connection (stopped, restarting) is passed over for the next one, so a client sees a
failure only for the requests in flight on a connection to a replica that died, as it
would behind kube-proxy. Run as ``python -m tests.support.round_robin
LISTEN_PORT=HOST:PORT,HOST:PORT ...``, one listening port per service.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sys
from collections.abc import Sequence

import uvloop

CONNECT_SECONDS = 1.0


class RoundRobin:
    def __init__(self, replicas: Sequence[tuple[str, int]]) -> None:
        self.replicas = list(replicas)
        self._turn = itertools.cycle(range(len(self.replicas)))

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream = await self._connect()
        if upstream is None:
            writer.close()
            return
        up_reader, up_writer = upstream
        await asyncio.gather(
            _pipe(reader, up_writer), _pipe(up_reader, writer), return_exceptions=True
        )

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        for _ in range(len(self.replicas)):
            host, port = self.replicas[next(self._turn)]
            with contextlib.suppress(OSError, TimeoutError):
                return await asyncio.wait_for(
                    asyncio.open_connection(host, port), timeout=CONNECT_SECONDS
                )
        return None


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while chunk := await source.read(65536):
            sink.write(chunk)
            await sink.drain()
    finally:
        with contextlib.suppress(Exception):
            sink.close()


def parse(route: str) -> tuple[int, list[tuple[str, int]]]:
    """``8000=127.0.0.1:8001,127.0.0.1:8002``: the port to listen on, the replicas."""
    listen, _, targets = route.partition("=")
    replicas = []
    for target in targets.split(","):
        host, _, port = target.rpartition(":")
        replicas.append((host, int(port)))
    return int(listen), replicas


async def serve(routes: Sequence[str]) -> None:
    servers = []
    for route in routes:
        port, replicas = parse(route)
        balancer = RoundRobin(replicas)
        servers.append(await asyncio.start_server(balancer.handle, "127.0.0.1", port))
    print("round-robin ready", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


if __name__ == "__main__":
    uvloop.run(serve(sys.argv[1:]))
