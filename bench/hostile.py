"""The most expensive queries each role can get accepted, and what they cost the platform.

    uv run python -m bench.hostile            # 98 municipalities; writes the figures
    uv run python -m bench.hostile --quick    # 8 municipalities, to bench/.work/hostile.json

It starts ``trygnet-run`` as ``make run`` does (the embedded broker, the four services
and the gateway as separate processes on SQLite, the demo data), with the gateway's
default query limits and the per-minute budgets out of the way (the search sends
hundreds of queries as one caller). Then, for each role (a coordinator, a partner and
the police of the largest municipality, an integration client, a national body), it
builds hostile queries from the schema's root fields:

- **alias bombs**: each root field with its whole selection, 1 to 3 levels deep, under
  as many aliases as the gateway's price (``trygnet_gateway.query_cost``) lets through;
- **distinct bombs**: each root field under as many aliases as get through, each with
  other arguments (areas, filters, days), so that no two are the same read;
- **largest pages**: each connection at the largest ``first`` with its whole selection.

Each accepted query is sent three times once the platform has settled, one at a time,
and timed from the request to the last byte of the answer on the same machine (its
server time, plus a loopback hop); the least of the three counts. The goal: nothing
accepted takes more than 1 s or answers more than 2 MB. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

import httpx
from graphql import (
    GraphQLEnumType,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_non_null_type,
    parse,
)

from bench.machine import machine_facts
from bench.platform import BENCH, Platform, settled, start
from tests.security.limited_gateway import full_selection, root_call
from trygnet_core.auth import issue_dev_token
from trygnet_gateway.query_cost import price
from trygnet_gateway.schema import build_schema
from trygnet_gateway.settings import Limits
from trygnet_platform.tokens import dev_secret

TENANT: Final = "0101"
GOAL_SECONDS: Final = 1.0
GOAL_BYTES: Final = 2_000_000
REPEATS: Final = 3
"""Each accepted query is sent this many times; the least time counts (the machine is
shared, and what others run only ever adds to a time)."""
LIMITS: Final = Limits()
REFUSALS: Final = frozenset({"BAD_USER_INPUT", "RATE_LIMITED", "GRAPHQL_PARSE_FAILED"})
"""The codes of a query refused by a limit (its cost, the budgets, its text's tokens)."""
SCHEMA: Final[GraphQLSchema] = build_schema()._schema


def cost(query: str) -> int:
    return price(SCHEMA, parse(query), None, {}, max_page=LIMITS.max_page)


def largest_bomb(calls: list[str]) -> tuple[str, int] | None:
    """The most of ``calls`` (aliased, in order) whose price is within the limit, and
    how many."""
    chosen: list[str] = []
    total = 0
    for call in calls:
        one = cost("{ " + call + " }")
        if total + one > LIMITS.max_cost:
            break
        chosen.append(call)
        total += one
    if not chosen:
        return None
    aliased = " ".join(f"a{n}: {call}" for n, call in enumerate(chosen))
    return "{ " + aliased + " }", len(chosen)


def variants(field: str, areas: list[str]) -> Iterator[str]:
    """The root field's arguments, made different from one alias to the next."""
    definition = SCHEMA.query_type.fields[field]  # type: ignore[union-attr]
    choices: list[list[str]] = []
    for name, argument in definition.args.items():
        named = get_named_type(argument.type)
        if name == "areaId":
            choices.append(["", *(f'areaId: "{a}"' for a in areas)])
        elif name == "asOf":
            days = (date(2026, 1, 1) + timedelta(days=n) for n in range(365))
            choices.append([f'asOf: "{d.isoformat()}"' for d in days])
        elif name == "search":
            choices.append([f'search: "{chr(97 + n)}"' for n in range(26)])
        elif isinstance(named, GraphQLEnumType):
            choices.append(["", *(f"{name}: {v}" for v in named.values)])
    for combination in itertools.product(*choices):
        given = ", ".join(part for part in combination if part)
        yield f"({given})" if given else ""


def hostile_queries(field: str, areas: list[str]) -> Iterator[tuple[str, tuple[str, int]]]:
    """(kind, (query, aliases)) for one root field, at the most aliases its price allows."""
    needs_id = any(
        is_non_null_type(a.type) and a.default_value is Undefined
        for a in SCHEMA.query_type.fields[field].args.values()  # type: ignore[union-attr]
    )
    for depth in (1, 2, 3):
        call = root_call(SCHEMA, field, depth)
        if "first" in SCHEMA.query_type.fields[field].args:  # type: ignore[union-attr]
            paged = call.replace(field, f"{field}(first: {LIMITS.max_page})", 1)
            if (found := largest_bomb([paged])) is not None:
                yield f"largest page, depth {depth}", found
        if (bomb := largest_bomb([call] * 5000)) is not None:
            yield f"alias bomb, depth {depth}", bomb
    if not needs_id:
        inner = get_named_type(SCHEMA.query_type.fields[field].type)  # type: ignore[union-attr]
        selection = (
            f" {{ {full_selection(SCHEMA, inner.name, 1)} }}" if hasattr(inner, "fields") else ""
        )
        calls = [
            f"{field}{args}{selection}" for args in itertools.islice(variants(field, areas), 5000)
        ]
        if (distinct := largest_bomb(calls)) is not None:
            yield "distinct bomb", distinct


async def send(http: httpx.AsyncClient, query: str, token: str) -> dict[str, Any]:
    began = time.perf_counter()
    response = await http.post(
        "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
    )
    seconds = time.perf_counter() - began
    body = (
        response.json()
        if response.headers.get("content-type", "").startswith("application/json")
        else {}
    )
    codes = sorted({e.get("extensions", {}).get("code", "?") for e in body.get("errors") or []})
    return {
        "status": response.status_code,
        "seconds": round(seconds, 3),
        "bytes": len(response.content),
        "codes": codes,
    }


def tokens(platform: Platform) -> dict[str, str]:
    found = json.loads((platform.folder / "tokens.json").read_text())[TENANT]
    integration = issue_dev_token(
        secret=dev_secret(platform.folder),
        subject="bench-integration",
        tenant=TENANT,
        roles=["integration"],
        scopes=["actors:write", "activities:write", "incidents:write"],
    )
    return {
        "coordinator": found["coordinator"],
        "partner": found["partner"],
        "police": found["police"],
        "integration": integration,
        "national": platform.tokens.national(),
    }


async def search(platform: Platform) -> dict[str, Any]:
    by_role: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=120) as http:
        coordinator = tokens(platform)["coordinator"]
        listed = await http.post(
            "/graphql",
            json={"query": "{ areas { id } }"},
            headers={"Authorization": f"Bearer {coordinator}"},
        )
        areas = [a["id"] for a in listed.json()["data"]["areas"]]
        for role, token in tokens(platform).items():
            tried = []
            fields = (
                ["nationalOverview", "me"]
                if role == "national"
                else sorted(SCHEMA.query_type.fields)
            )  # type: ignore[union-attr]
            for field in fields:
                for kind, (query, aliases) in hostile_queries(field, areas):
                    found = await send(http, query, token)
                    found.update(field=field, kind=kind, cost=cost(query), aliases=aliases)
                    refused = REFUSALS & set(found["codes"])
                    found["accepted"] = found["status"] == 200 and not refused
                    if found["accepted"]:  # the least of three: other processes add noise
                        again = [await send(http, query, token) for _ in range(REPEATS - 1)]
                        found["seconds"] = min([found["seconds"], *(a["seconds"] for a in again)])
                    tried.append(found)
            accepted = [t for t in tried if t["accepted"]]
            slowest = max(accepted, key=lambda t: t["seconds"])
            largest = max(accepted, key=lambda t: t["bytes"])
            by_role[role] = {
                "tried": len(tried),
                "accepted": len(accepted),
                "slowest": slowest,
                "largest": largest,
                "over_goal": [
                    t for t in accepted if t["seconds"] > GOAL_SECONDS or t["bytes"] > GOAL_BYTES
                ],
                "server_errors": [t for t in tried if t["status"] >= 500],
                "ten_slowest": sorted(accepted, key=lambda t: -t["seconds"])[:10],
                "refused": [
                    {k: t[k] for k in ("field", "kind", "codes", "cost")}
                    for t in tried
                    if not t["accepted"]
                ],
            }
            print(
                f"{role}: {len(accepted)}/{len(tried)} accepted; slowest {slowest['seconds']} s "
                f"({slowest['field']}, {slowest['kind']}); largest {largest['bytes']:,} B "
                f"({largest['field']}, {largest['kind']})",
                flush=True,
            )
    return by_role


async def measure(tenants: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="trygnet-hostile-") as where:
        platform = await start(Path(where) / ".trygnet", tenants)
        try:
            print(f"settled after {await settled(platform)} s", flush=True)
            roles = await search(platform)
        finally:
            await platform.stop()
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "tenants": tenants,
        "tenant": TENANT,
        "limits": {
            "max_cost": LIMITS.max_cost,
            "max_depth": LIMITS.max_depth,
            "max_page": LIMITS.max_page,
        },
        "goal": {"seconds": GOAL_SECONDS, "bytes": GOAL_BYTES},
        "roles": roles,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="8 municipalities, to bench/.work/")
    arguments = parser.parse_args()
    results = asyncio.run(measure(8 if arguments.quick else 98))
    if arguments.quick:
        (BENCH / ".work").mkdir(exist_ok=True)
        (BENCH / ".work" / "hostile.json").write_text(json.dumps(results, indent=2) + "\n")
        return
    from bench import report

    report.keep("hostile", results)


if __name__ == "__main__":
    main()
