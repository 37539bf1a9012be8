"""Breaking changes of the public GraphQL schema, against the previous committed SDL.

    python -m trygnet_gateway.compat            # report (CI runs this)
    python -m trygnet_gateway.compat --strict   # also exit 1 on a breaking change

The previous SDL is the newest committed ``gateway/schema.graphql`` that differs from
the one in the working tree (so on a fresh clone of a change, the SDL before it).
Partner portals and municipal systems build on this schema: a removed field, a
type changed, an argument made required is *breaking* and must be announced; an
added enum value or a changed default is *dangerous* and worth a note.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from graphql import build_schema, find_breaking_changes, find_dangerous_changes

SDL_PATH = "gateway/schema.graphql"


@dataclass(frozen=True)
class Changes:
    breaking: list[str]
    dangerous: list[str]


def compare(old_sdl: str, new_sdl: str) -> Changes:
    old, new = build_schema(old_sdl), build_schema(new_sdl)
    return Changes(
        breaking=[f"{c.type.name}: {c.description}" for c in find_breaking_changes(old, new)],
        dangerous=[f"{c.type.name}: {c.description}" for c in find_dangerous_changes(old, new)],
    )


def _git(repo: Path, *args: str) -> str:
    command = [shutil.which("git") or "git", *args]
    return subprocess.run(  # noqa: S603 (our own git arguments, no shell)
        command, cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def previous_sdl(repo: Path, path: str = SDL_PATH) -> tuple[str, str] | None:
    """(commit, SDL) of the newest committed version that differs from the working tree's."""
    current = (repo / path).read_text()
    for commit in _git(repo, "log", "--format=%H", "--", path).split():
        try:
            text = _git(repo, "show", f"{commit}:{path}")
        except subprocess.CalledProcessError:  # the commit removed it
            continue
        if text != current:
            return commit, text
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, default=Path.cwd())
    parser.add_argument("--strict", action="store_true", help="exit 1 on a breaking change")
    options = parser.parse_args(argv)
    found = previous_sdl(options.repo)
    if found is None:
        print(f"{SDL_PATH}: no earlier committed SDL differs; nothing to compare")
        return 0
    commit, old = found
    changes = compare(old, (options.repo / SDL_PATH).read_text())
    print(f"{SDL_PATH} against {commit[:12]}:")
    for title, items in (("breaking", changes.breaking), ("dangerous", changes.dangerous)):
        print(f"  {len(items)} {title} change(s)")
        for item in items:
            print(f"    - {item}")
    return 1 if options.strict and changes.breaking else 0


if __name__ == "__main__":
    sys.exit(main())
