"""The portal's typed GraphQL client is generated from gateway/schema.graphql and the
pages' queries (``make portal-client``): the committed one must be what the schema
generates now, and a schema change that breaks a page's query must fail to generate."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.support.codegen import ROOT, differences, generate

MEMBER = "portal"
READS = ("pyproject.toml", "src/trygnet_portal/queries")
PACKAGE = "src/trygnet_portal"


def generated(into: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return generate(into, schema, MEMBER, copy=READS, make=PACKAGE)


def test_the_committed_client_is_what_the_schema_generates(tmp_path: Path) -> None:
    made = generated(tmp_path, (ROOT / "gateway" / "schema.graphql").read_text())
    assert made.returncode == 0, made.stderr
    client = Path(MEMBER, PACKAGE, "client")
    assert (tmp_path / client / "gateway.py").is_file()
    assert differences(tmp_path / client, ROOT / client) == [], (
        "run `make portal-client` after changing the schema or a query"
    )


def test_a_schema_that_drops_a_field_a_page_asks_for_fails_to_generate(tmp_path: Path) -> None:
    schema = (ROOT / "gateway" / "schema.graphql").read_text()
    # the field goes with its description (a description alone is not valid SDL)
    broken = re.sub(
        r'(  """\n(?:  (?!""")[^\n]*\n)*  """\n|  "[^\n]*"\n)?  density: Float!\n', "", schema
    )
    assert broken != schema
    made = generated(tmp_path, broken)
    assert made.returncode != 0
    assert "density" in made.stderr + made.stdout
