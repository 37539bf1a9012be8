"""Bad input through the portal's pages and forms, over HTTP against the whole
platform: a value a form cannot read is never left out of a write (which would write
the field as empty); malformed, huge or another municipality's ids in a URL or a
form are the portal's 4xx pages, never a 500, with nothing written; and one person
cannot open live streams (each a subscription at the gateway) without end."""

from __future__ import annotations

import asyncio
import re
from contextlib import AsyncExitStack

from tests.gateway.conftest import GraphQL
from tests.portal.conftest import Portal, PortalFactory, csrf_of
from tests.portal.world import ACTIVITY, activity, forum, incident, town, walk

MALFORMED = ("x" * 3000, "%00", "%C3%28", "..%2F..%2Fetc", "a b", "%E2%80%AE", "%C2%B2")
"""… and a superscript two: a digit to ``str.isdigit``, not a number to ``int``."""


async def test_a_value_too_long_to_read_refuses_the_form_and_writes_nothing(
    portal: Portal, graphql: GraphQL
) -> None:
    t = await town(graphql, portal.tenants[0])
    created = await graphql.settled(
        ACTIVITY,
        t.coordinator,
        input={
            "title": "Fodbold",
            "level": "FRONTLINE",
            "ownerActorId": t.club,
            "targetGroup": "Unge",
        },
    )
    page = f"/activities/{created['createActivity']['activity']['id']}"
    async with portal.signed_in(t.tenant) as browser:
        csrf = csrf_of((await browser.get("/activities")).text)
        form = {"csrf": csrf, "level": "FRONTLINE", "ownerActorId": t.club, "title": "Fodbold"}
        edit = (await browser.get(f"{page}/edit")).text
        version = re.search(r'name="expectedVersion" value="(\d+)"', edit)
        assert version
        too_long = {**form, "title": "Omdøbt", "targetGroup": "u" * 201}
        refused = await browser.post(
            f"{page}/edit", data={**too_long, "expectedVersion": version[1]}
        )
        assert refused.status_code == 422 and 'id="targetGroup-error"' in refused.text
        stale = {**form, "title": "Omdøbt", "expectedVersion": "9" * 13}
        assert (await browser.post(f"{page}/edit", data=stale)).status_code == 422
        shown = (await browser.get(page)).text
        assert "Omdøbt" not in shown and "Fodbold" in shown and "Unge" in shown

        report = {
            "csrf": csrf,
            "kind": "SHOOTING",
            "severity": "3",
            "areaId": t.area,
            "place": "Ved centret",
            "occurredAt": "2026-03-14T21:40",
            "reportingActorId": t.police,
            "summary": "Aldrig indberettet",
            "sensitivity": "RESTRICTED",
            "restrictedDetails": "d" * 4001,
        }
        refused = await browser.post("/incidents/new", data=report)
        assert refused.status_code == 422 and 'id="restrictedDetails-error"' in refused.text
        assert "Aldrig indberettet" not in (await browser.get("/incidents")).text


async def test_malformed_and_foreign_ids_are_the_portals_4xx_pages(
    portal: Portal, graphql: GraphQL
) -> None:
    mine, theirs = portal.tenants
    t, other = await town(graphql, mine), await town(graphql, theirs)
    ids = {
        "activity": await activity(graphql, t),
        "forum": await forum(graphql, t),
        "incident": await incident(graphql, t),
        "walk": await walk(graphql, t),
    }
    pages = ("/actors/{}", "/activities/{}", "/activities/{}/edit", "/fora/{}", "/incidents/{}")
    async with portal.signed_in(mine) as browser:
        csrf = csrf_of((await browser.get("/incidents")).text)
        for path in (*pages, "/safety-walks/{}"):
            for bad in MALFORMED:
                answer = await browser.get(path.format(bad))
                assert 400 <= answer.status_code < 500, (path, bad[:8], answer.status_code)
        incident_id = ids["incident"]
        writes = {
            f"/incidents/{incident_id}/tasks": {
                "title": "Besøg",
                "assigneeActorId": other.club,
                "due": "2030-01-01",
            },
            f"/incidents/{incident_id}/tasks/{'x' * 3000}/complete": {},
            f"/incidents/{incident_id}/timeline": {
                "kind": "DECISION",
                "text": "Besluttet",
                "authorActorId": other.club,
            },
            f"/incidents/{'x' * 3000}/status": {"status": "CLOSED", "reason": "Slut"},
            f"/safety-walks/{ids['walk']}/findings": {
                "kind": "LIGHTING",
                "place": "Stien",
                "description": "Mørkt",
                "ownerActorId": other.club,
                "deadline": "2030-01-01",
            },
            f"/fora/{ids['forum']}/join": {"actorId": other.club},
            f"/activities/{ids['activity']}/join": {"actorId": other.club, "role": "PARTNER"},
            "/incidents/new": {"kind": "SHOOTING", "severity": "9" * 30, "areaId": other.area},
        }
        for path, data in writes.items():
            answer = await browser.post(path, data={**data, "csrf": csrf})
            assert 400 <= answer.status_code < 500, (path[:40], answer.status_code)
        seen = (await browser.get(f"/incidents/{incident_id}")).text
        assert "Besøg" not in seen and "Besluttet" not in seen
        assert "Stien" not in (await browser.get(f"/safety-walks/{ids['walk']}")).text


async def test_one_person_holds_only_so_many_live_streams_at_once(
    portal_for: PortalFactory, graphql: GraphQL
) -> None:
    async with portal_for(live_streams_per_person=2) as portal:
        t = await town(graphql, portal.tenants[0])
        async with (
            portal.signed_in(t.tenant) as browser,
            portal.signed_in(t.tenant, "police") as officer,
        ):
            async with AsyncExitStack() as streams:
                lines = []  # each stream's reader kept: one let go closes its stream
                for _ in range(2):
                    stream = await streams.enter_async_context(
                        browser.stream("GET", "/incidents/live")
                    )
                    lines.append(stream.aiter_lines())
                    assert await anext(lines[-1]) == "event: ready"
                async with browser.stream("GET", "/incidents/live") as refused:
                    assert refused.status_code == 429
                    assert "event:" not in (await refused.aread()).decode()
                async with officer.stream("GET", "/incidents/live") as other:
                    assert await anext(other.aiter_lines()) == "event: ready", "another person"
            # the streams closed: the person's count is given back as each one ends
            for _ in range(200):
                async with browser.stream("GET", "/incidents/live") as again:
                    if again.status_code == 200:
                        assert await anext(again.aiter_lines()) == "event: ready"
                        break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError("the closed streams were never given back")


DECIDE = """
mutation($input: RecordSituationDecisionInput!) {
  recordSituationDecision(input: $input) { position decision { id status } }
}"""
PICTURE = """
query($area: ID!, $week: String!, $at: [String!]) {
  situationPicture(areaId: $area, week: $week, atLeast: $at) { decisions { id action status } }
}"""


async def test_the_situation_and_practice_forms_refuse_bad_and_foreign_input(
    portal: Portal, graphql: GraphQL
) -> None:
    mine, theirs = portal.tenants
    t, other = await town(graphql, mine), await town(graphql, theirs)
    await incident(graphql, t)  # the incidents service knows the actors and the area
    week = "2026-W48"
    theirs_decided = await graphql.settled(
        DECIDE,
        other.coordinator,
        input={
            "areaId": other.area,
            "week": week,
            "action": "Deres beslutning",
            "ownerActorId": other.club,
            "due": "2026-11-27",
        },
    )
    foreign = theirs_decided["recordSituationDecision"]["decision"]["id"]
    own_activity, their_activity = await activity(graphql, t), await activity(graphql, other)
    decision = {"areaId": t.area, "week": week, "action": "Aldrig besluttet", "due": "2026-11-27"}
    async with portal.signed_in(mine) as browser:
        csrf = csrf_of((await browser.get("/situation")).text)
        writes = {
            "/situation/decisions": [
                {**decision, "ownerActorId": other.club},
                {**decision, "ownerActorId": t.club, "areaId": other.area},
                {**decision, "ownerActorId": t.club, "areaId": "x" * 3000},
                {**decision, "ownerActorId": t.club, "week": "x" * 3000},
                {**decision, "ownerActorId": t.club, "week": "2026-W99"},
                {**decision, "ownerActorId": t.club, "due": "9" * 3000},
            ],
            f"/situation/decisions/{foreign}/status": [
                {"areaId": t.area, "week": week, "status": "DONE"},
                {"areaId": other.area, "week": week, "status": "DONE"},
            ],
            f"/situation/decisions/{'x' * 3000}/status": [
                {"areaId": t.area, "week": week, "status": "DONE"}
            ],
            f"/activities/{their_activity}/practice": [{"namePartners": "true"}],
            f"/activities/{own_activity}/practice": [
                {"contactActorId": other.club},
                {"namePartners": "x" * 3000},
            ],
            f"/activities/{'x' * 3000}/practice/withdraw": [{}],
            f"/activities/{their_activity}/practice/withdraw": [{}],
        }
        for path, forms in writes.items():
            for data in forms:
                answer = await browser.post(path, data={**data, "csrf": csrf})
                assert 400 <= answer.status_code < 500, (path[:40], answer.status_code)
        pages = (
            "/situation?week={}",
            "/situation?area={}",
            "/contributions?from={}",
            "/practices?age={}",
            "/practices?after={}",
            "/gaps?page={}",
        )
        for path in pages:
            for bad in MALFORMED:
                answer = await browser.get(path.format(bad))
                assert answer.status_code < 500, (path, bad[:8], answer.status_code)
        shown = (await browser.get(f"/situation?area={t.area}&week={week}")).text
        assert "Aldrig besluttet" not in shown
        assert "Ikke delt" in (await browser.get(f"/activities/{own_activity}")).text
    picture = await graphql.ok(
        PICTURE,
        other.coordinator,
        area=other.area,
        week=week,
        at=[theirs_decided["recordSituationDecision"]["position"]],
    )
    assert [d["status"] for d in picture["situationPicture"]["decisions"]] == ["OPEN"]
