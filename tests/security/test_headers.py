"""Headers larger than the limit are refused with 431 ``TOO_LARGE`` while they are
read (the server keeps no more of them than the limit), and headers sent too slowly are
cut off: a client cannot hold a connection by never finishing its request."""

from __future__ import annotations

import asyncio

from tests.security.conftest import Ordinary, authorised
from tests.security.raw_http import exchange, head

HUGE = "a" * (1024 * 1024)


async def test_a_service_refuses_a_megabyte_of_headers(service: str) -> None:
    answer = await exchange(
        service, head("GET", service, "/actors", [*authorised().items(), ("X-Filler", HUGE)])
    )
    assert answer.status == 431 and answer.closed
    assert answer.json()["code"] == "TOO_LARGE" and answer.json()["field"] == "headers"
    await Ordinary.to_service(service)


async def test_the_gateway_refuses_a_megabyte_of_headers(gateway: str) -> None:
    answer = await exchange(
        gateway, head("GET", gateway, "/graphql", [*authorised().items(), ("X-Filler", HUGE)])
    )
    assert answer.status == 431 and answer.closed
    assert answer.json()["errors"][0]["extensions"]["code"] == "TOO_LARGE"
    await Ordinary.to_gateway(gateway)


async def _never_finishing(url: str) -> bytes:
    """Send the start of a request, then nothing: what comes back before the server
    closes the connection."""
    host = url.removeprefix("http://")
    reader, writer = await asyncio.open_connection(*host.split(":"))
    try:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout=60)
    finally:
        writer.close()


async def test_a_service_closes_a_connection_whose_headers_never_end(service: str) -> None:
    answered = await _never_finishing(service)
    assert answered.startswith(b"HTTP/1.1 408"), answered[:200]
    await Ordinary.to_service(service)


async def test_the_gateway_closes_a_connection_whose_headers_never_end(gateway: str) -> None:
    answered = await _never_finishing(gateway)
    assert answered.startswith(b"HTTP/1.1 408"), answered[:200]
    await Ordinary.to_gateway(gateway)
