"""The portal's screens over HTTP against the whole platform: what a fresh municipality
sees (empty states), what a person sees when the gateway is down (error states naming
the part), another municipality's ids (the 404 page), and the words of both languages."""

from __future__ import annotations

import asyncio
import json
import re
from importlib import resources
from pathlib import Path

import httpx
import pytest

from tests.actors.conftest import SECRET
from tests.gateway.conftest import GraphQL, token
from tests.portal.conftest import Portal, PortalFactory
from trygnet_portal.client.exceptions import (
    GraphQLClientGraphQLError,
    GraphQLClientGraphQLMultiError,
)
from trygnet_portal.gateway import Failure, NotFound, SignedOut, ask
from trygnet_portal.sessions import COOKIE, Identity

REGISTER = """
mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }"""
DEFINE = "mutation($input: DefineAreaInput!) { defineArea(input: $input) { area { id } } }"
TEMPLATES = Path(resources.files("trygnet_portal")) / "templates"  # type: ignore[arg-type]


async def register(graphql: GraphQL, tenant: str, name: str, **fields: object) -> str:
    data = await graphql.ok(
        REGISTER,
        token(tenant, "coordinator"),
        input={"name": name, "sector": "CIVIL_SOCIETY", "levels": ["CIVIL_SOCIETY"], **fields},
    )
    return str(data["registerActor"]["actor"]["id"])


async def test_a_fresh_municipality_sees_a_clear_empty_state_on_every_screen(
    portal: Portal,
) -> None:
    async with portal.signed_in(portal.tenants[0]) as browser:
        overview = await browser.get("/")
        network = await browser.get("/network")
        gaps = await browser.get("/gaps")
    assert "Der er endnu ingen aktører registreret i kommunen." in overview.text
    assert "Der er endnu ingen aktører i netværket." in network.text
    assert "Ingen koordineringshuller" in gaps.text
    for page in (overview, network, gaps):
        assert page.status_code == 200 and 'role="alert"' not in page.text


async def test_an_actor_of_another_municipality_is_the_portals_404_page(
    portal: Portal, graphql: GraphQL
) -> None:
    mine, theirs = portal.tenants
    actor = await register(graphql, mine, "Boldklubben Tingbjerg", phone="+45 11 22 33 44")
    async with portal.signed_in(mine) as own, portal.signed_in(theirs) as other:
        seen = await own.get(f"/actors/{actor}")
        assert seen.status_code == 200 and "Boldklubben Tingbjerg" in seen.text
        assert "+45 11 22 33 44" in seen.text
        refused = await other.get(f"/actors/{actor}")
        assert refused.status_code == 404
        assert "Siden findes ikke" in refused.text and "Boldklubben" not in refused.text
        malformed = await own.get("/actors/%20not-an-id%20")
        assert malformed.status_code == 404


async def test_the_overview_filters_by_theme_and_finds_whom_to_call(
    portal: Portal, graphql: GraphQL
) -> None:
    tenant = portal.tenants[0]
    youth = await register(
        graphql, tenant, "Ungdomsklubben", themes=["YOUTH"], email="klub@example.dk"
    )
    await register(graphql, tenant, "Seniorklubben", themes=["ELDERLY"])
    async with portal.signed_in(tenant) as browser:
        for _ in range(100):  # the directory is a report: it follows the events
            page = await browser.get("/", params={"theme": "YOUTH"})
            if "Ungdomsklubben" in page.text:
                break
        assert f'href="/actors/{youth}"' in page.text and "klub@example.dk" in page.text
        assert "Seniorklubben" not in page.text
        searched = await browser.get("/", params={"q": "senior"})
        assert "Seniorklubben" in searched.text and "Ungdomsklubben" not in searched.text
        partial = await browser.get(
            "/", params={"theme": "YOUTH"}, headers={"HX-Request": "true", "HX-Target": "results"}
        )
        assert partial.text.lstrip().startswith('<div id="results"')
        assert "<html" not in partial.text
        stale = await browser.get("/", params={"theme": "NO_SUCH_THEME"})
        assert stale.status_code == 200 and "Seniorklubben" in stale.text


async def test_a_filtered_list_answers_htmx_with_only_the_part_it_asked_for(
    portal: Portal,
) -> None:
    parts = {"/activities": "results", "/practices": "results", "/network": "scores"}
    async with portal.signed_in(portal.tenants[0]) as browser:
        for path, target in parts.items():
            part = await browser.get(path, headers={"HX-Request": "true", "HX-Target": target})
            whole = await browser.get(path)
            assert part.status_code == 200 and "<html" not in part.text, path
            assert f'<div id="{target}"' in part.text, path
            assert whole.status_code == 200 and "<html" in whole.text, path


async def test_a_gateway_that_is_down_is_named_as_the_part_unavailable(
    portal_for: PortalFactory,
) -> None:
    async with portal_for(graphql_url="http://127.0.0.1:9/graphql", timeout=2.0) as portal:
        store = portal.app.state.portal.store  # type: ignore[attr-defined]
        session = store.sign_in(
            store.new("en"),
            token(portal.tenants[0], "coordinator"),
            Identity("someone", portal.tenants[0], ("coordinator",)),
            None,
        )
        async with portal.client() as browser:
            browser.cookies.set(COOKIE, session.id)
            pages = {path: await browser.get(path) for path in ("/", "/network", "/gaps")}
            actor = await browser.get("/actors/a1")
    expected = {
        "/": "Unavailable right now: The directory of actors.",
        "/network": "Unavailable right now: The collaboration network.",
        "/gaps": "Unavailable right now: The coordination gaps.",
    }
    for path, page in pages.items():
        assert page.status_code == 200 and 'role="alert"' in page.text, path
        assert expected[path] in page.text, path
        assert "Traceback" not in page.text
    assert (
        actor.status_code == 200 and "Unavailable right now: The actor&#39;s profile." in actor.text
    )


def _failing(code: str) -> object:
    async def call() -> object:
        error = GraphQLClientGraphQLError("refused", extensions={"code": code})
        raise GraphQLClientGraphQLMultiError([error])

    return call()


async def test_the_gateways_codes_decide_what_a_person_sees() -> None:
    assert await ask("part.network", _failing("UNAVAILABLE")) == Failure(
        "part.network", "unavailable"
    )
    assert await ask("part.network", _failing("TIMEOUT")) == Failure("part.network", "unavailable")
    assert await ask("part.network", _failing("FORBIDDEN")) == Failure("part.network", "forbidden")
    assert await ask("part.network", _failing("INTERNAL")) == Failure("part.network", "failed")
    with pytest.raises(NotFound):
        await ask("part.actor", _failing("NOT_FOUND"))
    with pytest.raises(NotFound):
        await ask("part.actor", _failing("BAD_USER_INPUT"), not_found=("BAD_USER_INPUT",))
    with pytest.raises(SignedOut):
        await ask("part.actor", _failing("UNAUTHENTICATED"))


async def test_a_token_the_gateway_no_longer_accepts_signs_the_person_out(
    portal: Portal,
) -> None:
    from trygnet_core.auth import issue_dev_token

    store = portal.app.state.portal.store  # type: ignore[attr-defined]
    expired = issue_dev_token(
        secret=SECRET,
        subject="x",
        tenant=portal.tenants[0],
        roles=["coordinator"],
        ttl_seconds=-60,
    )
    session = store.sign_in(
        store.new("da"), expired, Identity("x", portal.tenants[0], ("coordinator",)), None
    )
    async with portal.client() as browser:
        browser.cookies.set(COOKIE, session.id)
        answer = await browser.get("/gaps")
    assert answer.status_code == 303 and answer.headers["location"] == "/sign-in?next=/gaps"
    assert store.get(session.id) is None


def test_both_languages_have_every_word_the_templates_use() -> None:
    words = {
        language: json.loads(
            resources.files("trygnet_portal").joinpath(f"messages/{language}.json").read_text()
        )
        for language in ("da", "en")
    }
    assert set(words["da"]) == set(words["en"])
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']\s*[),]""", template.read_text()))
    assert used and not used - set(words["en"]), used - set(words["en"])


async def test_every_query_the_portal_sends_is_in_its_operations_manifest(
    portal: Portal, graphql: GraphQL
) -> None:
    """A gateway that runs only trusted documents registers ``trygnet_portal.operations``:
    the pages send those exact texts and no other."""
    from trygnet_portal.operations import manifest

    sent: list[str] = []

    async def record(request: httpx.Request) -> None:
        sent.append(json.loads(request.content)["query"])

    pool: httpx.AsyncClient = portal.app.state.portal.http  # type: ignore[attr-defined]
    pool.event_hooks["request"].append(record)
    actor = await register(graphql, portal.tenants[0], "Natteravnene")
    async with portal.signed_in(portal.tenants[0]) as browser:
        for path in (
            "/",
            "/network",
            "/gaps",
            f"/actors/{actor}",
            "/activities",
            "/activities/new",
            "/incidents",
            "/safety-walks",
            "/outcomes",
            "/contributions",
            "/situation",
        ):
            assert (await browser.get(path)).status_code == 200, path
    registered = {operation["body"] for operation in manifest()["operations"]}
    assert len(set(sent)) == 15 and len(registered) == 41
    assert set(sent) <= registered


SCORES = {
    "trust": {"openness": 3, "reliability": 3, "sharedMission": 3},
    "value": {"powerAndInfluence": 3, "resourceContribution": 3, "levelOfInvolvement": 3},
}


async def test_the_network_shows_survey_ties_beside_observed_ones_by_name(
    portal: Portal, graphql: GraphQL
) -> None:
    tenant = portal.tenants[0]
    coordinator = token(tenant, "coordinator")
    club, school, church = [
        await register(graphql, tenant, name) for name in ("Klubben", "Skolen", "Kirken")
    ]
    activity = await graphql.settled(
        "mutation($input: CreateActivityInput!) { createActivity(input: $input) "
        "{ activity { id } } }",
        coordinator,
        input={"title": "Lektiecafé", "level": "FRONTLINE", "ownerActorId": club},
    )
    await graphql.settled(
        "mutation($input: JoinActivityInput!) { joinActivity(input: $input) { position } }",
        coordinator,
        input={
            "activityId": activity["createActivity"]["activity"]["id"],
            "actorId": school,
            "role": "PARTNER",
        },
    )
    wave = await graphql.ok(
        "mutation($input: OpenSurveyWaveInput!) { openSurveyWave(input: $input) "
        "{ surveyWave { id } } }",
        coordinator,
        input={"title": "Efterår", "openedOn": "2026-09-01"},
    )
    await graphql.settled(
        "mutation($input: RecordSurveyResponseInput!) { recordSurveyResponse(input: $input) "
        "{ position } }",
        coordinator,
        input={
            "waveId": wave["openSurveyWave"]["surveyWave"]["id"],
            "respondentActorId": club,
            "ratings": [{"actorId": church, "intensity": "AWARENESS", **SCORES}],
        },
    )
    async with portal.signed_in(tenant) as browser:
        for _ in range(300):  # the network is a report: it follows the events
            page = await browser.get("/network")
            if "Kirken \u2013 Klubben" in page.text and "Klubben \u2013 Skolen" in page.text:
                break
            await asyncio.sleep(0.1)
        html = page.text
    survey = html.split('id="survey"', 1)[1]
    only_survey, only_observed = (
        survey.split("<details>")[2].split("</details>")[0],
        survey.split("<details>")[3].split("</details>")[0],
    )
    assert "1 par" in only_survey and "Kirken \u2013 Klubben" in only_survey
    assert "1 par" in only_observed and "Klubben \u2013 Skolen" in only_observed
    assert church not in survey and club not in survey, "names, never ids"
