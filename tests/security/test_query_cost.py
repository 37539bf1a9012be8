"""Every field has a cost: hostile queries are refused before anything runs.

Alias bombs over every root field of the schema (generated from the schema, not a hand
list), fragment fan-out (named and inline, spread again and again), deep selections and
huge pages: each is refused with ``BAD_USER_INPUT`` naming its cost and the limit,
never a 5xx, and an ordinary request is answered right after. Through real HTTP, in
front of the session's platform."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from tests.gateway.conftest import Platform, platform, tenant, token  # noqa: F401 (fixtures)
from tests.security.limited_gateway import (
    Answer,
    Caller,
    aliased,
    caller,
    gateway,
    root_call,
)
from trygnet_core.request_limits import RequestLimits
from trygnet_gateway.query_cost import DEFAULT_LIST_BOUND, LIST_BOUNDS, ROOT_COSTS, SHARED_COSTS
from trygnet_gateway.schema import build_schema
from trygnet_gateway.settings import Limits

SCHEMA = build_schema()._schema
QUERY_FIELDS = sorted(SCHEMA.query_type.fields) if SCHEMA.query_type else []
REPORTS = [
    "directory",
    "collaborationNetwork",
    "coordinationGaps",
    "incidentResponse",
    "safetyWalkReport",
    "outcomes",
    "contributions",
    "nationalOverview",
]
LIMITS = Limits(
    rate_per_minute=1_000_000,
    cost_per_minute=10**12,
    client_cost_per_minute=10**12,
    max_tokens=10**7,  # the bombs' texts are priced here, not cut off at the text's limit
)
BOMB = 2000
"""Aliases in a bomb: even ``me`` with its whole selection is refused that many times."""
BODY_ROOM = RequestLimits.for_gateway().max_body_bytes - 10_000
"""The bytes of a bomb's text, within the gateway's body limit."""
COST = re.compile(r"would cost ([\d,]+), more than ([\d,]+)")


@pytest.fixture
async def call(platform: Platform) -> AsyncIterator[Caller]:  # noqa: F811
    async with gateway(LIMITS, platform.services) as served, caller(served) as made:
        yield made


def refused_for_cost(answer: Answer) -> int:
    """The cost the gateway names, after checking the refusal names it and the limit."""
    assert answer.status == 200 and answer.codes == ["BAD_USER_INPUT"], answer.body
    error = answer.first_error
    found = COST.search(error["message"])
    assert found, error["message"]
    cost, limit = (int(n.replace(",", "")) for n in found.groups())
    assert error["extensions"]["cost"] == cost > limit == error["extensions"]["maxCost"]
    assert answer.body.get("data") is None
    return cost


async def answers_ordinary_requests(call: Caller, tenant: str) -> None:  # noqa: F811
    me = await call("{ me { tenant } }", token(tenant, "partner", actor="actor-1"))
    assert me.codes == [] and me.body["data"] == {"me": {"tenant": tenant}}
    actors = await call("{ actors(first: 5) { totalCount } }", token(tenant, "coordinator"))
    assert actors.codes == [] and actors.body["data"]["actors"]["totalCount"] == 0


def test_every_root_field_of_the_schema_has_a_declared_cost() -> None:
    for kind in (SCHEMA.query_type, SCHEMA.mutation_type, SCHEMA.subscription_type):
        assert kind is not None
        assert set(ROOT_COSTS[kind.name]) == set(kind.fields), kind.name
        assert all(cost >= 1 for cost in ROOT_COSTS[kind.name].values())


def test_every_declared_list_bound_names_a_list_of_the_schema() -> None:
    for name, bound in LIST_BOUNDS.items():
        owner, field = name.split(".")
        found = SCHEMA.get_type(owner)
        assert found is not None and field in found.fields, name  # type: ignore[attr-defined]
        assert "[" in str(found.fields[field].type), name  # type: ignore[attr-defined]
        assert bound >= 1
    assert DEFAULT_LIST_BOUND >= 1


def test_every_shared_cost_names_a_field_of_the_schema() -> None:
    for name, cost in SHARED_COSTS.items():
        owner, field = name.split(".")
        found = SCHEMA.get_type(owner)
        assert found is not None and field in found.fields, name  # type: ignore[attr-defined]
        assert cost >= 1


async def test_an_actors_contribution_over_many_periods_is_a_report_for_each(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    """Every actor of a page shares one read of the contributions report, but each other
    period is a report of its own: a hundred periods on one actor cost a hundred reports."""
    coordinator = token(tenant, "coordinator")
    periods = " ".join(
        f'c{n}: contribution(from: "2026-01-{n % 28 + 1:02}", to: "2026-{n // 28 + 2:02}-28")'
        " { actorId }"
        for n in range(100)
    )
    bomb = f"{{ actors(first: 1) {{ edges {{ node {{ {periods} }} }} }} }}"
    assert (
        refused_for_cost(await call(bomb, coordinator))
        >= 100 * ROOT_COSTS["Query"]["contributions"]
    )
    page = "{ actors(first: 100) { edges { node { id contribution { actorId hours } } } } }"
    answer = await call(page, coordinator)
    assert answer.codes == [] and answer.body["data"]["actors"]["edges"] == []
    await answers_ordinary_requests(call, tenant)


@pytest.mark.parametrize("field", QUERY_FIELDS)
async def test_an_alias_bomb_of_every_root_field_is_refused(
    call: Caller,
    tenant: str,  # noqa: F811
    field: str,
) -> None:
    partner = token(tenant, "partner", actor="actor-1")
    one = root_call(SCHEMA, field, depth=3)
    # as many aliases as the gateway's body limit lets through (beyond it the size refuses
    # it before any price): a bomb priced, not cut off
    count = min(BOMB, BODY_ROOM // (len(one) + 16))
    cost = refused_for_cost(await call(aliased(one, count), partner))
    # The largest bomb under the limit is priced the same way and answered, never a 5xx.
    under = count * LIMITS.max_cost // cost
    if under:  # (a full selection of some reports costs more than the limit alone)
        accepted = await call(aliased(one, under), partner)
        assert accepted.status == 200 and "cost" not in str(accepted.body.get("errors"))
    await answers_ordinary_requests(call, tenant)


@pytest.mark.parametrize("field", REPORTS)
async def test_a_few_hundred_aliased_reports_are_refused(
    call: Caller,
    tenant: str,  # noqa: F811
    field: str,
) -> None:
    small = {"coordinationGaps": "coordinationGaps { themes }"}.get(
        field, f"{field} {{ __typename }}"
    )
    refused_for_cost(await call(aliased(small, 300), token(tenant, "partner", actor="actor-1")))
    await answers_ordinary_requests(call, tenant)


async def test_the_network_with_its_nodes_and_actors_under_many_aliases_is_refused(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    network = "collaborationNetwork { nodes { actor { id name sector phone email } } }"
    refused_for_cost(await call(aliased(network, 1000), token(tenant, "partner", actor="a")))
    await answers_ordinary_requests(call, tenant)


INTROSPECTED_TYPES = (
    "types { name kind description fields { name description args { name description "
    "type { name kind ofType { name } } } type { name kind ofType { name kind ofType { name } } } "
    "} enumValues { name description } inputFields { name description type { name } } }"
)


async def test_introspection_is_priced_by_what_it_answers_and_counts_every_alias(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    """GraphiQL's whole introspection is answered; fifty copies of the schema's types
    under aliases (11 MB when it was priced flat) are refused, inside ``__schema`` or
    as aliases of it."""
    from graphql import get_introspection_query

    partner = token(tenant, "partner", actor="actor-1")
    whole = await call(get_introspection_query(descriptions=True), partner)
    assert whole.codes == [] and len(whole.body["data"]["__schema"]["types"]) > 100
    inside = " ".join(f"a{n}: {INTROSPECTED_TYPES}" for n in range(50))
    refused_for_cost(await call(f"{{ __schema {{ {inside} }} }}", partner))
    refused_for_cost(await call(aliased(f"__schema {{ {INTROSPECTED_TYPES} }}", 50), partner))
    await answers_ordinary_requests(call, tenant)


async def test_fragments_named_and_inline_count_every_time_they_are_spread(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    partner = token(tenant, "partner", actor="actor-1")
    once = refused_for_cost(await call(aliased("directory { count }", 500), partner))
    body = aliased("directory { count }", 500)[1:-1]
    named = f"{{ ...D ...D }} fragment D on Query {{ {body} }}"
    assert refused_for_cost(await call(named, partner)) == 2 * once
    inline = (
        f"{{ ... on Query {{ {body} }} ... {{ {body} }} ...D }} fragment D on Query {{ {body} }}"
    )
    assert refused_for_cost(await call(inline, partner)) == 3 * once
    await answers_ordinary_requests(call, tenant)


async def test_fragment_fan_out_is_priced_without_walking_every_path(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    """Ten fragments each spreading the next under ten aliases: 10^10 leaves. It is
    refused at once (each fragment is priced once), and the gateway keeps answering."""
    levels = 10
    fragments = [
        f"fragment F{n} on Actor {{ "
        + " ".join(f"p{k}: parent {{ ...F{n + 1} }}" for k in range(10))
        + " }"
        for n in range(levels)
    ]
    fragments.append(f"fragment F{levels} on Actor {{ id }}")
    query = '{ actor(id: "x") { ...F0 } } ' + " ".join(fragments)
    answer = await call(query, token(tenant, "coordinator"))
    assert answer.codes == ["BAD_USER_INPUT"], answer.body
    assert refused_for_cost(answer) >= 10**10
    await answers_ordinary_requests(call, tenant)


async def test_a_selection_deeper_than_the_limit_is_refused_even_through_fragments(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    deep = '{ actor(id: "x") { ' + "parent { " * 14 + "id" + " }" * 14 + " } }"
    answer = await call(deep, token(tenant, "coordinator"))
    assert answer.codes == ["BAD_USER_INPUT"] and "depth" in answer.first_error["message"]
    chain = " ".join(f"fragment P{n} on Actor {{ parent {{ ...P{n + 1} }} }}" for n in range(14))
    through = '{ actor(id: "x") { ...P0 } } ' + chain + " fragment P14 on Actor { id }"
    answer = await call(through, token(tenant, "coordinator"))
    assert answer.codes == ["BAD_USER_INPUT"] and "depth" in answer.first_error["message"]
    await answers_ordinary_requests(call, tenant)


async def test_a_huge_first_is_refused_as_a_literal_or_as_a_variable(
    call: Caller,
    tenant: str,  # noqa: F811
) -> None:
    coordinator = token(tenant, "coordinator")
    page = "edges { node { id name areas { name } } }"
    refused_for_cost(await call(f"{{ actors(first: 1000000000) {{ {page} }} }}", coordinator))
    by_variable = f"query($n: Int) {{ actors(first: $n) {{ {page} }} }}"
    refused_for_cost(await call(by_variable, coordinator, variables={"n": 1_000_000_000}))
    beyond_int = await call(f"{{ actors(first: {2**40}) {{ totalCount }} }}", coordinator)
    # Refused by the schema itself (GraphQL's Int is 32 bits), whichever code the
    # gateway gives the schema's refusals.
    assert beyond_int.codes in (["BAD_USER_INPUT"], ["GRAPHQL_VALIDATION_FAILED"])
    small = await call(by_variable, coordinator, variables={"n": 5})
    assert small.codes == [] and small.body["data"]["actors"]["edges"] == []
    await answers_ordinary_requests(call, tenant)


async def test_identical_reports_in_one_request_are_asked_of_reporting_once(
    platform: Platform,  # noqa: F811
    tenant: str,  # noqa: F811
) -> None:
    async with gateway(LIMITS, platform.services) as served, caller(served) as call:
        calls = served.app.state.services.calls
        query = aliased("coordinationGaps { themes }", 5)
        answer = await call(query, token(tenant, "coordinator"))
        assert answer.codes == [] and len(answer.body["data"]) == 5
        assert calls["reporting"] == 1
        twice = (
            "{ a: directory { count } b: directory { count } c: directory(theme: YOUTH) { count } }"
        )
        before = calls["reporting"]
        assert (await call(twice, token(tenant, "coordinator"))).codes == []
        assert calls["reporting"] - before == 2


def test_every_operation_the_portal_sends_is_within_the_limits() -> None:
    """The reference portal's operations (its trusted-documents manifest) are priced at
    the largest pages and still accepted: honest pages are not refused."""
    from graphql import parse, validate

    from trygnet_gateway.query_cost import price
    from trygnet_gateway.query_depth import depth_rule
    from trygnet_portal.operations import operations

    found = operations()
    assert found
    for name, document in found.items():
        parsed = parse(document)
        assert validate(SCHEMA, parsed, [depth_rule(LIMITS.max_depth)]) == [], name
        assert price(SCHEMA, parsed, None, {}, max_page=LIMITS.max_page) <= LIMITS.max_cost, name
