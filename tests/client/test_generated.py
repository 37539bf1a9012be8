"""The Python client integrators install is generated from gateway/schema.graphql and
its operations (``make client``): the committed one must be what the schema generates
now, and a schema change that breaks one of its operations must fail to generate (so
it fails the build, as ``make client-check`` does)."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLObjectType, build_schema, print_schema

from tests.support.codegen import ROOT, differences, generate

MEMBER = "clients/python"
READS = ("pyproject.toml", "py.typed", "operations")


def test_the_committed_client_is_what_the_schema_generates(tmp_path: Path) -> None:
    made = generate(
        tmp_path, (ROOT / "gateway/schema.graphql").read_text(), MEMBER, copy=READS, make="src"
    )

    assert made.returncode == 0, made.stderr
    generated = tmp_path / MEMBER / "src" / "trygnet_client"
    committed = ROOT / MEMBER / "src" / "trygnet_client"
    assert (generated / "client.py").is_file() and (generated / "py.typed").is_file()
    assert differences(generated, committed) == [], (
        "run `make client` after changing the schema or an operation"
    )


def test_a_schema_that_drops_a_field_an_operation_asks_for_fails_to_generate(
    tmp_path: Path,
) -> None:
    schema = build_schema((ROOT / "gateway/schema.graphql").read_text())
    network = schema.type_map["CollaborationNetwork"]
    assert isinstance(network, GraphQLObjectType)
    del network.fields["density"]  # the network operation asks for it
    broken = print_schema(schema)

    made = generate(tmp_path, broken, MEMBER, copy=READS, make="src")

    assert made.returncode != 0
    assert "density" in made.stderr + made.stdout
