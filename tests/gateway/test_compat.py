"""The check CI runs for breaking changes of the public schema."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from trygnet_gateway.compat import SDL_PATH, compare, main, previous_sdl

BEFORE = """
type Query { actors(first: Int): [Actor!]! actor(id: ID!): Actor }
type Actor { id: ID! name: String! sector: String! }
enum Level { STRATEGIC FRONTLINE }
"""


def test_a_removed_field_or_a_new_required_argument_is_breaking() -> None:
    removed = BEFORE.replace("sector: String! ", "")
    required = BEFORE.replace("actors(first: Int)", "actors(first: Int!)")
    assert any("Actor.sector was removed" in c for c in compare(BEFORE, removed).breaking)
    assert compare(BEFORE, required).breaking


def test_additions_are_not_breaking_but_a_new_enum_value_is_dangerous() -> None:
    added = BEFORE.replace("sector: String! ", "sector: String! website: String ")
    more = BEFORE.replace("FRONTLINE }", "FRONTLINE CIVIL_SOCIETY }")
    assert compare(BEFORE, added).breaking == []
    assert compare(BEFORE, more).breaking == [] and compare(BEFORE, more).dangerous


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_ci_compares_with_the_newest_committed_sdl_that_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "ci@trygnet.example")
    git(tmp_path, "config", "user.name", "CI")
    sdl = tmp_path / SDL_PATH
    sdl.parent.mkdir(parents=True)
    sdl.write_text(BEFORE)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    assert previous_sdl(tmp_path) is None
    sdl.write_text(BEFORE.replace("sector: String! ", ""))
    git(tmp_path, "commit", "-qam", "second")
    found = previous_sdl(tmp_path)
    assert found is not None and found[1] == BEFORE
    assert main(["--repo", str(tmp_path)]) == 0
    assert "1 breaking change(s)" in capsys.readouterr().out
    assert main(["--repo", str(tmp_path), "--strict"]) == 1
