"""JSON nested deeper than the limit, and GraphQL requests with too many variables or
variables nested too deep, are refused as ``BAD_USER_INPUT`` before they are parsed:
never a 5xx (a body nested tens of thousands of levels deep answered 500)."""

from __future__ import annotations

import json

import httpx

from tests.security.conftest import Ordinary, authorised

DEEP = 50_000


def _deep_list(levels: int) -> str:
    return "[" * levels + "]" * levels


async def test_a_service_refuses_a_body_nested_fifty_thousand_levels_deep(service: str) -> None:
    body = '{"name": "SSP", "sector": "ssp", "themes": ' + _deep_list(DEEP) + "}"
    async with httpx.AsyncClient(base_url=service, timeout=30) as http:
        response = await http.post(
            "/actors",
            content=body,
            headers={**authorised(), "Content-Type": "application/json"},
        )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "BAD_USER_INPUT" and problem["field"] == "body"
    assert "[[" not in response.text  # nothing of what was sent comes back
    await Ordinary.to_service(service)


async def test_a_text_never_closed_is_measured_in_one_pass(service: str) -> None:
    """A text opened and never closed, full of escaped quotes: the depth search once
    began again at each quote and read to the end from there, hours of one core for
    this body (under the body limit), the service answering nobody meanwhile."""
    body = '{"themes": ' + "[" * 40 + '"' + '\\"' * 300_000
    async with httpx.AsyncClient(base_url=service, timeout=30) as http:
        response = await http.post(
            "/actors", content=body, headers={**authorised(), "Content-Type": "application/json"}
        )
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "BAD_USER_INPUT" and response.json()["field"] == "body"
    await Ordinary.to_service(service)


async def test_json_inside_strings_is_not_nesting(service: str) -> None:
    """Brackets inside a text are letters, not depth: such a body is taken."""
    body = json.dumps({"name": "[[[[" * 40 + "{", "sector": "ssp"})
    async with httpx.AsyncClient(base_url=service, timeout=30) as http:
        response = await http.post(
            "/actors", content=body, headers={**authorised(), "Content-Type": "application/json"}
        )
    assert response.status_code == 201, response.text


async def _graphql(gateway: str, body: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=gateway, timeout=30) as http:
        return await http.post(
            "/graphql", content=body, headers={**authorised(), "Content-Type": "application/json"}
        )


def _code(response: httpx.Response) -> tuple[str, str | None]:
    error = response.json()["errors"][0]
    return error["extensions"]["code"], error["extensions"].get("field")


async def test_the_gateway_refuses_variables_nested_fifty_thousand_levels_deep(
    gateway: str,
) -> None:
    query = "query ($a: [ID!]) { actors(first: 1) { totalCount } }"
    body = '{"query": ' + json.dumps(query) + ', "variables": {"a": ' + _deep_list(DEEP) + "}}"
    response = await _graphql(gateway, body)
    assert response.status_code == 422, response.text
    assert _code(response) == ("BAD_USER_INPUT", "body")
    await Ordinary.to_gateway(gateway)


async def test_the_gateway_refuses_variables_nested_deeper_than_its_variable_limit(
    gateway: str,
) -> None:
    """Within the body's depth, but deeper than any input of the schema goes."""
    nested: object = "x"
    for _ in range(20):
        nested = {"a": nested}
    body = json.dumps({"query": "{ actors(first: 1) { totalCount } }", "variables": {"v": nested}})
    response = await _graphql(gateway, body)
    assert response.status_code == 422, response.text
    assert _code(response) == ("BAD_USER_INPUT", "variables")
    await Ordinary.to_gateway(gateway)


async def test_the_gateway_refuses_too_many_variables(gateway: str) -> None:
    variables = {f"v{n}": n for n in range(10_000)}
    body = json.dumps({"query": "{ actors(first: 1) { totalCount } }", "variables": variables})
    response = await _graphql(gateway, body)
    assert response.status_code == 422, response.text
    assert _code(response) == ("BAD_USER_INPUT", "variables")
    await Ordinary.to_gateway(gateway)


async def test_the_gateway_refuses_too_many_variables_in_a_get_request(gateway: str) -> None:
    variables = json.dumps({f"v{n}": n for n in range(60)})
    async with httpx.AsyncClient(base_url=gateway, timeout=30) as http:
        response = await http.get(
            "/graphql",
            params={"query": "{ actors(first: 1) { totalCount } }", "variables": variables},
            headers=authorised(),
        )
    assert response.status_code == 422, response.text
    assert _code(response) == ("BAD_USER_INPUT", "variables")
    await Ordinary.to_gateway(gateway)
