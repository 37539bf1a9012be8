"""GraphiQL (development only) with its scripts served by the gateway, not a CDN.

Strawberry's GraphiQL page loads React, GraphiQL and its explorer from unpkg.com, so it
fails offline and on closed networks. The same files, at the versions Strawberry's page
names, come from the npm registry (``gateway/package.json`` and its lock file; ``make
graphiql-vendor`` copies them into ``static/graphiql/<package>/<path>``), and the page is
Strawberry's own with each ``https://unpkg.com/<package>@<version>/<path>`` turned into
``/graphiql/<package>/<path>``. The files are byte for byte those the CDN serves: the
page's ``integrity`` hashes still hold (a test checks them).
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from strawberry.http.ides import get_graphql_ide_html

ASSETS = "/graphiql"
VENDORED = Path(__file__).resolve().parent / "static" / "graphiql"
CDN = re.compile(r"https://unpkg\.com/((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/([\w./-]+)")
"""A file on unpkg.com: its package, version and path."""


def cdn_files(page: str) -> list[tuple[str, str, str]]:
    """The ``(package, version, path)`` of every file ``page`` loads from unpkg.com."""
    return [(m[1], m[2], m[3]) for m in CDN.finditer(page)]


def local_page() -> str:
    """Strawberry's GraphiQL page, loading every file from the gateway."""
    return CDN.sub(lambda m: f"{ASSETS}/{m[1]}/{m[3]}", get_graphql_ide_html("graphiql"))


def serve_assets(app: FastAPI) -> None:
    """The vendored files at ``/graphiql/``."""
    app.mount(ASSETS, StaticFiles(directory=VENDORED), name="graphiql")
