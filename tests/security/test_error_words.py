"""The last guard on an answer's errors (no message repeats a text the caller sent)
does its work once per answer: a query of a hundred errors is not parsed again, nor
walked once per error. Through real HTTP, in front of no service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLError, parse
from graphql.language import parser

from tests.security.limited_gateway import caller, gateway
from trygnet_gateway import errors
from trygnet_gateway.errors import REFUSED, TextsSent, without_values_sent
from trygnet_gateway.settings import Limits


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """How often the gateway parses a query and walks its string literals."""
    counted = {"parses": 0, "walks": 0}
    parse_document = parser.Parser.parse_document
    literals = errors._literals

    def parse(self: parser.Parser) -> Any:
        counted["parses"] += 1
        return parse_document(self)

    def walk(document: Any) -> list[str]:
        counted["walks"] += 1
        return literals(document)

    monkeypatch.setattr(parser.Parser, "parse_document", parse)
    monkeypatch.setattr(errors, "_literals", walk)
    yield counted


async def test_an_answer_of_a_hundred_errors_parses_and_walks_the_query_once(
    walks: dict[str, int],
) -> None:
    unknown = " ".join(f'x{n}(name: "text {n}")' for n in range(300))
    query = f"query Many {{ {unknown} }}"
    async with gateway(Limits()) as served, caller(served) as call:
        answer = await call(query)
    assert answer.status == 200 and len(answer.codes) > 100
    assert set(answer.codes) == {"GRAPHQL_VALIDATION_FAILED"}
    assert walks == {"parses": 1, "walks": 1}


def test_a_message_holding_a_text_sent_says_only_where_it_is_wrong() -> None:
    sent = TextsSent({"input": {"name": ["x", "Ahmed Hansen"]}}, None)
    leaking = GraphQLError(
        "no actor named Ahmed Hansen here",
        extensions={"code": "BAD_USER_INPUT", "field": "name"},
    )
    assert without_values_sent(leaking, sent).message == f"name: {REFUSED}"
    clean = GraphQLError("name is too long", extensions={"code": "BAD_USER_INPUT"})
    assert without_values_sent(clean, sent) is clean
    in_the_query = TextsSent({}, parse('{ actors(after: "Ahmed Hansen") { __typename } }'))
    assert without_values_sent(leaking, in_the_query).message == f"name: {REFUSED}"
    other = GraphQLError("Ahmed Hansen", extensions={"code": "CONFLICT"})
    assert without_values_sent(other, sent) is other
