"""Trusted documents: a gateway that runs only registered operations (by SHA-256) for
the callers so configured, and introspection that production turns off. Through real
HTTP, against gateways configured as production would be."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.actors.conftest import SECRET
from tests.security.limited_gateway import ME, caller, gateway
from trygnet_core.auth import issue_dev_token
from trygnet_gateway.settings import Limits
from trygnet_gateway.trusted_documents import TrustedDocuments

WHO = "query Who { me { subject roles } }"
INTROSPECTION = "{ __schema { queryType { name } } }"


def sha(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def persisted(document: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha(document)}}


def person() -> str:
    return issue_dev_token(secret=SECRET, subject="p", tenant="0101", roles=["partner"])


def integration() -> str:
    return issue_dev_token(secret=SECRET, subject="c", tenant="0101", roles=["integration"])


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    """Apollo's manifest format, as its generator writes it."""
    path = tmp_path / "persisted-query-manifest.json"
    operations = [{"id": sha(WHO), "name": "Who", "type": "query", "body": WHO}]
    path.write_text(
        json.dumps(
            {"format": "apollo-persisted-query-manifest", "version": 1, "operations": operations}
        )
    )
    return path


async def test_people_run_registered_operations_by_hash_and_nothing_else(manifest: Path) -> None:
    limits = Limits(trusted_documents=manifest, trusted_only="people")
    async with gateway(limits) as served, caller(served) as call:
        by_hash = await call(None, person(), extensions=persisted(WHO))
        assert by_hash.codes == [] and by_hash.body["data"]["me"]["subject"] == "p"
        both = await call(WHO, person(), extensions=persisted(WHO))
        assert both.codes == []
        registered_text = await call(WHO, person())
        assert registered_text.codes == []
        own = await call(ME, person())
        assert own.status == 200 and own.codes == ["FORBIDDEN"] and own.body["data"] is None
        unknown = await call(None, person(), extensions=persisted("{ me { tenant } }"))
        assert unknown.codes == ["PERSISTED_QUERY_NOT_FOUND"]
        mismatch = await call(ME, person(), extensions=persisted(WHO))
        assert mismatch.codes == ["BAD_USER_INPUT"]
        anonymous = await call(ME, None)
        assert anonymous.codes == ["FORBIDDEN"]
        machine = await call(ME, integration())
        assert machine.codes == [] and machine.body["data"]["me"]["subject"] == "c"
        assert (await call(None, person(), extensions=persisted(WHO))).codes == []


async def test_all_callers_held_when_so_configured(manifest: Path) -> None:
    limits = Limits(trusted_documents=manifest, trusted_only="all")
    async with gateway(limits) as served, caller(served) as call:
        assert (await call(ME, integration())).codes == ["FORBIDDEN"]
        assert (await call(None, integration(), extensions=persisted(WHO))).codes == []


async def test_without_a_holding_mode_a_hash_still_names_a_registered_operation(
    manifest: Path,
) -> None:
    async with gateway(Limits(trusted_documents=manifest)) as served, caller(served) as call:
        assert (await call(ME, person())).codes == []
        assert (await call(None, person(), extensions=persisted(WHO))).codes == []


async def test_an_unregistered_document_is_refused_before_it_is_parsed(manifest: Path) -> None:
    limits = Limits(trusted_documents=manifest, trusted_only="people")
    async with gateway(limits) as served, caller(served) as call:
        broken = await call("{ me { subject ", person())
        assert broken.codes == ["FORBIDDEN"]
        named = await call("query Other { me { subject } }", person())
        assert named.codes == ["FORBIDDEN"]


def test_a_manifest_whose_hash_is_not_its_document_stops_the_gateway(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({sha(WHO): ME}))
    with pytest.raises(ValueError, match="not the SHA-256"):
        TrustedDocuments.load(path)
    with pytest.raises(ValueError, match="TRUSTED_DOCUMENTS"):
        Limits(trusted_only="people")


def test_relays_plain_map_is_a_manifest_too(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({sha(WHO): WHO}))
    assert TrustedDocuments.load(path).find(sha(WHO).upper()) == WHO


async def test_introspection_off_in_production_on_in_development() -> None:
    async with gateway(Limits(introspection=False), dev_mode=False) as served:
        async with caller(served) as call:
            refused = await call(INTROSPECTION, person())
            assert refused.codes == ["FORBIDDEN"] and refused.body.get("data") is None
            typename = await call("{ __typename me { subject } }", person())
            assert typename.codes == []
    async with gateway(Limits(), dev_mode=True) as served, caller(served) as call:
        answer = await call(INTROSPECTION, person())
        assert answer.codes == [] and answer.body["data"]["__schema"]["queryType"]["name"]


def test_introspection_follows_development_mode_unless_set() -> None:
    assert Limits.from_env({}).introspection is False
    assert Limits.from_env({"TRYGNET_DEV_MODE": "1"}).introspection is True
    env = {"TRYGNET_DEV_MODE": "1", "TRYGNET_GATEWAY_INTROSPECTION": "off"}
    assert Limits.from_env(env).introspection is False
    assert Limits.from_env({"TRYGNET_GATEWAY_INTROSPECTION": "on"}).introspection is True
