"""``tokens.json``: every municipality's demo identities, each able to do what the docs
say its role does: the partner and police tokens name their actor, the integration
client carries its scopes, and the services accept them all."""

from __future__ import annotations

import json
from pathlib import Path

from trygnet_core.auth import AuthSettings, TokenVerifier
from trygnet_platform.tokens import INTEGRATION_SCOPES, DemoActors, DemoTokens, write_tokens

SECRET = "tokens-test-secret-of-at-least-32-bytes"


def test_each_municipality_gets_an_integration_client_and_actors_for_partner_and_police(
    tmp_path: Path,
) -> None:
    actors = {
        "0101": DemoActors(partner="actor-klub", police="actor-politi"),
        "0851": DemoActors(),
    }
    written = write_tokens(tmp_path / "tokens.json", DemoTokens(SECRET), actors)
    assert json.loads((tmp_path / "tokens.json").read_text()) == written
    verify = TokenVerifier(AuthSettings(dev_mode=True, dev_secret=SECRET)).verify
    copenhagen = written["0101"]
    assert isinstance(copenhagen, dict)
    partner, police = verify(copenhagen["partner"]), verify(copenhagen["police"])
    assert partner.roles == {"partner"} and partner.actor_id == "actor-klub"
    assert police.roles == {"police"} and police.actor_id == "actor-politi"
    for tenant in actors:
        its = written[tenant]
        assert isinstance(its, dict)
        client = verify(its["integration"])
        assert client.tenant == tenant and client.roles == {"integration"}
        assert client.scopes == set(INTEGRATION_SCOPES) and client.actor_id is None
        assert client.subject == f"demo-integration-{tenant}"
    assert (tmp_path / "tokens.json").stat().st_mode & 0o077 == 0
