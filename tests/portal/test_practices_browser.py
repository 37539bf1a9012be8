"""Practices and support in a real browser against the platform as ``make run`` starts
it, with its demo data: Copenhagen's coordinator opens "Praksis og støtte" from the
menu, finds what Aalborg and Vårby gård (Huddinge) shared, narrows it by theme, age and
words, and reads the support offers matching Copenhagen; a partner is not offered the
page and is refused it. axe-core finds nothing serious; the screenshot goes to
docs/images/portal/practices.png. On an activity's page, the coordinator shares it as
a practice (a contact that is neither owner nor partner is refused next to the field,
and nothing is shared), sees it shared with its partners named and its contact, and
withdraws it (docs/images/portal/activity-practice.png); a partner sees none of it."""

from __future__ import annotations

from typing import Any

from tests.portal.browser import chromium, made_run, page, screenshot, serious_violations

__all__ = ["chromium", "made_run", "page"]


async def test_a_coordinator_finds_other_municipalities_practices_and_support(page: Any) -> None:
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    await page.get_by_role("link", name="Praksis og støtte").click()
    await page.wait_for_url("**/practices")
    practices = page.locator("li.practice")
    assert await practices.count() == 6, await page.locator("main").inner_text()
    shown = await page.locator("#results").inner_text()
    assert "Aalborg (DK)" in shown and "Huddinge (SE)" in shown
    assert "jeres aktivitet" not in shown  # none of them is Copenhagen's

    await page.get_by_label("Tema", exact=True).select_option(label="Natteliv")
    await page.wait_for_url("**/practices?*theme=NIGHTLIFE*")
    titles = await page.locator("li.practice h3").all_inner_texts()
    assert sorted(titles) == ["Natteravne i weekenden", "Nattvandring fredag och lördag"]
    natteravne = page.locator("li.practice", has_text="Natteravne i weekenden")
    assert "Natteravnene Aalborg" in await natteravne.inner_text()  # named partners, contact

    await page.get_by_label("Tema", exact=True).select_option(label="Alle")
    await page.get_by_label("Alder", exact=True).fill("16")
    await page.get_by_label("Søg", exact=True).fill("unga")
    await page.get_by_role("button", name="Vis").click()
    await page.wait_for_url("**/practices?*age=16*")
    assert await page.locator("li.practice h3").all_inner_texts() == ["Feriejobb för unga"]

    offers = page.locator("table.offers tbody tr")
    assert await offers.count() >= 1
    assert "Brottsförebyggande rådet (Brå)" in await page.locator("table.offers").inner_text()
    assert await serious_violations(page) == []

    await page.goto("/practices")
    await page.wait_for_selector("li.practice")
    await screenshot(page, "practices")


async def test_a_partner_is_not_offered_the_practices_of_other_municipalities(
    page: Any,
) -> None:
    await page.goto("/dev/sign-in?tenant=0101&role=partner")
    assert await page.get_by_role("link", name="Praksis og støtte").count() == 0
    await page.goto("/practices")
    alert = await page.locator("[role=alert]").first.inner_text()
    assert "Ikke åben for din rolle" in alert
    assert await page.locator("li.practice").count() == 0


async def test_a_national_body_reads_every_practice_and_every_offer(page: Any) -> None:
    await page.goto("/dev/sign-in?role=national")
    await page.get_by_role("link", name="Praksis og støtte").click()
    await page.wait_for_url("**/practices")
    assert await page.locator("li.practice").count() == 6
    assert await page.locator("table.offers tbody tr").count() == 3
    assert await serious_violations(page) == []


ACTIVITY = "Boksning mod vold"


async def test_a_coordinator_shares_an_activity_as_a_practice_and_withdraws_it(
    page: Any,
) -> None:
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    await page.goto("/activities")
    await page.get_by_role("link", name=ACTIVITY, exact=True).click()
    await page.wait_for_url("**/activities/*")
    section = page.locator("main")
    assert "Ikke delt" in await page.locator(".practice-state").inner_text()
    await page.get_by_label("Nævn partnerne", exact=False).check()
    await page.evaluate(  # a contact the select never offers: no owner or partner
        "document.querySelector('#f-contactActorId').add(new Option('x', 'no-such-actor'))"
    )
    await page.locator("#f-contactActorId").select_option(value="no-such-actor")
    await page.get_by_role("button", name="Del som praksis").click()
    error = page.locator("#contactActorId-error")
    await error.wait_for()
    assert "owner or one of its partners" in await error.inner_text()
    assert "Ikke delt" in await page.locator(".practice-state").inner_text()  # nothing shared

    await page.locator("#f-contactActorId").select_option(label="Bokseklubben Nordvest")
    await page.get_by_role("button", name="Del som praksis").click()
    await page.wait_for_url("**/activities/*?shared=1*")
    assert "delt som praksis" in await page.locator(".alert-success").inner_text()
    state = await section.locator("#practice ~ dl.facts").inner_text()
    assert "Bokseklubben Nordvest" in state  # the contact shown
    assert "Delt" in await page.locator(".practice-state").inner_text()
    contact = page.locator("#f-contactActorId option:checked")
    assert await contact.inner_text() == "Bokseklubben Nordvest"  # sharing again keeps it
    assert await serious_violations(page) == []
    await page.locator("#practice").scroll_into_view_if_needed()
    await screenshot(page, "activity-practice")

    await page.get_by_role("button", name="Træk praksissen tilbage").click()
    await page.wait_for_url("**/activities/*?withdrawn=1*")
    assert "Ikke delt" in await page.locator(".practice-state").inner_text()
    assert await page.get_by_role("button", name="Træk praksissen tilbage").count() == 0


async def test_a_partner_is_offered_no_practice_sharing(page: Any) -> None:
    await page.goto("/dev/sign-in?tenant=0101&role=partner")
    await page.goto("/activities")
    await page.get_by_role("link", name=ACTIVITY, exact=True).click()
    await page.wait_for_url("**/activities/*")
    assert await page.locator("#practice").count() == 0
    assert await page.locator("form[action$='/practice']").count() == 0
