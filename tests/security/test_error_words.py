"""A refused query costs the gateway little: its text is parsed up to ``max_tokens``
tokens, never further, and the last guard on an answer's errors (no message repeats a
text the caller sent) does its work once per answer: a query of a hundred errors is not
parsed again, nor walked once per error. Through real HTTP, in front of no service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLError, parse
from graphql.language import parser

from tests.security.limited_gateway import ME, caller, gateway
from trygnet_gateway import errors
from trygnet_gateway.errors import REFUSED, TextsSent, without_values_sent
from trygnet_gateway.settings import Limits


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """How often the gateway parses a query and walks its string literals."""
    counted = {"parses": 0, "walks": 0, "most tokens": 0}
    parse_document = parser.Parser.parse_document
    literals = errors._literals

    def parse(self: parser.Parser) -> Any:
        counted["parses"] += 1
        try:
            return parse_document(self)
        finally:
            counted["most tokens"] = max(counted["most tokens"], self.token_count)

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
    assert (walks["parses"], walks["walks"]) == (1, 1)


async def test_a_text_of_more_tokens_than_the_limit_is_parsed_no_further(
    walks: dict[str, int],
) -> None:
    limits = Limits(max_tokens=1_000)
    huge = "{ " + " ".join(f"x{n}" for n in range(50_000)) + " }"
    comments = "{ me { subject } }" + "\n#" * 50_000
    async with gateway(limits) as served, caller(served) as call:
        for text in (huge, comments):
            answer = await call(text)
            assert answer.status == 200 and answer.codes == ["GRAPHQL_PARSE_FAILED"]
            assert "more than 1000 tokens" in answer.first_error["message"]
            assert answer.first_error["extensions"]["field"] == "query"
        assert 0 < walks["most tokens"] <= limits.max_tokens + 1
        assert (await call(ME)).status == 200  # answered (UNAUTHENTICATED) right after


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


def test_the_token_limit_is_read_from_its_variable() -> None:
    assert Limits().max_tokens == 20_000
    assert Limits.from_env({"TRYGNET_GATEWAY_MAX_TOKENS": "500"}).max_tokens == 500
