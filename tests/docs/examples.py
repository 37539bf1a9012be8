"""The GraphQL examples of the docs, as a reader meets them: each ```graphql block, with
the ```json block after it holding its variables (an object that is not an answer), and
the ```json answer it shows (``{"data": …}`` or one with ``"errors"``, whose codes it
must give). ``<!-- token: national -->`` (or ``0851 partner``) before a block names the
token it runs with; the coordinator of 0101 by default. ``<!-- not run: reason -->``
leaves a block out.

The shell (```sh), Python (```python) and JavaScript (```js) examples, as ``Snippet``s
with the output block shown after them (a ``` or ```json block). They take what they
need where the reader finds it (`.trygnet/tokens.json`, `http://127.0.0.1:8000`).
``<!-- run: alongside the next -->`` before one runs it while the examples after it
run (a subscription waiting for the changes they make)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DOCS = ("README.md", "docs/api.md", "docs/gateway.md")
FENCE = re.compile(r"^```(\w*)\s*$")
COMMENT = re.compile(r"^<!--\s*(token|not run|run):\s*(.*?)\s*-->\s*$")
SNIPPETS = ("sh", "python", "js")
CODE = re.compile(r'"code"\s*:\s*"([A-Z_]+)"')


@dataclass
class Example:
    where: str
    query: str
    token: tuple[str, ...] = ("0101", "coordinator")
    variables: dict[str, Any] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    """The error codes the docs show it answers; none when it answers data."""


@dataclass
class Snippet:
    where: str
    language: str
    code: str
    shown: str = ""
    """The output the docs show for it (empty: none shown)."""
    alongside: bool = False
    """Runs while the snippets after it run."""


def blocks(text: str) -> list[tuple[int, str, str, list[tuple[str, str]]]]:
    """(line, language, body, the comments right before it) of each fenced block."""
    found = []
    lines = text.splitlines()
    comments: list[tuple[str, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = FENCE.match(line)
        if opened:
            end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
            found.append((index + 1, opened.group(1), "\n".join(lines[index + 1 : end]), comments))
            comments = []
            index = end + 1
            continue
        if marked := COMMENT.match(line):
            comments.append((marked.group(1), marked.group(2)))
        elif line.strip():
            comments = []
        index += 1
    return found


def examples() -> list[Example]:
    found: list[Example] = []
    for name in DOCS:
        fenced = blocks((ROOT / name).read_text())
        for at, (line, language, body, comments) in enumerate(fenced):
            if language != "graphql" or any(kind == "not run" for kind, _ in comments):
                continue
            example = Example(f"{name}:{line}", body)
            for kind, value in comments:
                if kind == "token":
                    example.token = tuple(value.split())
            for _, following, text, _ in fenced[at + 1 : at + 3]:
                if following != "json":
                    break
                if text.lstrip().startswith('{"data"') or '"errors"' in text:
                    example.codes = CODE.findall(text)
                    break
                example.variables = json.loads(text)
            found.append(example)
    return found


def snippets(language: str) -> list[Snippet]:
    """The examples in ``language`` of every page, in the order a reader meets them."""
    found: list[Snippet] = []
    for name in DOCS:
        fenced = blocks((ROOT / name).read_text())
        for at, (line, written, body, comments) in enumerate(fenced):
            if written != language or any(kind == "not run" for kind, _ in comments):
                continue
            snippet = Snippet(f"{name}:{line}", language, body)
            snippet.alongside = ("run", "alongside the next") in comments
            following = fenced[at + 1] if at + 1 < len(fenced) else None
            if (
                following
                and following[1] in ("", "json")
                and following[0] <= line + 2 + body.count("\n") + 2
            ):
                snippet.shown = following[2]
            found.append(snippet)
    return found


def token_of(tokens: dict[str, Any], named: tuple[str, ...]) -> str:
    chosen: Any = tokens
    for part in named:
        chosen = chosen[part]
    assert isinstance(chosen, str), named
    return chosen
