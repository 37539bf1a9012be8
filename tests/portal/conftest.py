"""The portal over real HTTP (uvicorn on a free port) in front of the whole platform of
the gateway's tests (``tests.support.platform``, once per test session); each test
works in municipalities of its own, whose demo tokens it writes to its own
``tokens.json``. The browser tests use the platform as ``make run`` starts it
(``browser.py``)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest

from tests.gateway.conftest import GraphQL, graphql, platform, token
from tests.portal.browser import REPORTS
from tests.support.platform import Platform
from tests.support.serve import serving
from trygnet_portal.app import create_app
from trygnet_portal.settings import Settings

__all__ = ["GraphQL", "graphql", "platform"]
ROLES = ("coordinator", "partner", "police")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Each phase's report on the test (``item.stash[REPORTS]``): a browser test that
    failed says what its page and the platform showed (``browser.page``)."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@dataclass
class Portal:
    url: str
    app: object
    tenants: tuple[str, ...]
    """The municipalities of ``tokens.json``: fresh ones, this test's own."""
    tokens: dict[str, dict[str, str]]

    def client(self) -> httpx.AsyncClient:
        """A browser without JavaScript: it keeps cookies and does not follow redirects."""
        return httpx.AsyncClient(base_url=self.url, timeout=30)

    @asynccontextmanager
    async def signed_in(
        self, tenant: str, role: str = "coordinator"
    ) -> AsyncIterator[httpx.AsyncClient]:
        async with self.client() as client:
            answer = await client.get("/dev/sign-in", params={"tenant": tenant, "role": role})
            assert answer.status_code == 303, answer.text
            yield client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


PortalFactory = Callable[..., AbstractAsyncContextManager[Portal]]


@pytest.fixture
def portal_for(platform: Platform, tmp_path: Path) -> PortalFactory:
    """``async with portal_for(dev_mode=False) as portal``: a portal with its own
    settings (development mode, the gateway's URL, by default)."""

    @asynccontextmanager
    async def started(**changes: object) -> AsyncIterator[Portal]:
        run = uuid.uuid4().hex[:8]
        tenants = (f"p{run}a", f"p{run}b")
        tokens = {tenant: {role: token(tenant, role) for role in ROLES} for tenant in tenants}
        path = tmp_path / f"tokens-{run}.json"
        path.write_text(json.dumps({**tokens, "national": token("0000", "national")}))
        settings = replace(
            Settings(graphql_url=f"{platform.gateway}/graphql", dev_mode=True, dev_tokens=path),
            **changes,
        )
        app = create_app(settings)
        async with serving(app) as url:
            yield Portal(url, app, tenants, tokens)

    return started


@pytest.fixture
async def portal(portal_for: PortalFactory) -> AsyncIterator[Portal]:
    async with portal_for() as started:
        yield started
