"""A typed client generated with ariadne-codegen (the version the Makefile pins) in a
copy of its workspace member, from a schema given: so a test can check that the
committed client is what the schema generates, and that a schema which breaks one of
its operations fails to generate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARIADNE = ("tool", "run", "--quiet", "--from", "ariadne-codegen==0.19.0", "ariadne-codegen")


def uv() -> list[str]:
    """The uv that runs the tests (``uv run`` names itself in $UV: where make installed uv
    through pip, the test environment's Python has no uv module), else one on the PATH."""
    found = os.environ.get("UV") or shutil.which("uv")
    if found:
        return [found]
    for python in ("python3", sys.executable):
        if subprocess.run([python, "-m", "uv", "--version"], capture_output=True).returncode == 0:
            return [python, "-m", "uv"]
    pytest.fail("uv is needed to generate a client (make installs it)")


def generate(
    into: Path, schema: str, member: str, *, copy: tuple[str, ...], make: str = ""
) -> subprocess.CompletedProcess[str]:
    """``member``'s client generated in ``into`` (the member at the same place relative
    to ``gateway/schema.graphql`` as in the repository), from ``schema``; ``copy`` names
    the member's files and folders the generator reads, ``make`` a folder to create."""
    (into / "gateway").mkdir(parents=True)
    (into / "gateway" / "schema.graphql").write_text(schema)
    target = into / member
    target.mkdir(parents=True)
    for name in copy:
        source = ROOT / member / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    if make:
        (target / make).mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [*uv(), *ARIADNE, "client"], cwd=target, capture_output=True, text=True, timeout=300
    )


def differences(generated: Path, committed: Path) -> list[str]:
    """The files that differ between two generated packages (or are in only one)."""
    names = {p.name for p in generated.glob("*") if p.is_file()}
    names |= {p.name for p in committed.glob("*") if p.is_file()}
    return sorted(
        name
        for name in names
        if not (generated / name).is_file()
        or not (committed / name).is_file()
        or (generated / name).read_bytes() != (committed / name).read_bytes()
    )
