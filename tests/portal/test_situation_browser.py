"""The weekly situation picture in a real browser against the platform as ``make run``
starts it, with its demo data: a coordinator opens the situation picture from the menu,
picks Tingbjerg-Husum and the week the partnership decided on, reads the categories
against the weeks before, the hot spot by the tunnel at Ruten and the decisions (one
done, one overdue from an earlier week), steps a week back, and axe-core finds nothing
serious; the screenshot goes to docs/images/portal/situation.png. Then the coordinator
records a decision for a later week (a due day before the week's Monday is refused next
to the field, and nothing is recorded) and follows it up to done
(docs/images/portal/situation-decide.png); a partner is offered neither form."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.portal.browser import chromium, made_run, page, screenshot, serious_violations
from trygnet_core.weeks import monday, shifted
from trygnet_platform.demo.situation import DECIDED_WEEK, HOT_SPOT

__all__ = ["chromium", "made_run", "page"]


async def test_a_coordinator_reads_the_weeks_situation_picture(page: Any) -> None:
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    await page.get_by_role("link", name="Situationsbillede").click()
    await page.wait_for_url("**/situation")
    await page.get_by_label("Område", exact=True).select_option(label="Tingbjerg-Husum")
    await page.get_by_label("Uge", exact=True).fill(DECIDED_WEEK)
    await page.get_by_role("button", name="Vis").click()
    await page.wait_for_url(f"**/situation?area=*&week={DECIDED_WEEK}")
    main = await page.locator("main").inner_text()
    assert "Ugens situationsbillede" in main, main[:600]

    categories = page.locator("table.categories tbody tr")
    assert await categories.count() == 9
    spots = await page.locator("table.hot-spots tbody th").all_inner_texts()
    assert spots[0] == HOT_SPOT, spots
    decisions = page.locator("table.decisions tbody tr")
    assert await decisions.count() == 4
    texts = await decisions.all_inner_texts()
    assert any("Fjern graffiti" in row and "Udført" in row for row in texts), texts
    assert any("Beskær buskene" in row and "Over fristen" in row for row in texts), texts
    assert "shouted" not in main  # no description of an observation is shown
    assert await serious_violations(page) == []
    await screenshot(page, "situation")

    await page.get_by_role("link", name="← 2026-W47").click()
    await page.wait_for_url("**/situation?area=*&week=2026-W47")
    assert "2026-W47" in await page.locator("nav.pager").inner_text()


async def test_a_coordinator_records_a_decision_and_follows_it_up(page: Any) -> None:
    week = shifted(DECIDED_WEEK, 2)  # a week with no decision of its own
    action = "Tænd alle fire lamper i gangtunnelen"
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    await page.goto("/situation")
    await page.get_by_label("Område", exact=True).select_option(label="Tingbjerg-Husum")
    await page.get_by_label("Uge", exact=True).fill(week)
    await page.get_by_role("button", name="Vis").click()
    await page.wait_for_url(f"**/situation?area=*&week={week}")
    form = page.locator("#decision")
    await form.get_by_label("Handling").fill(action)
    await form.get_by_label("Ejer").select_option(label="fsb, Tingbjerg")
    await form.get_by_label("Frist").fill((monday(week) - timedelta(days=1)).isoformat())
    await form.get_by_role("button", name="Registrér en beslutning").click()
    error = page.locator("#due-error")
    await error.wait_for()
    assert "Monday" in await error.inner_text()
    assert await form.get_by_label("Handling").input_value() == action  # kept as typed
    assert action not in await page.locator("table.decisions").inner_text()  # nothing written

    await form.get_by_label("Frist").fill((monday(week) + timedelta(days=4)).isoformat())
    await form.get_by_role("button", name="Registrér en beslutning").click()
    await page.wait_for_url("**/situation?*done=decision*")
    assert "Beslutningen er registreret." in await page.locator(".alert-success").inner_text()
    row = page.locator("table.decisions tbody tr", has_text=action)
    assert "Åben" in await row.inner_text() and "fsb, Tingbjerg" in await row.inner_text()
    assert await serious_violations(page) == []
    await screenshot(page, "situation-decide")

    await row.get_by_label(f"Ny status for: {action}").select_option(label="Udført")
    await row.get_by_role("button", name="Skift").click()
    await page.wait_for_url("**/situation?*done=status*")
    row = page.locator("table.decisions tbody tr", has_text=action)
    assert "Udført" in await row.inner_text()
    assert "Beslutningens status er ændret." in await page.locator(".alert-success").inner_text()


async def test_a_partner_is_offered_no_decision_forms(page: Any) -> None:
    await page.goto("/dev/sign-in?tenant=0101&role=partner")
    await page.goto("/situation")
    await page.get_by_label("Område", exact=True).select_option(label="Tingbjerg-Husum")
    await page.get_by_label("Uge", exact=True).fill(DECIDED_WEEK)
    await page.get_by_role("button", name="Vis").click()
    await page.wait_for_url(f"**/situation?area=*&week={DECIDED_WEEK}")
    assert await page.locator("table.decisions tbody tr").count() == 4  # it reads them
    assert await page.locator("form[action='/situation/decisions']").count() == 0
    assert await page.locator("form[action$='/status']").count() == 0  # none is its actor's
