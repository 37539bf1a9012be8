"""The portal's typed GraphQL client is generated from gateway/schema.graphql and the
pages' queries (``make portal-client``): the committed one must be what the schema
generates now, and a schema change that breaks a page's query must fail to generate."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.support.codegen import uv

ROOT = Path(__file__).resolve().parents[2]


def generate(into: Path, schema: str) -> subprocess.CompletedProcess[str]:
    """The client generated in a copy of the portal, from ``schema``."""
    (into / "gateway").mkdir(parents=True)
    (into / "gateway" / "schema.graphql").write_text(schema)
    portal = into / "portal"
    portal.mkdir()
    shutil.copy(ROOT / "portal" / "pyproject.toml", portal)
    shutil.copytree(
        ROOT / "portal" / "src",
        portal / "src",
        ignore=shutil.ignore_patterns("client", "__pycache__", "static", "templates"),
    )
    command = [*uv(), "tool", "run", "--quiet", "--from", "ariadne-codegen==0.19.0"]
    return subprocess.run(
        [*command, "ariadne-codegen", "client"],
        cwd=portal,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_committed_client_is_what_the_schema_generates(tmp_path: Path) -> None:
    made = generate(tmp_path, (ROOT / "gateway" / "schema.graphql").read_text())
    assert made.returncode == 0, made.stderr
    generated = tmp_path / "portal" / "src" / "trygnet_portal" / "client"
    committed = ROOT / "portal" / "src" / "trygnet_portal" / "client"
    names = sorted(p.name for p in generated.glob("*.py"))
    assert names == sorted(p.name for p in committed.glob("*.py"))
    for name in names:
        assert (generated / name).read_text() == (committed / name).read_text(), (
            f"{name} differs: run `make portal-client` after changing the schema or a query"
        )


def test_a_schema_that_drops_a_field_a_page_asks_for_fails_to_generate(tmp_path: Path) -> None:
    schema = (ROOT / "gateway" / "schema.graphql").read_text()
    # the field goes with its description (a description alone is not valid SDL)
    broken = re.sub(
        r'(  """\n(?:  (?!""")[^\n]*\n)*  """\n|  "[^\n]*"\n)?  density: Float!\n', "", schema
    )
    assert broken != schema
    made = generate(tmp_path, broken)
    assert made.returncode != 0
    assert "density" in made.stderr + made.stdout
