"""The browser tests' world: the platform as ``make run`` starts it (``trygnet-run`` in a
folder of its own, on a free port, with the demo data of three municipalities), once
per test session, and Debian's Chromium driven by Playwright for Python.

Without ``/usr/bin/chromium`` the browser tests are skipped, saying why, except in CI
(``CI=true``), where ``.ci/run`` installs it and a missing browser fails them."""

from __future__ import annotations

import json
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
REPORTS: Final = pytest.StashKey[dict[str, pytest.TestReport]]()
"""Each phase's report on a test (``conftest.pytest_runtest_makereport``)."""
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
async def page(request: pytest.FixtureRequest, made_run: Run, chromium: Any) -> AsyncIterator[Any]:
    """A page of a fresh browser context on ``make run``'s portal, in Danish. A test that
    failed says what the page showed and what the platform logged of note."""
    context = await chromium.new_context(
        base_url=f"http://127.0.0.1:{made_run.port}",
        locale="da-DK",
        viewport={"width": 1280, "height": 1400},
    )
    yield await context.new_page()
    await said_if_failed(request, context, made_run)
    await context.close()


async def said_if_failed(request: pytest.FixtureRequest, context: Any, run: Run) -> None:
    """When the test failed: what each of its pages showed (the main part) and what the
    platform logged of note, to the terminal."""
    call = request.node.stash.get(REPORTS, {}).get("call")
    if call is None or not call.failed:
        return
    said = []
    for opened in context.pages:
        main = opened.locator("main")
        shown = main if await main.count() else opened.locator("body")
        said += [f"--- {opened.url} showed:", (await shown.inner_text(timeout=5000))[:2000]]
    said += _of_note(run)
    request.config.pluginmanager.get_plugin("terminalreporter").write_line("\n".join(said))


def _of_note(run: Run, last: int = 12) -> list[str]:
    """The run's last lines, and each service's last warnings, errors, failed or slow
    requests (over a second)."""
    said = ["--- trygnet-run said:", *run.lines[-2 * last :]]
    for log in sorted((run.folder / "logs").glob("*.log")):
        noted = []
        for line in log.read_text(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            slow = entry.get("duration_ms", 0) > 1000 or entry.get("status", 0) >= 500
            if slow or entry.get("level") in ("WARNING", "ERROR", "CRITICAL"):
                noted.append(line[:600])
        said += [f"--- {log.name} of note:", *noted[-last:]]
    return said


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
