"""The browser tests' world: the platform as ``make run`` starts it (``trygnet-run`` in a
folder of its own, on a free port, with the demo data of three municipalities), once
per test session, and Debian's Chromium driven by Playwright for Python.

Without ``/usr/bin/chromium`` the browser tests are skipped, saying why, except in CI
(``CI=true``), where ``.ci/run`` installs it and a missing browser fails them."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Final

import pytest

from tests.platform.runs import Run, trygnet_run

CHROMIUM: Final = Path("/usr/bin/chromium")
CHROMIUM_ARGS: Final = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS: Final = Path(__file__).resolve().parents[2] / "docs" / "images" / "portal"


def need_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run installs the chromium package")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium): browser tests skipped")


@pytest.fixture(scope="session")
async def made_run(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Run]:
    need_chromium()
    folder = tmp_path_factory.mktemp("portal-run") / "trygnet"
    async with trygnet_run(folder, "--tenants", "3") as run:
        await run.wait_for(r"Trygnet is ready after", timeout=240)
        yield run
        await run.interrupt()


@pytest.fixture(scope="session")
async def chromium() -> AsyncIterator[Any]:
    need_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        await browser.close()


@pytest.fixture
async def page(made_run: Run, chromium: Any) -> AsyncIterator[Any]:
    """A page of a fresh browser context on ``make run``'s portal, in Danish."""
    context = await chromium.new_context(
        base_url=f"http://127.0.0.1:{made_run.port}",
        locale="da-DK",
        viewport={"width": 1280, "height": 1400},
    )
    yield await context.new_page()
    await context.close()


async def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    from axe_playwright_python.async_playwright import Axe

    results = await Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


async def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
