"""Every example of README.md, docs/api.md and docs/gateway.md runs against the whole
platform started as `make run` starts it (``trygnet-run``, its demo data of three
municipalities, its ``tokens.json`` in a `.trygnet/` folder) and answers what the docs
show: no errors, or the error codes shown (and the event types a subscription shows).

GraphQL examples are sent with the token their text names; shell examples (curl) run
in bash, Python examples in one interpreter per page (``python_session``), JavaScript
examples in Node.js, each in the folder holding `.trygnet/`, with the docs' address
`127.0.0.1:8000` turned into the test platform's port and nothing else changed: an
example that uses a variable it does not define fails."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.docs.examples import ROOT, Example, Snippet, examples, snippets, token_of
from tests.platform.runs import Run, trygnet_run

EXAMPLES = examples()
SHELL = snippets("sh")
PYTHON = snippets("python")
JAVASCRIPT = snippets("js")
PAGES = sorted({p.where.split(":")[0] for p in PYTHON})
CODES = re.compile(r"""["']code["']\s*:\s*["']([A-Z_]+)["']""")
TYPES = re.compile(r'"type"\s*:\s*"([A-Za-z]+)"')


@pytest.fixture(scope="module")
async def run(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Run]:
    folder: Path = tmp_path_factory.mktemp("reader") / ".trygnet"
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


def test_the_docs_hold_shell_python_and_javascript_examples() -> None:
    assert len(SHELL) >= 4 and any("README.md" in s.where for s in SHELL)
    assert len(PYTHON) >= 8 and any(p.alongside for p in PYTHON), "a subscription"
    assert JAVASCRIPT, "a JavaScript example"


def on_the_test_platform(run: Run, code: str) -> str:
    """The example as the docs give it, sent to the test platform's port."""
    return code.replace("127.0.0.1:8000", f"127.0.0.1:{run.port}")


def agrees(shown: str, answered: str) -> None:
    """What an example printed agrees with the output the docs show: the same error
    codes (none where none is shown), and every event type shown."""
    assert sorted(set(CODES.findall(answered))) == sorted(set(CODES.findall(shown))), answered
    if not CODES.findall(shown):
        assert not re.search(r"""["']errors["']""", answered), answered
    for shown_type in TYPES.findall(shown):
        assert f'"type": "{shown_type}"' in answered or f'"type":"{shown_type}"' in answered


async def ran(*command: str, cwd: Path, stdin: bytes = b"") -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=cwd,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin), 300)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


@pytest.mark.parametrize("snippet", SHELL, ids=[s.where for s in SHELL])
async def test_the_shell_example_answers_what_the_docs_show(run: Run, snippet: Snippet) -> None:
    for tool in ("bash", "curl", "jq", "python3"):
        if tool in snippet.code and not shutil.which(tool):
            pytest.skip(f"{tool} is not installed here")
    code, out, err = await ran(
        "bash",
        "-euo",
        "pipefail",
        "-c",
        on_the_test_platform(run, snippet.code),
        cwd=run.folder.parent,
    )
    assert code == 0, err
    body: dict[str, Any] = json.loads(out)
    agrees(snippet.shown, out)
    if not CODES.findall(snippet.shown):
        assert body["data"], body


@pytest.mark.parametrize("page", PAGES)
async def test_the_python_examples_of_a_page_run_in_order(
    run: Run, page: str, tmp_path: Path
) -> None:
    ours = [p for p in PYTHON if p.where.startswith(f"{page}:")]
    given = [
        {"where": p.where, "code": on_the_test_platform(run, p.code), "alongside": p.alongside}
        for p in ours
    ]
    result = tmp_path / "result.json"
    code, _, err = await ran(
        sys.executable,
        str(ROOT / "tests" / "docs" / "python_session.py"),
        str(result),
        cwd=run.folder.parent,
        stdin=json.dumps(given).encode(),
    )
    assert code == 0, err
    for snippet, outcome in zip(ours, json.loads(result.read_text()), strict=True):
        assert outcome["error"] is None, f"{snippet.where}:\n{outcome['error']}"
        agrees(snippet.shown, outcome["output"])


@pytest.mark.parametrize("snippet", JAVASCRIPT, ids=[s.where for s in JAVASCRIPT])
async def test_the_javascript_example_answers_what_the_docs_show(
    run: Run, snippet: Snippet
) -> None:
    if not shutil.which("node"):
        pytest.skip("Node.js is not installed here")
    script = run.folder.parent / "example.mjs"
    script.write_text(on_the_test_platform(run, snippet.code))
    code, out, err = await ran("node", str(script), cwd=run.folder.parent)
    assert code == 0, err
    agrees(snippet.shown, out)
