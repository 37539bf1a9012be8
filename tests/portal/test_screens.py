"""The portal's later screens over HTTP against the whole platform: activities and
fora, incidents (the board, one incident, the live stream), safety walks, outcomes
and the national overview. Empty and error states, another municipality's ids,
forms (CSRF, the API's errors next to the field they name), restricted text kept
from partners on every page and in the live stream, and the national role's own
pages."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from tests.gateway.conftest import GraphQL, token
from tests.portal.conftest import Portal, PortalFactory, csrf_of
from tests.portal.world import SECRETS, activity, forum, incident, restricted, town, walk
from trygnet_portal.sessions import COOKIE, Identity

SCREENS = ("/activities", "/incidents", "/safety-walks", "/outcomes")


@asynccontextmanager
async def person(
    portal: Portal, bearer: str, identity: Identity, language: str = "da"
) -> AsyncIterator[httpx.AsyncClient]:
    """A browser signed in with ``bearer`` (a token the demo list does not hold)."""
    store = portal.app.state.portal.store  # type: ignore[attr-defined]
    session = store.sign_in(store.new(language), bearer, identity, None)
    async with portal.client() as browser:
        browser.cookies.set(COOKIE, session.id)
        yield browser


async def until(browser: httpx.AsyncClient, path: str, text: str) -> str:
    """The page once it shows ``text`` (the reports follow the events)."""
    for _ in range(200):
        page = await browser.get(path)
        if text in page.text:
            return page.text
        await asyncio.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared on {path}")


async def test_a_fresh_municipality_sees_an_empty_state_on_each_new_screen(
    portal: Portal,
) -> None:
    async with portal.signed_in(portal.tenants[0]) as browser:
        pages = {path: await browser.get(path) for path in SCREENS}
    expected = {
        "/activities": "Ingen aktivitet passer til filtrene.",
        "/incidents": "Ingen åbne hændelser.",
        "/safety-walks": "Ingen tryghedsvandringer endnu.",
        "/outcomes": "Ingen fælles strategi er vedtaget endnu.",
    }
    for path, page in pages.items():
        assert page.status_code == 200 and 'role="alert"' not in page.text, path
        assert expected[path] in page.text, path


async def test_a_gateway_that_is_down_is_named_on_each_new_screen(
    portal_for: PortalFactory,
) -> None:
    async with portal_for(graphql_url="http://127.0.0.1:9/graphql", timeout=2.0) as portal:
        tenant = portal.tenants[0]
        who = Identity("someone", tenant, ("coordinator",))
        async with person(portal, token(tenant, "coordinator"), who, "en") as browser:
            pages = {path: await browser.get(path) for path in SCREENS}
        national = Identity("n", "0000", ("national",))
        async with person(portal, token("0000", "national"), national, "en") as browser:
            pages["/national"] = await browser.get("/national")
    expected = {
        "/activities": "Unavailable right now: The activities.",
        "/incidents": "Unavailable right now: The incidents.",
        "/safety-walks": "Unavailable right now: The safety walks.",
        "/outcomes": "Unavailable right now: The outcomes.",
        "/national": "Unavailable right now: The national tables.",
    }
    for path, page in pages.items():
        assert page.status_code == 200 and expected[path] in page.text, path
        assert "Traceback" not in page.text


async def test_another_municipalitys_ids_are_the_404_page_on_every_screen(
    portal: Portal, graphql: GraphQL
) -> None:
    mine, theirs = portal.tenants
    t = await town(graphql, mine)
    paths = [
        f"/activities/{await activity(graphql, t)}",
        f"/fora/{await forum(graphql, t)}",
        f"/incidents/{await incident(graphql, t)}",
        f"/safety-walks/{await walk(graphql, t)}",
    ]
    async with portal.signed_in(mine) as own, portal.signed_in(theirs) as other:
        for path in paths:
            assert (await own.get(path)).status_code == 200, path
            refused = await other.get(path)
            assert refused.status_code == 404 and "Siden findes ikke" in refused.text, path
            assert (await own.get(path + "x")).status_code == 404, path


async def test_a_coordinator_creates_edits_and_joins_an_activity_through_the_forms(
    portal: Portal, graphql: GraphQL
) -> None:
    t = await town(graphql, portal.tenants[0])
    async with portal.signed_in(t.tenant) as browser:
        await until(browser, "/activities/new", "Klubben")  # the choices are the actors
        form = {"level": "FRONTLINE", "ownerActorId": t.club, "themes": ["YOUTH"]}
        csrf = csrf_of((await browser.get("/activities/new")).text)
        forged = await browser.post("/activities/new", data={**form, "title": "Forfalsket"})
        assert forged.status_code == 403
        missing = await browser.post("/activities/new", data={**form, "csrf": csrf})
        assert missing.status_code == 422
        assert re.search(r'id="title-error">.*Skal udfyldes', missing.text)
        assert 'aria-invalid="true"' in missing.text and 'href="#f-title"' in missing.text
        reversed_ages = {
            **form,
            "csrf": csrf,
            "title": "Fodbold",
            "targetAgeFrom": "18",
            "targetAgeTo": "12",
        }
        refused = await browser.post("/activities/new", data=reversed_ages)
        assert refused.status_code == 422, refused.text
        named = re.findall(r'id="(\w+)-error"', refused.text)
        assert named and set(named) <= {"targetAgeFrom", "targetAgeTo"}, named
        assert 'value="Fodbold"' in refused.text, "the form comes back as it was filled in"
        made = await browser.post(
            "/activities/new",
            data={**form, "csrf": csrf, "title": "Fodbold", "targetAgeFrom": "12"},
        )
        assert made.status_code == 303, made.text
        page = made.headers["location"]
        listed = await browser.get("/activities")
        assert listed.text.count("Fodbold") == 1 and "Forfalsket" not in listed.text
        shown = await browser.get(page)
        edited = await browser.post(
            f"{page}/edit",
            data={
                **form,
                "csrf": csrf,
                "title": "Fodbold for alle",
                "expectedVersion": re.search(
                    r'name="expectedVersion" value="(\d+)"',
                    (await browser.get(f"{page}/edit")).text,
                )[1],
            },
        )
        assert edited.status_code == 303, edited.text
        joined = await browser.post(
            f"{page}/join", data={"csrf": csrf, "actorId": t.school, "role": "PARTNER"}
        )
        assert joined.status_code == 303, joined.text
        shown = await browser.get(page)
    assert "Fodbold for alle" in shown.text and "Skolen" in shown.text.split('id="partners"')[1]


async def test_a_partner_sees_a_restricted_incident_exists_and_never_its_text(
    portal: Portal, graphql: GraphQL
) -> None:
    t = await town(graphql, portal.tenants[0])
    incident_id = await restricted(graphql, t)
    club = Identity("club", t.tenant, ("partner",), t.club)
    police = Identity("police", t.tenant, ("police",), t.police)
    paths = ["/incidents", "/incidents/board", f"/incidents/{incident_id}", f"/actors/{t.police}"]
    async with person(portal, t.club_staff(), club) as partner:
        seen = [await until(partner, "/incidents", incident_id)]
        seen += [(await partner.get(path)).text for path in paths]
    async with person(portal, t.police_officer(), police) as officer:
        read = (await officer.get(f"/incidents/{incident_id}")).text
        police_page = (await officer.get(f"/actors/{t.police}")).text
    for secret in SECRETS:
        assert all(secret not in html for html in seen), secret
        assert secret in read, secret
    assert "Skyderi" in seen[0] and "Fortrolig" in seen[0], "it exists, of a kind, restricted"
    assert "Hændelsen er fortrolig" in seen[3]
    # who reported a restricted incident is withheld from a partner, so the reporter's
    # page does not list it for them; the police read it whole and see it there
    assert f'href="/incidents/{incident_id}"' not in seen[4]
    assert f'href="/incidents/{incident_id}"' in police_page


async def test_the_live_stream_relays_each_persons_own_view_and_no_text(
    portal: Portal, graphql: GraphQL
) -> None:
    t = await town(graphql, portal.tenants[0])
    await incident(graphql, t)  # the incidents service knows the actors and area
    club = Identity("club", t.tenant, ("partner",), t.club)
    async with person(portal, t.club_staff(), club) as partner:
        async with partner.stream("GET", "/incidents/live") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.aiter_lines()
            assert await anext(lines) == "event: ready"
            reported = asyncio.create_task(restricted(graphql, t))
            received: list[str] = [""]
            while not (reported.done() and reported.result() in received[-1]):
                received.append(await asyncio.wait_for(anext(lines), 30))
            incident_id = reported.result()
    text = "\n".join(received)
    assert f'"incidentId": "{incident_id}"' in text and "event: incident" in text
    assert all(secret not in text for secret in SECRETS)
    assert "summary" not in text and "Ruten" not in text


async def test_a_finding_is_recorded_with_its_action_and_owner(
    portal: Portal, graphql: GraphQL
) -> None:
    t = await town(graphql, portal.tenants[0])
    walk_id = await walk(graphql, t)
    async with portal.signed_in(t.tenant) as browser:
        page = await until(browser, f"/safety-walks/{walk_id}", "Klubben")
        csrf = csrf_of(page)
        finding = {"csrf": csrf, "kind": "LIGHTING", "place": "Stien", "description": "Mørkt"}
        late = await browser.post(
            f"/safety-walks/{walk_id}/findings", data={**finding, "ownerActorId": t.school}
        )
        assert late.status_code == 422 and 'id="deadline-error"' in late.text
        assert "Vandringen har ingen fund endnu." in late.text, "nothing was written"
        recorded = await browser.post(
            f"/safety-walks/{walk_id}/findings",
            data={**finding, "ownerActorId": t.school, "deadline": "2026-05-01"},
        )
        assert recorded.status_code == 303, recorded.text
        shown = (await browser.get(recorded.headers["location"])).text
    findings = shown.split('id="findings"')[1].split('id="record"')[0]
    assert "Belysning" in findings and "Skolen" in findings and "1. maj 2026" in findings
    assert "Overskredet" in findings, "a deadline gone by is marked"


async def test_a_national_body_sees_only_the_national_pages_with_suppression_marked(
    portal: Portal,
) -> None:
    async with portal.signed_in("", role="national") as national:
        landing = await national.get("/")
        page = await national.get("/national")
        csv = await national.get("/national.csv", params={"table": "incidents-by-kind"})
        others = [await national.get(path) for path in ("/network", "/activities", "/incidents")]
    async with portal.signed_in(portal.tenants[0]) as coordinator:
        refused = await coordinator.get("/national")
    assert landing.status_code == 303 and landing.headers["location"] == "/national"
    assert page.status_code == 200 and 'class="suppressed"' in page.text
    assert 'href="/national"' in page.text and 'href="/network"' not in page.text
    headers = re.findall(r'<th scope="col" class="number">([^<]*)</th>', page.text)
    assert headers, "every table's columns"
    raw = [h for h in headers if h.islower() or "_" in h or (h.isupper() and len(h) > 3)]
    assert not raw, f"columns shown as the API's words, not in the reader's: {raw}"
    assert all(other.status_code == 404 for other in others)
    assert refused.status_code == 404
    rows = csv.text.splitlines()
    assert rows[0].startswith("code,name,country,shooting,stabbing")
    cells = [cell for row in rows[1:] for cell in row.split(",")[3:]]
    assert cells and all(cell == "suppressed" or cell.isdigit() for cell in cells)


async def test_static_files_are_gzipped_and_pages_never(portal: Portal) -> None:
    """A page holds the CSRF token beside text others may choose: compressing it would
    let its length tell the token (BREACH); the vendored JavaScript is gzipped."""
    gzip = {"Accept-Encoding": "gzip"}
    async with portal.signed_in(portal.tenants[0]) as browser:
        script = await browser.get("/static/vendor/plot.umd.min.js", headers=gzip)
        page = await browser.get("/activities", params={"q": "x" * 2000}, headers=gzip)
    assert script.headers.get("content-encoding") == "gzip"
    assert script.num_bytes_downloaded < len(script.content) / 2
    assert "content-encoding" not in page.headers and 'name="csrf"' in page.text


async def test_the_live_stream_ends_with_the_session_and_relays_nothing_after(
    portal: Portal, graphql: GraphQL
) -> None:
    t = await town(graphql, portal.tenants[0])
    await incident(graphql, t)  # the incidents service knows the actors and area
    async with portal.signed_in(t.tenant) as browser:
        csrf = csrf_of((await browser.get("/incidents")).text)
        async with browser.stream("GET", "/incidents/live") as stream:
            lines = stream.aiter_lines()
            assert await anext(lines) == "event: ready"
            signed_out = await browser.post("/sign-out", data={"csrf": csrf})
            assert signed_out.status_code == 303
            later = await incident(graphql, t, place="Efter udlogning")
            rest: list[str] = []
            async for line in lines:  # the stream ends on its own
                rest.append(line)
                if later in line:
                    break
    assert all(later not in line for line in rest), "nothing relayed after sign-out"


async def test_an_open_live_board_does_not_keep_the_session_from_going_idle(
    portal: Portal, graphql: GraphQL
) -> None:
    t = await town(graphql, portal.tenants[0])
    await incident(graphql, t)  # the incidents service knows the actors and area
    store = portal.app.state.portal.store  # type: ignore[attr-defined]
    now = [1000.0]
    store.clock = lambda: now[0]
    idle = store.idle_seconds
    async with portal.signed_in(t.tenant) as browser:
        async with browser.stream("GET", "/incidents/live") as stream:
            lines = stream.aiter_lines()
            assert await anext(lines) == "event: ready"
            now[0] += idle * 0.75
            later = await incident(graphql, t, place="Mens fanen stod åben")
            while later not in await anext(lines):  # the stream checked the session
                pass
            now[0] += idle * 0.5  # over the idle time since the person last asked a page
            assert (await browser.get("/incidents")).status_code == 303, "the session is over"
