"""Every answer of the gateway is GraphQL JSON with a coded error, whatever was sent:
over HTTP against the running platform (a query that does not parse or fit the schema,
a request without a query, a body that is not JSON, another content type, a mutation
sent with GET, an unknown operation name) and over graphql-transport-ws. The Python
helper ``docs/api.md`` gives reads every one of them. No message repeats a value sent.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from graphql import GraphQLError

from tests.gateway.conftest import GraphQL, Platform, token
from trygnet_gateway.errors import coded

API_MD = Path(__file__).resolve().parents[2] / "docs" / "api.md"
MARKER = 'Ahmed Hansen\'s; "MARKER" 4711'
ME = "{ me { subject } }"


def documented_helper() -> type[Exception]:
    """The ``GraphQLError`` class of the Python helper in ``docs/api.md``, as written."""
    for block in API_MD.read_text().split("```python")[1:]:
        code = block.split("```")[0]
        if "class GraphQLError" in code:
            tree = ast.parse(code)
            (helper,) = [n for n in tree.body if isinstance(n, ast.ClassDef)]
            scope: dict[str, Any] = {}
            exec(compile(ast.Module([helper], []), str(API_MD), "exec"), scope)
            error: type[Exception] = scope["GraphQLError"]
            return error
    raise AssertionError("docs/api.md has no Python helper")


def read_as_documented(answer: httpx.Response) -> tuple[int, str, str | None]:
    """The status, ``extensions.code`` and ``field`` of an answer, read the way the
    documented helper reads it (it must not fail on any answer)."""
    assert answer.headers["content-type"].startswith("application/json"), answer.text
    body = answer.json()
    raised = documented_helper()(body["errors"])
    field = body["errors"][0]["extensions"].get("field")
    return answer.status_code, raised.code, field  # type: ignore[attr-defined]


@pytest.fixture
def bearer() -> dict[str, str]:
    return {"Authorization": f"Bearer {token('0101', 'coordinator')}"}


REQUESTS = [
    pytest.param(
        "POST",
        {"json": {"query": "{ me { subject }"}},
        (200, "GRAPHQL_PARSE_FAILED", "query"),
        id="syntax-error",
    ),
    pytest.param(
        "POST",
        {"json": {"query": "{ me { nope } }"}},
        (200, "GRAPHQL_VALIDATION_FAILED", None),
        id="unknown-field",
    ),
    pytest.param("POST", {"json": {}}, (400, "BAD_USER_INPUT", "query"), id="no-query"),
    pytest.param(
        "POST", {"json": {"query": None}}, (400, "BAD_USER_INPUT", "query"), id="null-query"
    ),
    pytest.param("POST", {"json": {"query": 5}}, (400, "BAD_USER_INPUT", "query"), id="number"),
    pytest.param(
        "POST",
        {"content": b"{nope", "headers": {"Content-Type": "application/json"}},
        (400, "BAD_USER_INPUT", "body"),
        id="not-json",
    ),
    pytest.param("POST", {"json": "{ me }"}, (400, "BAD_USER_INPUT", "body"), id="json-string"),
    pytest.param("POST", {"json": [{"query": ME}]}, (400, "BAD_USER_INPUT", "body"), id="batch"),
    pytest.param(
        "POST",
        {"json": {"query": ME, "variables": "x"}},
        (400, "BAD_USER_INPUT", "variables"),
        id="variables-not-object",
    ),
    pytest.param(
        "POST",
        {"content": ME.encode(), "headers": {"Content-Type": "text/plain"}},
        (415, "BAD_USER_INPUT", "Content-Type"),
        id="text-plain",
    ),
    pytest.param(
        "POST",
        {"content": ME.encode(), "headers": {"Content-Type": "application/graphql"}},
        (415, "BAD_USER_INPUT", "Content-Type"),
        id="application-graphql",
    ),
    pytest.param(
        "GET",
        {"params": {"query": 'mutation { retireArea(input: {id: "a"}) { position } }'}},
        (405, "METHOD_NOT_ALLOWED", "query"),
        id="get-mutation",
    ),
    pytest.param(
        "GET",
        {"headers": {"Accept": "application/json"}},
        (400, "BAD_USER_INPUT", "query"),
        id="get-no-query",
    ),
    pytest.param(
        "POST",
        {"json": {"query": "query A { me { subject } }", "operationName": "B"}},
        (400, "BAD_USER_INPUT", "operationName"),
        id="unknown-operation-name",
    ),
    pytest.param(
        "POST",
        {"json": {"query": "fragment F on Me { subject }"}},
        (400, "BAD_USER_INPUT", "query"),
        id="no-operation",
    ),
    pytest.param(
        "POST",
        {"json": {"query": "subscription { incidentEvents { type } }"}},
        (400, "BAD_USER_INPUT", "query"),
        id="subscription-over-http",
    ),
    pytest.param("PUT", {"json": {"query": ME}}, (405, "METHOD_NOT_ALLOWED", None), id="put"),
    pytest.param("DELETE", {}, (405, "METHOD_NOT_ALLOWED", None), id="delete"),
    pytest.param("OPTIONS", {}, (405, "METHOD_NOT_ALLOWED", None), id="options"),
]


@pytest.mark.parametrize(("method", "sent", "expected"), REQUESTS)
async def test_every_answer_is_graphql_json_with_a_code(
    graphql: GraphQL,
    bearer: dict[str, str],
    method: str,
    sent: dict[str, Any],
    expected: tuple[int, str, str | None],
) -> None:
    headers = {**bearer, **sent.pop("headers", {})}
    answer = await graphql.http.request(method, "/graphql", headers=headers, **sent)
    assert read_as_documented(answer) == expected
    if answer.status_code == 405:
        assert answer.headers["allow"]


async def test_an_error_of_the_query_keeps_its_place_in_the_text(graphql: GraphQL) -> None:
    body = await graphql("{ me { subject }", None)
    assert body["errors"] == [
        {
            "message": "Syntax Error: Expected Name, found <EOF>.",
            "locations": [{"line": 1, "column": 17}],
            "extensions": {"code": "GRAPHQL_PARSE_FAILED", "field": "query"},
        }
    ]


QUERIES_WITH_VALUES = [
    # the query's own text: a string where a name belongs, a literal of the wrong type
    pytest.param(f'{{ me {{ subject }} x: "{MARKER}" }}', {}, "GRAPHQL_PARSE_FAILED", None),
    pytest.param(
        '{ actors(first: "Ahmed Hansen MARKER") { totalCount } }',
        {},
        "GRAPHQL_VALIDATION_FAILED",
        None,
    ),
    pytest.param(
        'mutation { registerActor(input: {name: "x", sector: "Ahmed MARKER"}) { position } }',
        {},
        "GRAPHQL_VALIDATION_FAILED",
        None,
    ),
    pytest.param(
        'mutation { registerActor(input: {name: "x", sector: AhmedMARKER}) { position } }',
        {},
        "GRAPHQL_VALIDATION_FAILED",
        None,
    ),
    # variables: named by the argument or input field they feed, not the variable
    pytest.param(
        "query($n: Int) { actors(first: $n) { totalCount } }",
        {"n": MARKER},
        "BAD_USER_INPUT",
        "first",
    ),
    pytest.param(
        'mutation($s: Sector!) { registerActor(input: {name: "x", sector: $s}) { position } }',
        {"s": MARKER},
        "BAD_USER_INPUT",
        "sector",
    ),
    pytest.param(
        "mutation($a: RegisterActorInput!) { registerActor(input: $a) { position } }",
        {"a": {"name": "x", "sector": MARKER}},
        "BAD_USER_INPUT",
        "sector",
    ),
    pytest.param(  # a suggestion follows the enum's name
        "mutation($a: RegisterActorInput!) { registerActor(input: $a) { position } }",
        {"a": {"name": "x", "sector": "ssp"}},
        "BAD_USER_INPUT",
        "sector",
    ),
    pytest.param(
        "mutation($a: RegisterActorInput!) { registerActor(input: $a) { position } }",
        {"a": {"name": MARKER}},
        "BAD_USER_INPUT",
        "sector",
    ),
    pytest.param(
        "mutation($a: RegisterActorInput!) { registerActor(input: $a) { position } }",
        {"a": {"name": "x", "sector": "SSP", "bogus": MARKER}},
        "BAD_USER_INPUT",
        "input",
    ),
    pytest.param(
        "mutation($a: RegisterActorInput!) { registerActor(input: $a) { position } }",
        {"a": MARKER},
        "BAD_USER_INPUT",
        "input",
    ),
    pytest.param(
        'mutation($l: [Level!]!) { registerActor(input: {name: "x", sector: SSP, levels: $l})'
        " { position } }",
        {"l": ["FRONTLINE", MARKER]},
        "BAD_USER_INPUT",
        "levels[1]",
    ),
    pytest.param(
        "mutation($w: DateTime!) { reportIncident(input: {kind: SHOOTING, severity: 2, "
        'areaId: "a", place: "p", occurredAt: $w, reportingActorId: "b", summary: "s"})'
        " { position } }",
        {"w": MARKER},
        "BAD_USER_INPUT",
        "occurredAt",
    ),
]


@pytest.mark.parametrize(("query", "variables", "code", "field"), QUERIES_WITH_VALUES)
async def test_a_refusal_names_the_field_and_never_repeats_the_value(
    graphql: GraphQL, query: str, variables: dict[str, Any], code: str, field: str | None
) -> None:
    body = await graphql(query, token("0101", "coordinator"), **variables)
    error = body["errors"][0]
    assert error["extensions"]["code"] == code, error
    assert error["extensions"].get("field") == field or code != "BAD_USER_INPUT"
    if field:
        assert error["message"].startswith(f"{field}: ")
        assert error["message"] != f"{field}: is not a valid value."  # it says what is wrong
    for part in ("Ahmed", "MARKER", "4711"):
        assert part not in json.dumps(body)


async def subscribe_once(platform: Platform, payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The messages one graphql-transport-ws subscription receives until it ends."""
    url = platform.gateway.replace("http://", "ws://") + "/graphql"
    received = []
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as socket:
        bearer = token("0101", "coordinator")
        await socket.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {bearer}"}}
            )
        )
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        async for message in socket:
            received.append(json.loads(message))
            if received[-1]["type"] in ("error", "complete"):
                break
    return received


SUBSCRIPTIONS = [
    pytest.param({"query": "subscription { incidentEvents { type }"}, "GRAPHQL_PARSE_FAILED"),
    pytest.param(
        {"query": "subscription { incidentEvents { nope } }"}, "GRAPHQL_VALIDATION_FAILED"
    ),
    pytest.param(
        {
            "query": "subscription($a: ID) { incidentEvents(areaId: $a) { type } }",
            "variables": {"a": {"x": MARKER}},
        },
        "BAD_USER_INPUT",
    ),
    pytest.param(
        {"query": "subscription A { incidentEvents { type } }", "operationName": "B"},
        "BAD_USER_INPUT",
    ),
]


@pytest.mark.parametrize(("payload", "code"), SUBSCRIPTIONS)
async def test_over_a_websocket_every_refusal_is_an_error_message_with_a_code(
    platform: Platform, payload: dict[str, Any], code: str
) -> None:
    received = await subscribe_once(platform, payload)
    assert [m["type"] for m in received] == ["error"], received
    (error,) = received[0]["payload"]
    assert error["extensions"]["code"] == code
    assert "MARKER" not in json.dumps(received)


def test_a_fault_in_the_gateway_is_internal_with_no_detail() -> None:
    try:
        raise KeyError("actorId of Ahmed Hansen")
    except KeyError as error:
        answered = coded(GraphQLError("x", original_error=error))
    assert answered.extensions == {"code": "INTERNAL"} and answered.message == "internal error"
