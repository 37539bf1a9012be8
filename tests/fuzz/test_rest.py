"""Schemathesis over each service's own OpenAPI (``/openapi.json``), against the real
platform over HTTP: for every operation a bounded, derandomised number of valid and of
invalid requests with a coordinator's token of a fresh municipality (so writes get past
authorisation and reach validation and the domain), and of valid ones with a partner's.
Valid requests name the small world ``world.py`` builds there (and what they create
themselves), so they reach the domain rather than stop at "not found"; the command
routes' bodies come from ``bodies.py``. No answer is a 5xx, no body shows a stack trace
or an exception's name, every error is ``application/problem+json`` with a ``code``, and
what the OpenAPI documents for a status is what the body holds.

The one 5xx allowed is the reports' designed ``504 TIMEOUT`` for a ``consistentWith`` the
projections have not reached; the wait for it is cut to a fifth of a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.fuzz.bodies import describe_command_bodies, kind_in_path, name_the_world
from tests.fuzz.world import World, build_world
from tests.gateway.conftest import Platform, token
from tests.support.leaks import LEAKS
from trygnet_activities.api.commands import TABLE as ACTIVITIES_COMMANDS
from trygnet_actors.api.commands import TABLE as ACTORS_COMMANDS
from trygnet_incidents.api.commands import TABLE as INCIDENTS_COMMANDS

# schemathesis' own strategies draw from ``random``, which Hypothesis deprecates.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")

_SCALE = int(os.environ.get("TRYGNET_FUZZ_SCALE", "1"))
EXAMPLES = {GenerationMode.POSITIVE: 12 * _SCALE, GenerationMode.NEGATIVE: 8 * _SCALE}
"""Per operation and mode (``TRYGNET_FUZZ_SCALE=5`` looks five times as hard, by hand)."""
COMMANDS = {
    "actors": ACTORS_COMMANDS,
    "activities": ACTIVITIES_COMMANDS,
    "incidents": INCIDENTS_COMMANDS,
}
_WAIT_CAP = 0.2


@dataclass
class Run:
    operations: int = 0
    calls: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    faults: list[dict[str, Any]] = field(default_factory=list)
    nonconforming: list[dict[str, Any]] = field(default_factory=list)
    unsatisfiable: list[str] = field(default_factory=list)


def _shorter_wait(case: Any) -> None:
    """Keep a read-your-writes wait short: the fuzzer names writes that never happen."""
    query = case.query or {}
    try:
        wait = float(query.get("wait"))
    except (TypeError, ValueError):
        return
    if _WAIT_CAP < wait <= 30:
        query["wait"] = str(_WAIT_CAP)


def _fault(case: Any, response: Any) -> str | None:
    """What is wrong with the answer, if anything."""
    text = response.content.decode("utf-8", "replace")
    if leak := LEAKS.search(text):
        return f"body shows {leak.group(0)!r}"
    status = response.status_code
    if status < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/problem+json"):
        return f"error without problem+json: {content_type}"
    try:
        body = json.loads(text)
    except ValueError:
        return "problem body is not JSON"
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        return "problem without a code"
    if body.get("status") != status:
        return f"problem's status {body.get('status')} is not the answer's"
    timed_out = (
        status == 504 and body["code"] == "TIMEOUT" and "consistentWith" in (case.query or {})
    )
    if status >= 500 and not timed_out:
        return f"{status} {body['code']}"
    return None


def _record(run: Run, case: Any, response: Any, mode: GenerationMode) -> None:
    run.calls += 1
    run.statuses[response.status_code] = run.statuses.get(response.status_code, 0) + 1
    seen = {
        "operation": case.operation.label,
        "mode": mode.value,
        "status": response.status_code,
        "path": case.formatted_path,
        "query": case.query,
        "body": case.body if not callable(getattr(case.body, "read", None)) else "<file>",
        "answer": response.content[:600].decode("utf-8", "replace"),
    }
    if problem := _fault(case, response):
        run.faults.append({**seen, "fault": problem})
    if response.status_code < 500:
        try:
            response_schema_conformance(None, response, case)  # type: ignore[arg-type]
        except FailureGroup as group:
            titles = sorted({failure.title for failure in group.exceptions})
            run.nonconforming.append({**seen, "fault": titles})
        except Exception as failure:  # a single failure is raised as itself
            run.nonconforming.append({**seen, "fault": getattr(failure, "title", repr(failure))})


def _real_path(operation: Any, world: World) -> dict[str, str]:
    """The operation's path parameters that name something of the world, its first one."""
    names = [parameter.name for parameter in operation.path_parameters]
    kinds = {name: kind_in_path(operation.path, name) for name in names}
    return {name: world.ids[kind][0] for name, kind in kinds.items() if world.ids.get(kind)}


def _fuzz_operation(
    run: Run, operation: Any, mode: GenerationMode, call: Callable[[Any], Any], world: World
) -> None:
    # Valid requests go to what exists; invalid ones anywhere (not found is an answer too).
    path = _real_path(operation, world) if mode.is_positive else None
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path or None)

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,  # the same requests on every run: CI stays reproducible
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        _shorter_wait(case)
        response = call(case)
        _record(run, case, response, mode)
        if response.status_code < 300:
            with contextlib.suppress(ValueError):
                world.add(response.json())

    try:
        check()
    except Unsatisfiable:
        run.unsatisfiable.append(f"{operation.label} ({mode.value})")


def fuzz(
    url: str, service: str, bearer: str, world: World, modes: tuple[GenerationMode, ...]
) -> Run:
    openapi = httpx.get(f"{url}/openapi.json", timeout=30).json()
    describe_command_bodies(openapi, COMMANDS.get(service, ()))
    name_the_world(openapi, world.ids)
    schema = schemathesis.openapi.from_dict(openapi)
    headers = {"Authorization": f"Bearer {bearer}"}
    run = Run()
    with requests.Session() as session:

        def call(case: Any) -> Any:
            return case.call(base_url=url, session=session, headers=headers, timeout=30)

        for result in schema.get_all_operations():
            operation = result.ok()
            run.operations += 1
            for mode in modes:
                _fuzz_operation(run, operation, mode, call, world)
    return run


SERVICES = ("actors", "activities", "incidents", "reporting")


@pytest.mark.parametrize(
    ("service", "role"),
    [(service, "coordinator") for service in SERVICES]
    + [(service, "partner") for service in SERVICES],
)
async def test_generated_requests_never_get_a_5xx_or_a_stack_trace(
    platform: Platform, tenant: str, service: str, role: str
) -> None:
    """A coordinator's requests, valid and invalid; a partner's (staff of one of the
    world's actors), valid only: the same inputs meet the partners' rights instead."""
    world = await build_world(platform, token(tenant, "coordinator"))
    bearer = token(tenant, role, actor=world.ids["actor"][0] if role == "partner" else None)
    modes = tuple(EXAMPLES) if role == "coordinator" else (GenerationMode.POSITIVE,)
    began = time.perf_counter()
    run = await asyncio.to_thread(fuzz, platform.services[service], service, bearer, world, modes)
    print(
        f"{service} as {role}: {run.operations} operations, {run.calls} requests"
        f" in {time.perf_counter() - began:.1f} s, statuses {dict(sorted(run.statuses.items()))};"
        f" nothing invalid to generate for {run.unsatisfiable}"
    )
    assert run.calls >= run.operations * sum(EXAMPLES[mode] for mode in modes) // 3
    assert run.faults == [], json.dumps(run.faults[:10], indent=1, default=str)
    assert run.nonconforming == [], json.dumps(run.nonconforming[:10], indent=1, default=str)
