"""The portal in a real browser (Debian's Chromium through Playwright) against the
platform as ``make run`` starts it, with its demo data: a coordinator finds whom to
call for a youth activity, opens the actor, sees the network drawn and its table; a
person of 0851 opening a 0101 actor gets the 404 page; axe-core finds nothing serious
or critical on any screen. Each screen's screenshot is written to docs/images/portal/."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.platform.runs import Run
from tests.portal.browser import chromium, made_run, screenshot, serious_violations

__all__ = ["chromium", "made_run"]


@pytest.fixture
async def person(made_run: Run, chromium: Any) -> AsyncIterator[Any]:
    """A fresh browser context (its own cookies), speaking Danish, with every console
    error and CSP refusal collected in ``context.problems``."""
    context = await chromium.new_context(
        base_url=f"http://127.0.0.1:{made_run.port}",
        locale="da-DK",
        viewport={"width": 1280, "height": 1200},
    )
    problems: list[str] = []

    def watch(page: Any) -> None:
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))

    context.on("page", watch)
    context.problems = problems
    yield context
    await context.close()


async def checked(page: Any, name: str) -> None:
    """The screen passes axe-core and is photographed for docs/portal.md."""
    assert await serious_violations(page) == [], name
    await screenshot(page, name)


async def test_a_coordinator_finds_whom_to_call_for_youth_and_sees_the_network(
    person: Any,
) -> None:
    page = await person.new_page()
    signed_out = await page.goto("/")
    assert signed_out.status == 200
    await checked(page, "sign-in")
    await page.get_by_role("link", name="Koordinator, Kommune 0101").click()
    await page.wait_for_url("**/")
    assert await page.locator("html").get_attribute("lang") == "da"
    await page.get_by_label("Tema", exact=True).select_option("YOUTH")  # htmx swaps the results in
    await page.wait_for_url("**/?*theme=YOUTH*")
    cards = page.locator("#results .card")
    await cards.first.wait_for()
    callable_card = cards.filter(has=page.locator(".call a[href^='mailto:']")).first
    name = (await callable_card.locator("h3").inner_text()).strip()
    assert await callable_card.locator(".tag", has_text="Unge").count() == 1
    await checked(page, "overview")

    await callable_card.locator("h3 a").click()
    await page.wait_for_url("**/actors/*")
    assert (await page.locator("h1").inner_text()).strip() == name
    await page.get_by_role("heading", name="Kontaktpersoner").wait_for()
    await checked(page, "actor")

    await page.get_by_role("link", name="Netværk").click()
    await page.wait_for_url("**/network")
    await page.locator("#network-drawing canvas").first.wait_for()
    rows = page.locator("#scores tbody tr")
    assert await rows.count() == 60, "the demo's sixty actors, each a row"
    await checked(page, "network")
    await page.locator("#scores th", has_text="Betweenness").get_by_role("link").click()
    await page.locator("#scores th[aria-sort='ascending']", has_text="Betweenness").wait_for()
    await page.get_by_label("Politi").uncheck()
    csv = await page.request.get("/network.csv")
    assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
    assert (await csv.text()).splitlines()[0].startswith("actor_id,actor,sector,ties")

    await page.get_by_role("link", name="Koordineringshuller").click()
    await page.wait_for_url("**/gaps")
    first_gap = page.locator("section.gap").first
    await first_gap.wait_for()
    reason = await first_gap.locator("p").first.inner_text()
    assert "arbejder begge i Tingbjerg-Husum" in reason
    await checked(page, "gaps")

    await page.get_by_role("link", name="Tilgængelighedserklæring").click()
    await page.wait_for_url("**/accessibility")
    await checked(page, "accessibility")
    assert person.problems == []


async def test_a_person_of_0851_opening_a_0101_actor_gets_the_404_page(person: Any) -> None:
    page = await person.new_page()
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    link = page.locator("#results .card h3 a").first
    actor = await link.get_attribute("href")
    assert actor and actor.startswith("/actors/")
    assert (await page.goto(actor)).status == 200
    await page.goto("/dev/sign-in?tenant=0851&role=coordinator")
    answer = await page.goto(actor)
    assert answer.status == 404
    await page.get_by_role("heading", name="Siden findes ikke").wait_for()
    await checked(page, "not-found")


async def test_the_portal_speaks_english_to_who_chooses_it(person: Any) -> None:
    page = await person.new_page()
    await page.goto("/dev/sign-in?tenant=0851&role=partner")
    await page.get_by_label("Sprog", exact=True).select_option("en")
    await page.get_by_role("button", name="Skift").click()
    await page.get_by_role("heading", name="Area overview").wait_for()
    assert await page.locator("html").get_attribute("lang") == "en"
    await page.goto("/network")
    assert "CET" in await page.locator(".meta").first.inner_text() or "CEST" in (
        await page.locator(".meta").first.inner_text()
    )
    await checked(page, "network-en")
