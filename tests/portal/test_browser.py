"""The portal in a real browser (Debian's Chromium through Playwright) against the
platform as ``make run`` starts it, with its demo data: a coordinator finds whom to
call for a youth activity, opens the actor, sees the network drawn and its table; a
person of 0851 opening a 0101 actor gets the 404 page; axe-core finds nothing serious
or critical on any screen. Each screen's screenshot is written to docs/images/portal/."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.platform.runs import Run
from tests.portal.browser import (
    chromium,
    made_run,
    said_if_failed,
    screenshot,
    serious_violations,
)

__all__ = ["chromium", "made_run"]


@pytest.fixture
async def person(
    request: pytest.FixtureRequest, made_run: Run, chromium: Any
) -> AsyncIterator[Any]:
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
    await said_if_failed(request, context, made_run)
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


async def _graphql(run: Run, bearer: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=30) as http:
        answer = await http.post(
            run.graphql,
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {bearer}"},
        )
    body: dict[str, Any] = answer.json()
    assert not body.get("errors"), body
    return body["data"]


async def _reload_until(page: Any, path: str, found: Any) -> None:
    """Open ``path`` again until ``found(page)`` holds: reports follow the events."""
    for _ in range(60):
        await page.goto(path)
        if await found(page):
            return
        await page.wait_for_timeout(250)
    raise AssertionError(f"{path} never showed what was expected")


async def test_the_coordinators_day_continues_with_an_activity_a_tie_and_a_finding(
    person: Any,
) -> None:
    page = await person.new_page()
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    await page.get_by_role("link", name="Aktiviteter og fora").click()
    await page.wait_for_url("**/activities")
    await checked(page, "activities")

    # two actors that share nothing yet (both isolates in the demo) start working together
    await page.get_by_role("link", name="Opret aktivitet").click()
    await page.get_by_label("Titel", exact=True).fill("Sommerfodbold i Husum")
    await page.get_by_label("Niveau").select_option("CIVIL_SOCIETY")
    await page.get_by_label("Ejer", exact=True).select_option(label="Klubben Husum")
    await page.get_by_label("Unge", exact=True).check()
    await checked(page, "activity-new")
    await page.get_by_role("button", name="Gem").click()
    await page.wait_for_url("**/activities/activity-*")
    await page.get_by_label("Aktør").select_option(label="Fritidscenter Tingbjerg")
    await page.get_by_role("button", name="Deltag").click()
    await page.get_by_text("Aktøren deltager nu i aktiviteten.").wait_for()
    partners = page.locator("#partners + table")
    assert await partners.get_by_text("Fritidscenter Tingbjerg").count() == 1
    await checked(page, "activity")
    owner = await page.locator(".lead a", has_text="Klubben Husum").get_attribute("href")
    guest = await partners.locator("a", has_text="Fritidscenter Tingbjerg").get_attribute("href")
    assert owner and guest

    async def tied(page: Any) -> bool:
        row = page.locator("#scores tbody tr", has_text="Klubben Husum")
        return (await row.locator("td").nth(1).inner_text()).strip() == "1"

    await _reload_until(page, "/network", tied)
    drawing = json.loads(await page.locator("#network-data").text_content())
    ends = {owner.rsplit("/", 1)[1], guest.rsplit("/", 1)[1]}
    assert any({e["source"], e["target"]} == ends for e in drawing["edges"]), "drawn as a tie"
    await page.locator("#network-drawing canvas").first.wait_for()

    await page.get_by_role("link", name="Tryghedsvandringer").click()
    await page.wait_for_url("**/safety-walks")
    await checked(page, "walks")
    await page.locator("tbody th a").first.click()
    await page.wait_for_url("**/safety-walks/walk-*")
    await page.get_by_label("Slags fund").select_option("LIGHTING")
    await page.get_by_label("Sted").fill("Stien bag Husumvej")
    await page.get_by_label("Beskrivelse").fill("Tre lamper er gået")
    await page.get_by_label("Ejer af handlingen").select_option(label="Klubben Husum")
    await page.get_by_label("Frist").fill("2027-01-15")
    await page.get_by_role("button", name="Registrér fund og handling").click()
    await page.get_by_text("Fundet og handlingen er registreret.").wait_for()
    row = page.locator("#findings + table tr", has_text="Klubben Husum")
    assert await row.count() == 1 and "15. januar 2027" in await row.inner_text()
    await checked(page, "walk")

    await page.goto("/activities#fora")
    await page.locator("#fora + table tbody a").first.click()
    await page.wait_for_url("**/fora/forum-*")
    await checked(page, "forum")

    await page.get_by_role("link", name="Strategi og resultater").click()
    await page.wait_for_url("**/outcomes")
    await page.locator(".plot svg").first.wait_for()
    assert await page.locator(".plot svg").count() == await page.locator("[data-chart]").count()
    assert await page.locator(".plot style").count() == 0, "Plot's inline style kept out"
    await checked(page, "outcomes")
    assert person.problems == [], "no CSP refusal, no script error"


SECRETS_OF_INCIDENT = " | ".join(
    [
        f"//dt[normalize-space()='{term}']/following-sibling::dd[1]"
        for term in ("Resumé", "Fortrolige detaljer", "Behov")
    ]
    + ["//ol[@class='timeline']//p[not(@class='meta')]"]
)
"""The incident's text a partner may not read: its summary, restricted details, the
tactical report's needs and the timeline (not its place: in the demo that is also the
name of an actor, which every partner reads)."""


async def test_a_partner_sees_that_a_restricted_incident_exists_never_its_text(
    person: Any, made_run: Run
) -> None:
    page = await person.new_page()
    await page.goto("/dev/sign-in?tenant=0101&role=police")
    await page.goto("/incidents")
    card = page.locator(".incident-card", has=page.locator(".badge-restricted")).first
    href = await card.locator("h3 a").get_attribute("href")
    assert href
    await page.goto(href)
    secrets = [
        text.strip()
        for text in await page.locator(f"xpath={SECRETS_OF_INCIDENT}").all_inner_texts()
        if len(text.strip()) > 12
    ]
    assert len(secrets) >= 5, secrets
    await checked(page, "incident")

    partner = await person.new_page()
    seen: list[str] = []

    async def keep(response: Any) -> None:
        if "text/event-stream" not in (response.headers.get("content-type") or ""):
            with contextlib.suppress(Exception):
                seen.append(await response.text())

    partner.on("response", keep)
    await partner.goto("/dev/sign-in?tenant=0101&role=partner")
    await partner.goto("/incidents")
    await partner.locator("#live-status", has_text="Live").wait_for()
    await partner.evaluate(
        """() => { window.relayed = []; const s = new EventSource('/incidents/live');
           s.addEventListener('incident', e => window.relayed.push(e.data)); }"""
    )
    coordinator = made_run.tokens()["0101"]["coordinator"]
    incident_id = href.rsplit("/", 1)[1]
    await _graphql(
        made_run,
        coordinator,
        "mutation($input: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $input) "
        "{ position } }",
        input={"id": incident_id, "status": "ACTIVE"},
    )
    await partner.wait_for_function(
        "id => (window.relayed || []).some(d => d.includes(id))", arg=incident_id
    )
    relayed = await partner.evaluate("window.relayed")
    await partner.goto(href)
    await partner.get_by_text("Hændelsen er fortrolig").wait_for()
    await checked(partner, "incident-partner")
    html = await partner.content()
    board = await partner.request.get("/incidents/board")
    everything = [html, await board.text(), *seen, *relayed]
    for secret in secrets:
        assert not any(secret in text for text in everything), secret
    assert person.problems == []


async def test_a_live_incident_appears_on_the_board_without_reload(
    person: Any, made_run: Run
) -> None:
    page = await person.new_page()
    await page.goto("/dev/sign-in?tenant=0101&role=coordinator")
    await page.goto("/incidents/new")
    await page.get_by_label("Skete").wait_for()
    await checked(page, "incident-new")
    await page.goto("/incidents")
    await page.locator("#live-status", has_text="Live").wait_for()
    await checked(page, "incidents")
    await page.evaluate("() => { window.sameDocument = true; }")
    tokens = made_run.tokens()["0101"]
    areas = await _graphql(made_run, tokens["coordinator"], "{ areas { id } }")
    me = await _graphql(made_run, tokens["police"], "{ me { actorId } }")
    reported = await _graphql(
        made_run,
        tokens["police"],
        "mutation($input: ReportIncidentInput!) { reportIncident(input: $input) "
        "{ incident { id } } }",
        input={
            "kind": "ARSON",
            "severity": 2,
            "areaId": areas["areas"][0]["id"],
            "place": "Containerpladsen",
            "occurredAt": "2026-12-01T20:15:00+01:00",
            "reportingActorId": me["me"]["actorId"],
            "summary": "Brand i en container ved skolen",
        },
    )
    new_card = page.locator(f"a[href='/incidents/{reported['reportIncident']['incident']['id']}']")
    await new_card.wait_for()
    assert await page.evaluate("() => window.sameDocument === true"), "no reload"
    assert "Brand i en container ved skolen" in await page.locator("#board").inner_text()


async def test_the_national_role_sees_only_the_national_pages(person: Any) -> None:
    page = await person.new_page()
    await page.goto("/dev/sign-in?role=national")
    await page.wait_for_url("**/national")
    # the national figures, and the practices every municipality shared (no municipality's own)
    assert await page.locator(".site-nav a").all_inner_texts() == [
        "Nationalt overblik",
        "Praksis og støtte",
    ]
    await page.locator("abbr.suppressed").first.wait_for()
    await page.locator(".plot svg").first.wait_for()
    await checked(page, "national")
    assert person.problems == []
    for path in ("/network", "/activities", "/incidents", "/actors/actor-1"):
        assert (await page.goto(path)).status == 404, path
    csv = await page.request.get("/national.csv?table=incidents-by-kind")
    assert csv.status == 200 and "suppressed" in await csv.text()
