"""Each party's contribution and cost per participant in a real browser against the
platform as ``make run`` starts it, with its demo data: a coordinator opens
Contributions from the menu, narrows it to Tingbjerg-Husum and a period, reads each
actor's row (fsb with hours and budget, how others rated it), then the cost per
participant on the outcomes page. axe-core finds nothing serious; the screenshots go
to docs/images/portal/."""

from __future__ import annotations

from typing import Any

from tests.portal.browser import chromium, made_run, page, screenshot, serious_violations

__all__ = ["chromium", "made_run", "page"]


async def test_a_coordinator_reads_each_partys_contribution_and_the_cost_per_participant(
    page: Any,
) -> None:
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    await page.get_by_role("link", name="Bidrag").click()
    await page.wait_for_url("**/contributions")
    await page.get_by_label("Område", exact=True).select_option(label="Tingbjerg-Husum")
    await page.get_by_label("Fra", exact=True).fill("2026-01-01")
    await page.get_by_label("Til", exact=True).fill("2026-12-31")
    await page.get_by_role("button", name="Vis").click()
    await page.wait_for_url("**/contributions?area=*")
    table = page.locator("table.contributions")
    shown = await page.locator("main").inner_text()
    assert await table.locator("tbody tr").count() == 60, shown[:600]
    fsb = table.locator("tbody tr", has_text="fsb, Tingbjerg")
    cells = await fsb.locator("td").all_inner_texts()
    assert int(cells[2].replace(".", "")) > 0, "hours declared on its activities"
    rated = await table.locator("tbody tr td:last-child").all_inner_texts()
    assert any("(" in text for text in rated), "the survey's ratings show"
    effect = page.locator("table.effect tbody tr")
    assert any("Mål" in text for text in await effect.all_inner_texts()), "indicators beside"
    assert "1. januar 2026" in await page.locator("main").inner_text()
    assert await serious_violations(page) == []
    await screenshot(page, "contributions")

    await page.get_by_role("link", name="Strategi og resultater").click()
    await page.wait_for_url("**/outcomes")
    cost = page.locator("#cost-caption").locator("xpath=ancestor::table")
    assert await cost.locator("tbody tr").count() >= 30
    assert "Timepris: 425,00." in await page.locator("main").inner_text()
    focus = page.locator("p.cost").first
    assert "Pris pr. deltager" in await focus.inner_text()
    assert await serious_violations(page) == []
    await page.locator("#cost").scroll_into_view_if_needed()
    await screenshot(page, "outcomes-cost")
