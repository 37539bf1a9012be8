"""Budgets by cost, per person and per integration client; unauthenticated requests
limited per client address. A refusal is ``RATE_LIMITED`` with ``retryAfter``, HTTP 429
and a ``Retry-After`` header, and runs nothing. Through real HTTP, against a gateway of
small budgets (``me`` calls no service, so none is needed behind it)."""

from __future__ import annotations

import time

import pytest

from tests.actors.conftest import SECRET
from tests.security.limited_gateway import ME, Answer, caller, gateway
from trygnet_core.auth import Principal, issue_dev_token, tenant_id
from trygnet_gateway.budgets import Budgets, TokenBuckets
from trygnet_gateway.settings import Limits

ME_COST = 3  # me, subject, tenant
BUDGETS = Limits(
    rate_per_minute=1000,
    cost_per_minute=5 * ME_COST,
    client_cost_per_minute=8 * ME_COST,
    anonymous_per_minute=4,
)


def person(subject: str, tenant: str = "0101") -> str:
    return issue_dev_token(secret=SECRET, subject=subject, tenant=tenant, roles=["partner"])


def client(subject: str, tenant: str = "0101") -> str:
    return issue_dev_token(
        secret=SECRET, subject=subject, tenant=tenant, roles=["integration"], scopes=["read"]
    )


def assert_rate_limited(answer: Answer) -> None:
    assert answer.status == 429, answer.body
    assert answer.codes == ["RATE_LIMITED"] and answer.body.get("data") is None
    retry = answer.first_error["extensions"]["retryAfter"]
    assert isinstance(retry, int) and retry >= 1
    assert answer.headers["retry-after"] == str(retry)


async def test_one_person_out_of_budget_does_not_limit_another_of_the_municipality() -> None:
    async with gateway(BUDGETS) as served, caller(served) as call:
        answered = [await call(ME, person("alice")) for _ in range(6)]
        assert [a.codes for a in answered[:5]] == [[]] * 5
        assert_rate_limited(answered[5])
        bob = await call(ME, person("bob"))
        assert bob.codes == [] and bob.body["data"]["me"]["subject"] == "bob"
        elsewhere = await call(ME, person("alice", tenant="0851"))
        assert elsewhere.codes == []  # the same subject in another municipality: another user


async def test_costly_queries_spend_the_budget_faster_than_cheap_ones() -> None:
    wide = "{ me { subject tenant actorId } a: me { subject tenant actorId } }"  # 8
    async with gateway(BUDGETS) as served, caller(served) as call:
        assert (await call(wide, person("carol"))).codes == []  # 8 of 15 spent
        assert_rate_limited(await call(wide, person("carol")))  # 7 left: nothing taken
        assert (await call(ME, person("carol"))).codes == []  # 3 fit


async def test_each_integration_client_has_its_own_budget() -> None:
    async with gateway(BUDGETS) as served, caller(served) as call:
        answered = [await call(ME, client("sync-a")) for _ in range(9)]
        assert [a.codes for a in answered[:8]] == [[]] * 8
        assert_rate_limited(answered[8])
        assert (await call(ME, client("sync-b"))).codes == []
        assert (await call(ME, person("sync-a"))).codes == []  # a person of that name: apart


async def test_a_flood_without_a_valid_token_is_limited_by_address() -> None:
    async with gateway(BUDGETS) as served:
        async with caller(served, "127.0.0.2") as flood, caller(served) as other:
            known = person("dana")
            assert (await flood(ME, known)).codes == []  # verified once, remembered
            answered = [await flood(ME, None) for _ in range(4)]
            assert [a.codes for a in answered] == [["UNAUTHENTICATED"]] * 4
            assert_rate_limited(await flood(ME, None))
            assert_rate_limited(await flood(ME, "forged.token.here"))
            assert_rate_limited(await flood(ME, person("erin")))  # not verified: refused
            assert (await flood(ME, known)).codes == []  # known before the flood
            assert (await other(ME, person("frank"))).codes == []  # another address
            assert (await other(ME, None)).codes == ["UNAUTHENTICATED"]


async def test_forged_tokens_count_against_the_address_too() -> None:
    async with gateway(BUDGETS) as served, caller(served, "127.0.0.3") as call:
        answered = [await call(ME, f"forged-{n}") for n in range(4)]
        assert [a.codes for a in answered] == [["UNAUTHENTICATED"]] * 4
        assert_rate_limited(await call(ME, "forged-5"))


def test_buckets_are_bounded_however_many_callers_come() -> None:
    buckets = TokenBuckets(per_minute=10, kept=100)
    for n in range(10_000):
        assert buckets.take(f"address-{n}") == 0.0
    assert len(buckets) == 100
    budgets = Budgets(Limits(buckets_kept=50))
    for n in range(1_000):
        caller_ = Principal(subject=f"s{n}", tenant=tenant_id("0101"), roles=frozenset())
        assert budgets.charge(caller_, 1) is None
        assert budgets.unauthenticated(f"10.0.{n // 256}.{n % 256}") is None
    assert len(budgets.people_cost) == len(budgets.operations) == len(budgets.addresses) == 50


def test_a_refused_take_takes_nothing_and_says_how_long_to_wait() -> None:
    buckets = TokenBuckets(per_minute=60, kept=10)  # one a second
    assert buckets.take("k", 60) == 0.0
    wait = buckets.take("k", 30)
    assert 29 <= wait <= 30
    assert buckets.wait("k", 30) <= wait


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("2001:db8::1", "2001:db8::/64"),
        ("2001:db8::ffff:1", "2001:db8::/64"),
        ("10.1.2.3", "10.1.2.3"),
    ],
)
def test_an_ipv6_host_is_one_address_whatever_its_last_64_bits(address: str, key: str) -> None:
    from trygnet_gateway.budgets import address_key

    assert address_key(address) == key


def test_remembered_tokens_expire_with_the_token() -> None:
    from tests.support.platform import AUTH
    from trygnet_core.remembered_tokens import RememberedTokens

    tokens = RememberedTokens(AUTH, kept=2)
    short = issue_dev_token(
        secret=SECRET, subject="s", tenant="0101", roles=["partner"], ttl_seconds=2
    )
    assert tokens.known(short) is None
    assert tokens.verify(short).subject == "s"
    assert tokens.known(short) is not None
    time.sleep(2.1)
    assert tokens.known(short) is None
