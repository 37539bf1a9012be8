"""One field asked for thousands of times under one name: refused before validation.

graphql-core compares the fields of one response name with each other to check that they
merge; 3,000 copies of ``me { tenant }`` fit the gateway's default token limit and kept
that check busy for a second of CPU. The gateway refuses them first, naming the field,
through real HTTP with its default limits; the same field a hundred times, and an
ordinary request, are answered."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from graphql import parse

from tests.gateway.conftest import Platform, platform, tenant, token  # noqa: F401 (fixtures)
from tests.security.limited_gateway import Caller, caller, gateway
from trygnet_gateway.repeated_fields import MAX_REPEATS, most_repeated
from trygnet_gateway.settings import Limits

LIMITS = Limits(rate_per_minute=1_000_000, cost_per_minute=10**12, client_cost_per_minute=10**12)
"""The default shape limits (tokens, depth, cost); only the budgets out of the way."""


@pytest.fixture
async def call(platform: Platform) -> AsyncIterator[Caller]:  # noqa: F811
    async with gateway(LIMITS, platform.services) as served, caller(served) as made:
        yield made


async def test_one_field_repeated_thousands_of_times_is_refused_naming_it(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    partner = token(tenant, "partner", actor="actor-1")
    bomb = "{ " + "me { tenant } " * 3000 + "}"
    assert len(bomb.split()) < LIMITS.max_tokens, "within the token limit: parsed whole"
    refused = await call(bomb, partner)
    assert refused.status == 200 and refused.codes == ["BAD_USER_INPUT"], refused.body
    assert refused.first_error["extensions"]["field"] == "me"
    assert "3,000 times in one selection, more than 100" in refused.first_error["message"]
    assert refused.body.get("data") is None

    # Through fragments: inline, and named ones spreading each other (doubling each time).
    inline = "{ " + "... on Query { me { tenant } } " * 500 + "}"
    assert (await call(inline, partner)).first_error["extensions"]["field"] == "me"
    doubling = "fragment F0 on Query { me { tenant } }\n" + "\n".join(
        f"fragment F{n} on Query {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, 9)
    )
    answer = await call(doubling + "\n{ ...F8 }", partner)
    assert answer.codes == ["BAD_USER_INPUT"] and "256 times" in answer.first_error["message"]

    # At the limit it is an ordinary (if silly) query: answered.
    allowed = await call("{ " + "me { tenant } " * MAX_REPEATS + "}", partner)
    assert allowed.codes == [] and allowed.body["data"] == {"me": {"tenant": tenant}}
    me = await call("{ me { tenant } }", partner)
    assert me.codes == [] and me.body["data"] == {"me": {"tenant": tenant}}


async def test_deep_texts_are_answered_or_refused_never_an_internal_error(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    # Counted without recursion: a chain of 2,000 fragments spreading each other reaches
    # validation's own refusal, and inline fragments nested 150 deep (about as deep as
    # the parser takes) are answered; neither is an internal error.
    partner = token(tenant, "partner", actor="actor-1")
    chain = "\n".join(f"fragment F{n} on Query {{ ...F{n + 1} }}" for n in range(2_000))
    chain += "\nfragment F2000 on Query { me { tenant } }\n{ ...F0 }"
    refused = await call(chain, partner)
    assert refused.status == 200 and refused.codes == ["GRAPHQL_VALIDATION_FAILED"], refused.body
    assert refused.body.get("data") is None
    nested = "{ " + "... on Query { " * 150 + "me { tenant }" + " }" * 150 + " }"
    answered = await call(nested, partner)
    assert answered.codes == [] and answered.body["data"] == {"me": {"tenant": tenant}}


def test_the_count_is_per_selection_and_per_response_name() -> None:
    # Aliases are other names; a name under many parents is once in each selection.
    aliases = "{ " + " ".join(f"a{n}: me {{ tenant }}" for n in range(500)) + " }"
    assert most_repeated(parse(aliases)) is None
    nested = "{ me { " + "tenant " * (MAX_REPEATS + 1) + "} }"
    assert most_repeated(parse(nested)) == ("tenant", MAX_REPEATS + 1)
    # A fragment that spreads itself is for validation to refuse, not a loop here.
    cycle = "fragment A on Query { ...B me { tenant } }\nfragment B on Query { ...A }\n{ ...A }"
    assert most_repeated(parse(cycle)) is None
    # A long chain of fragments is counted through to its end, however long.
    chain = "\n".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(3_000))
    chain += "\nfragment F3000 on Query { me { tenant } }\n{ ...F0 }"
    assert most_repeated(parse(chain, max_tokens=50_000)) == ("me", 2**3_000)
