"""A deadline per request: a body trickled byte by byte is cut off with 408 ``TIMEOUT``;
a handler that runs past the request's deadline is answered 504 ``TIMEOUT`` without a
trace; a service that does not answer is ``UNAVAILABLE`` at the gateway once its client
timeout has passed, and ``TIMEOUT`` when the gateway's own deadline comes first. Each
answer comes only because a deadline passed: the slow parts never finish by themselves."""

from __future__ import annotations

import json

import httpx

from tests.security.conftest import Ordinary, authorised, gateway_settings, serving, slow_service
from tests.security.raw_http import exchange, head, trickle
from trygnet_core.request_limits import RequestLimits
from trygnet_gateway.app import create_app as gateway_app

BODY = json.dumps({"name": "SSP Brønshøj", "sector": "ssp", "themes": ["youth"] * 100}).encode()


def _headers(url: str, path: str) -> bytes:
    return head(
        "POST",
        url,
        path,
        [
            *authorised().items(),
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(BODY))),
        ],
    )


async def test_a_service_cuts_off_a_body_trickled_byte_by_byte(service: str) -> None:
    answer = await exchange(service, _headers(service, "/actors"), trickle(BODY))
    assert answer.status == 408 and answer.closed
    assert answer.json()["code"] == "TIMEOUT" and answer.json()["field"] == "body"
    assert answer.sent < len(BODY)
    await Ordinary.to_service(service)


async def test_the_gateway_cuts_off_a_body_trickled_byte_by_byte(gateway: str) -> None:
    answer = await exchange(gateway, _headers(gateway, "/graphql"), trickle(BODY))
    assert answer.status == 408 and answer.closed
    assert answer.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
    assert answer.sent < len(BODY)
    await Ordinary.to_gateway(gateway)


async def test_a_handler_past_the_deadline_is_answered_timeout_without_a_trace(
    service: str,
) -> None:
    async with serving(slow_service(RequestLimits(request_seconds=1))) as slow:
        async with httpx.AsyncClient(base_url=slow, timeout=60) as http:
            response = await http.get("/actors", headers=authorised())
            assert response.status_code == 504, response.text
            problem = response.json()
            assert problem["code"] == "TIMEOUT"
            assert "Traceback" not in response.text and "never" not in response.text
            assert (await http.get("/healthz")).status_code == 200
    await Ordinary.to_service(service)


_ACTORS = {"query": "{ actors(first: 1) { totalCount } }"}


async def test_a_service_that_does_not_answer_is_unavailable_at_the_gateway(service: str) -> None:
    async with serving(slow_service(RequestLimits(request_seconds=600))) as slow:
        settings = gateway_settings(slow, timeout=1.0)
        async with serving(gateway_app(settings)) as gateway:
            async with httpx.AsyncClient(base_url=gateway, timeout=60) as http:
                response = await http.post("/graphql", json=_ACTORS, headers=authorised())
                assert response.status_code == 200, response.text
                assert response.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
    await Ordinary.to_service(service)


async def test_the_gateway_answers_timeout_when_its_own_deadline_comes_first(
    service: str,
) -> None:
    async with serving(slow_service(RequestLimits(request_seconds=600))) as slow:
        settings = gateway_settings(
            slow,
            timeout=600.0,
            requests=RequestLimits.for_gateway().but(request_seconds=1),
        )
        async with serving(gateway_app(settings)) as gateway:
            async with httpx.AsyncClient(base_url=gateway, timeout=60) as http:
                response = await http.post("/graphql", json=_ACTORS, headers=authorised())
                assert response.status_code == 504, response.text
                assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
                assert "Traceback" not in response.text
        async with serving(gateway_app(gateway_settings(service))) as gateway:
            await Ordinary.to_gateway(gateway)
