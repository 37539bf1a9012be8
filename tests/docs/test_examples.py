"""Every GraphQL example of README.md, docs/api.md and docs/gateway.md runs against the
whole platform started as `make run` starts it (``trygnet-run``, its demo data of three
municipalities, its ``tokens.json``) and answers what the docs show: no errors, or the
error codes shown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.docs.examples import Example, examples, token_of
from tests.platform.runs import Run, trygnet_run

EXAMPLES = examples()


@pytest.fixture(scope="module")
async def run(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Run]:
    folder: Path = tmp_path_factory.mktemp("docs") / "trygnet"
    async with trygnet_run(folder, "--tenants", "3") as started:
        await started.wait_for("Trygnet is ready", timeout=280)
        yield started


def test_the_docs_hold_graphql_examples_with_variables_and_other_tokens() -> None:
    assert len(EXAMPLES) >= 8
    assert any(e.variables for e in EXAMPLES), "an example with its variables"
    assert any(e.token == ("national",) for e in EXAMPLES), "an example of a national body"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.where for e in EXAMPLES])
async def test_the_example_answers_what_the_docs_show(run: Run, example: Example) -> None:
    token = token_of(run.tokens(), example.token)
    async with httpx.AsyncClient(timeout=60) as http:
        response = await http.post(
            run.graphql,
            json={"query": example.query, "variables": example.variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    body: dict[str, Any] = response.json()
    errors = body.get("errors") or []
    if example.codes:
        assert [e.get("extensions", {}).get("code") for e in errors] == example.codes, body
    else:
        assert response.status_code == 200 and not errors, body
        assert body["data"], body
