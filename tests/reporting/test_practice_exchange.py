"""The exchange between municipalities in the reports, on SQLite and PostgreSQL: every
municipality's coordinators find the practices others shared (the one read across
municipalities, audited), a withdrawn practice is gone, and each municipality sees the
support offers that match its focus areas and themes, deadlines ahead first."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from tests.actors.conftest import token
from tests.reporting.conftest import project, without_broker
from tests.support.feed import Feed
from trygnet_activities.domain import events as activity_events
from trygnet_activities.domain import exchange_events as act
from trygnet_actors.domain import events as ac
from trygnet_core.auth import Principal
from trygnet_core.paging import Cursors
from trygnet_core.tenancy import TenantId
from trygnet_reporting import practice_reads

AALBORG, HUDDINGE, COPENHAGEN = "0851", "0126", "0101"
NATIONAL = token(tenant="0000", roles=("national",))


def coordinator(tenant: str) -> dict[str, str]:
    return token(tenant=tenant, roles=("coordinator",))


def shared(activity: str, title: str, themes: tuple[str, ...], ages: tuple[int, int]) -> Any:
    return act.PracticeShared(
        practice_id=f"practice-{activity}",
        activity_id=activity,
        title=title,
        description=f"{title}: what we did and what came of it.",
        themes=themes,  # type: ignore[arg-type]
        target_age_from=ages[0],
        target_age_to=ages[1],
        partner_sectors=("civil_society", "municipality"),
        hours=400,
        budget=120_000,
    )


def the_network() -> Feed:
    feed = Feed(tenant=AALBORG)
    for activity, title, themes, ages in (
        ("a-night", "Natteravne i Aalborg Øst", ("nightlife",), (15, 25)),
        ("a-jobs", "Fritidsjob til unge", ("youth", "employment"), (13, 17)),
    ):
        feed.add(
            "activities", "Practice", f"practice-{activity}", shared(activity, title, themes, ages)
        )
    feed.add(
        "activities",
        "Practice",
        "practice-h-walks",
        shared("h-walks", "Trygghetsvandringar i Vårby gård", ("housing_environment",), (0, 120)),
        tenant=HUDDINGE,
    )
    # Huddinge's strategy: a housing area, an activity for young people serving a focus area
    feed.add(
        "actors",
        "Area",
        "area-vg",
        ac.AreaDefined("area-vg", "Vårby gård", "housing_area"),
        tenant=HUDDINGE,
    )
    feed.add(
        "activities",
        "Activity",
        "h-club",
        activity_events.ActivityCreated(
            activity_id="h-club",
            title="Not shared: the youth club's evening",
            level="frontline",  # type: ignore[arg-type]
            owner_actor_id="actor-x",
            themes=("youth",),  # type: ignore[arg-type]
            focus_areas=("focus-youth",),
        ),
        tenant=HUDDINGE,
    )
    for offer, themes, kinds, deadline in (
        ("o-late", ("youth",), (), "2027-06-01"),
        ("o-soon", (), ("housing_area",), "2027-02-01"),
        ("o-open", ("youth",), (), None),
        ("o-past", ("youth",), (), "2026-01-01"),
        ("o-elderly", ("elderly",), (), "2027-01-10"),
        ("o-centre", (), ("town_centre",), "2027-01-10"),
    ):
        feed.add(
            "activities",
            "SupportOffer",
            offer,
            act.SupportOfferPublished(
                offer_id=offer,
                title=f"Offer {offer}",
                provider="Brottsförebyggande rådet",
                themes=themes,  # type: ignore[arg-type]
                area_kinds=kinds,  # type: ignore[arg-type]
                deadline=deadline,
            ),
            tenant="0000",
        )
    return feed


@pytest.fixture
async def http(reports: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    await project(reports, the_network().events)
    transport = httpx.ASGITransport(app=without_broker(reports))
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as client:
        yield client


async def get(http: httpx.AsyncClient, path: str, who: dict[str, str], **params: Any) -> Any:
    answer = await http.get(path, headers=who, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_every_municipality_finds_what_others_shared_with_their_names(
    http: httpx.AsyncClient,
) -> None:
    found = await get(http, "/practices", coordinator(COPENHAGEN))
    assert [p["title"] for p in found["items"]] == [
        "Fritidsjob til unge",
        "Natteravne i Aalborg Øst",
        "Trygghetsvandringar i Vårby gård",
    ]
    assert [p["municipality"]["name"] for p in found["items"]] == ["Aalborg", "Aalborg", "Huddinge"]
    assert all(p["activityId"] is None for p in found["items"])  # none is Copenhagen's
    assert not any("a-jobs" in p["id"] or "h-walks" in p["id"] for p in found["items"])
    own = await get(http, "/practices", coordinator(AALBORG))
    assert [p["activityId"] for p in own["items"]] == ["a-jobs", "a-night", None]
    national = await get(http, "/practices", NATIONAL)
    assert national["totalCount"] == 3


async def test_practices_filter_by_theme_age_and_words(http: httpx.AsyncClient) -> None:
    who = coordinator(COPENHAGEN)

    async def titles(**params: Any) -> list[str]:
        return [p["title"] for p in (await get(http, "/practices", who, **params))["items"]]

    assert await titles(theme="nightlife") == ["Natteravne i Aalborg Øst"]
    assert await titles(targetAge=14) == ["Fritidsjob til unge", "Trygghetsvandringar i Vårby gård"]
    assert await titles(search="vårby TRYGGHETSVANDRINGAR") == ["Trygghetsvandringar i Vårby gård"]
    assert await titles(search="what came", theme="youth", targetAge=16) == ["Fritidsjob til unge"]
    assert await titles(search="nothing like this") == []


async def test_practices_page_with_signed_cursors(http: httpx.AsyncClient) -> None:
    who = coordinator(COPENHAGEN)
    first = await get(http, "/practices", who, first=2)
    assert first["pageInfo"]["hasNextPage"] and first["totalCount"] == 3
    rest = await get(http, "/practices", who, first=2, after=first["pageInfo"]["endCursor"])
    assert [p["title"] for p in rest["items"]] == ["Trygghetsvandringar i Vårby gård"]
    assert not rest["pageInfo"]["hasNextPage"] and rest["pageInfo"]["hasPreviousPage"]
    forged = await http.get("/practices", headers=who, params={"after": first["cursors"][0] + "x"})
    assert forged.status_code == 422 and forged.json()["field"] == "after"


@pytest.mark.parametrize(
    "who",
    [
        token(tenant=COPENHAGEN, roles=("partner",), actor="actor-x"),
        token(tenant=COPENHAGEN, roles=("police",), actor="actor-x"),
        token(tenant=COPENHAGEN, roles=("integration",), scopes=("reporting:read",)),
    ],
)
async def test_only_coordinators_and_national_bodies_read_across_municipalities(
    http: httpx.AsyncClient, who: dict[str, str]
) -> None:
    assert (await http.get("/practices", headers=who)).status_code == 403


async def test_bad_filters_are_refused_naming_the_field(http: httpx.AsyncClient) -> None:
    who = coordinator(COPENHAGEN)
    for params, field in (
        ({"theme": "safety"}, "theme"),
        ({"targetAge": 300}, "targetAge"),
        ({"first": 0}, "first"),
        ({"targetAge": "fifteen"}, "targetAge"),
        ({"first": "9" * 400}, "first"),
        ({"search": "Natteravne " * 20}, "search"),
        ({"after": "x" * 3000}, "after"),
        ({"activityId": "a" * 301}, "activityId"),
    ):
        refused = await http.get("/practices", headers=who, params=params)
        assert refused.status_code == 422 and refused.json()["field"] == field, refused.text
        assert "Natteravne" not in refused.text and "xxxx" not in refused.text


async def test_each_read_across_municipalities_is_audited_without_the_search_text(
    http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="trygnet.audit"):
        await get(http, "/practices", coordinator(COPENHAGEN), search="Natteravne")
    [record] = [r for r in caplog.records if r.name == "trygnet.audit"]
    assert record.reader_tenant == COPENHAGEN  # type: ignore[attr-defined]
    assert record.shown_municipalities == [AALBORG]  # type: ignore[attr-defined]
    assert record.searched is True  # type: ignore[attr-defined]
    assert "Natteravne" not in repr(record.__dict__)


class Reading:
    """A real connection that keeps the rows each query answered."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn
        self.rows: list[Any] = []

    async def execute(self, statement: Any) -> list[Any]:
        answered = list((await self.conn.execute(statement)).all())
        self.rows.extend(answered)
        return answered


async def test_finding_the_own_practice_of_an_activity_reads_no_other_municipality(
    reports: AsyncEngine, http: httpx.AsyncClient
) -> None:
    """The gateway asks for it after every share: it reads the sharer's documents only."""
    reader = Principal("someone", TenantId(AALBORG), frozenset({"coordinator"}))
    async with reports.connect() as conn:
        reading = Reading(conn)
        found = await practice_reads.practices(
            reading,  # type: ignore[arg-type]
            reader,
            cursors=Cursors(b"k" * 32),
            activity_id="a-night",
        )
    assert [p["activityId"] for p in found["items"]] == ["a-night"]
    assert {row.tenant_id for row in reading.rows} == {AALBORG}
    theirs = await get(http, "/practices", coordinator(HUDDINGE), activityId="a-night")
    assert theirs["items"] == []  # another municipality's activity id finds nothing


async def test_a_withdrawn_practice_is_found_by_no_one(
    reports: AsyncEngine, http: httpx.AsyncClient
) -> None:
    feed = the_network()
    feed.add(
        "activities",
        "Practice",
        "practice-a-night",
        act.PracticeWithdrawn("practice-a-night", "a-night"),
    )
    await project(reports, feed.events[-1:])
    for who in (coordinator(COPENHAGEN), coordinator(AALBORG), NATIONAL):
        titles = [p["title"] for p in (await get(http, "/practices", who))["items"]]
        assert "Natteravne i Aalborg Øst" not in titles and len(titles) == 2


async def test_a_municipality_sees_the_offers_matching_its_focus_areas_deadlines_ahead_first(
    http: httpx.AsyncClient,
) -> None:
    asked = {"asOf": "2026-12-06"}
    huddinge = await get(http, "/support-offers", coordinator(HUDDINGE), **asked)
    assert [o["id"] for o in huddinge["offers"]] == ["o-soon", "o-late", "o-open"]
    assert (huddinge["themes"], huddinge["areaKinds"]) == (["youth"], ["housing_area"])
    youth = await get(http, "/support-offers", coordinator(HUDDINGE), theme="youth", **asked)
    assert [o["id"] for o in youth["offers"]] == ["o-late", "o-open"]
    # Copenhagen has no focus area served and no area here: only offers open to all match
    assert (await get(http, "/support-offers", coordinator(COPENHAGEN), **asked))["offers"] == []
    national = await get(http, "/support-offers", NATIONAL, **asked)
    assert [o["id"] for o in national["offers"]] == [
        "o-centre",
        "o-elderly",
        "o-soon",
        "o-late",
        "o-open",
    ]


async def test_the_national_body_publishing_offers_is_no_municipality_of_the_national_tables(
    http: httpx.AsyncClient,
) -> None:
    quarter = {"from": "2026-07", "to": "2026-09"}
    table = await get(http, "/national/activities-by-theme", NATIONAL, **quarter)
    assert [row["row"] for row in table["rows"]] == [HUDDINGE, AALBORG]
