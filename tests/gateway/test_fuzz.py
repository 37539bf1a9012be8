"""Schemathesis' GraphQL mode over the gateway and the real services: queries and
mutations generated from the schema, a bounded number of them, never a 5xx answer,
never an error without a code and never a stack trace or an exception's name."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from tests.gateway.conftest import Platform, token
from tests.support.leaks import LEAKS

EXAMPLES = 200
CODES = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "CONFLICT",
    "UNAVAILABLE",
    "TIMEOUT",
    "RATE_LIMITED",
}

for name, strategy in {
    "Date": st.dates(date(2000, 1, 1), date(2040, 1, 1)).map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1)).map(
        lambda d: nodes.String(d.replace(tzinfo=UTC).isoformat())
    ),
    "JSON": st.just(nodes.Object([])),
}.items():
    schemathesis.graphql.scalar(name, strategy)


def fuzz(url: str, bearer: str) -> tuple[int, list[dict[str, Any]]]:
    headers = {"Authorization": f"Bearer {bearer}"}
    schema = schemathesis.graphql.from_url(f"{url}/graphql", headers=headers, timeout=30)
    failures: list[dict[str, Any]] = []
    calls = 0

    @given(case=schema.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: CI stays reproducible
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        nonlocal calls
        calls += 1
        response = case.call(headers=headers, timeout=30)
        body = response.json() if response.content else {}
        uncoded = [
            e
            for e in body.get("errors") or []
            if (e.get("extensions") or {}).get("code") not in CODES
        ]
        leaked = LEAKS.search(response.text)
        if response.status_code >= 500 or uncoded or leaked:
            failures.append(
                {
                    "query": case.body,
                    "status": response.status_code,
                    "errors": uncoded,
                    "leaked": leaked.group(0) if leaked else None,
                }
            )

    check()
    return calls, failures


async def test_generated_queries_and_mutations_never_get_a_5xx(
    platform: Platform, tenant: str
) -> None:
    calls, failures = await asyncio.to_thread(fuzz, platform.gateway, token(tenant, "coordinator"))
    assert calls >= EXAMPLES // 2 and failures == []
