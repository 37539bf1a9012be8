"""GraphiQL loads nothing from another host: the page the gateway serves in development
names only its own ``/graphiql/`` files, each the very file Strawberry's page names (its
integrity hash holds), at the versions ``gateway/package.json`` pins."""

from __future__ import annotations

import base64
import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

import httpx
from strawberry.http.ides import get_graphql_ide_html

from tests.gateway.conftest import GraphQL
from tests.gateway.test_basics import settings
from trygnet_gateway.app import create_app
from trygnet_gateway.graphiql import ASSETS, cdn_files
from trygnet_gateway.settings import Settings

PACKAGE = Path(__file__).resolve().parents[2] / "gateway" / "package.json"


class Loads(HTMLParser):
    """Every address the page loads (``src`` and ``href``), with its integrity hash."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        for name in ("src", "href"):
            if given.get(name):
                self.found.append((str(given[name]), given.get("integrity")))


async def test_the_graphiql_page_loads_its_files_from_the_gateway_only(graphql: GraphQL) -> None:
    page = await graphql.http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "GraphiQL" in page.text
    assert "unpkg.com" not in page.text
    loads = Loads()
    loads.feed(page.text)
    files = [
        (address, integrity)
        for address, integrity in loads.found
        if not address.startswith("data:")
    ]
    assert (
        len(files) == 7
    )  # React, React DOM, js-cookie, GraphiQL's script and style, the explorer's
    for address, integrity in files:
        assert address.startswith(f"{ASSETS}/") and "//" not in address, address
        served = await graphql.http.get(address)
        assert served.status_code == 200, address
        digest = base64.b64encode(hashlib.sha384(served.content).digest()).decode()
        assert integrity == f"sha384-{digest}", address


def test_the_pinned_versions_are_those_strawberrys_page_names() -> None:
    pinned = json.loads(PACKAGE.read_text())["dependencies"]
    named = {
        package: version for package, version, _ in cdn_files(get_graphql_ide_html("graphiql"))
    }
    assert named == pinned, "update gateway/package.json and run `make graphiql-vendor`"


async def test_graphiqls_files_are_not_served_outside_development() -> None:
    app = create_app(Settings(**{**settings().__dict__, "dev_mode": False}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
        served = await http.get(f"{ASSETS}/react/umd/react.production.min.js")
    assert served.status_code == 404
