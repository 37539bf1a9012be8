"""A body larger than the limit is refused with 413 ``TOO_LARGE`` before it is read:
at once when Content-Length says so, as soon as the limit is passed when the body is
chunked; the server then closes the connection, so the client is cut off early."""

from __future__ import annotations

from tests.security.conftest import Ordinary, authorised
from tests.security.raw_http import exchange, head, pieces

SIXTY_MB = 60 * 1024 * 1024


def _headers(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [*authorised().items(), ("Content-Type", "application/json"), *extra]


async def test_a_service_refuses_a_60_mb_body_from_its_content_length_alone(
    service: str,
) -> None:
    answer = await exchange(
        service, head("POST", service, "/actors", _headers(("Content-Length", str(SIXTY_MB))))
    )
    assert answer.status == 413
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "TOO_LARGE" and answer.json()["field"] == "body"
    assert answer.sent == 0 and answer.closed  # answered with no byte of the body sent
    await Ordinary.to_service(service)


async def test_a_service_cuts_off_a_chunked_body_once_it_passes_the_limit(service: str) -> None:
    request = head("POST", service, "/actors", _headers(("Transfer-Encoding", "chunked")))
    answer = await exchange(service, request, pieces(SIXTY_MB, chunked=True))
    assert answer.status == 413 and answer.json()["code"] == "TOO_LARGE"
    assert answer.sent < SIXTY_MB // 2, "the server read on past its limit"
    await Ordinary.to_service(service)


async def test_a_csv_upload_has_a_limit_of_its_own(service: str) -> None:
    """Larger than a JSON body may be, smaller than the import's limit: taken; larger: 413."""
    csv = [*authorised().items(), ("Content-Type", "text/csv")]
    two_mb = 2 * 1024 * 1024
    taken = await exchange(
        service,
        head(
            "POST", service, "/imports/actors?dryRun=true", [*csv, ("Content-Length", str(two_mb))]
        ),
        pieces(two_mb),
    )
    assert taken.status != 413 and taken.status < 500, taken.body[:300]
    refused = await exchange(
        service,
        head("POST", service, "/imports/actors", [*csv, ("Content-Length", str(SIXTY_MB))]),
    )
    assert refused.status == 413 and refused.json()["code"] == "TOO_LARGE"
    await Ordinary.to_service(service)


async def test_the_gateway_refuses_a_60_mb_body_from_its_content_length_alone(
    gateway: str,
) -> None:
    answer = await exchange(
        gateway, head("POST", gateway, "/graphql", _headers(("Content-Length", str(SIXTY_MB))))
    )
    assert answer.status == 413
    assert answer.json()["errors"][0]["extensions"]["code"] == "TOO_LARGE"
    assert answer.sent == 0 and answer.closed
    await Ordinary.to_gateway(gateway)


async def test_the_gateway_cuts_off_a_chunked_body_once_it_passes_the_limit(gateway: str) -> None:
    request = head("POST", gateway, "/graphql", _headers(("Transfer-Encoding", "chunked")))
    answer = await exchange(gateway, request, pieces(SIXTY_MB, chunked=True))
    assert answer.status == 413
    assert answer.json()["errors"][0]["extensions"]["code"] == "TOO_LARGE"
    assert answer.sent < SIXTY_MB // 2, "the gateway read on past its limit"
    await Ordinary.to_gateway(gateway)
