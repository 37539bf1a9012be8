"""The national tables against an analyst who asks every period it can and combines them.

The world is the one a review found the leak in: two large municipalities, six with one
incident each in September (and nothing else), two with one incident each in October.
The analyst asks ``/national/incidents-by-kind`` for every ``from`` and ``to`` it can
write, keeps what is answered, and then tries row presence (a listed municipality has a
count), published zeros, non-negativity (``attacker.ranges``) and the differences of
every two answers. Since the answers it gets are for whole quarters that never overlap,
no figure belongs to two answers and the joint attack is the attack on each answer; the
test checks that premise too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import token
from tests.reporting import attacker
from tests.reporting.conftest import project, without_broker
from tests.reporting.world import KK, TINGBJERG, reported, tingbjerg
from tests.support.feed import Feed
from trygnet_activities.domain import events as act
from trygnet_actors.domain import events as ac
from trygnet_reporting import national as national_figures
from trygnet_reporting.report_documents import network_cache
from trygnet_reporting.suppression import THRESHOLD
from trygnet_vocabulary.actors import Sector

NATIONAL = token(tenant="0000", roles=("national",))
LARGE = ("0101", "0851")
SMALL = ("0147", "0151", "0153", "0155", "0157", "0159")
MONTHS = [f"2026-{m:02}" for m in range(1, 13)]
PUBLISHED_ON = date(2027, 1, 15)
"""Every quarter of 2026 is over: September's six and October's two small rows are asked."""


def the_reviewed_world() -> Feed:
    feed = Feed()
    for tenant, scale in zip(LARGE, (3, 2), strict=True):
        for month in (7, 8, 9):
            reported(feed, tenant, month, 4 * scale, "shooting")
            reported(feed, tenant, month, 2 * scale, "stabbing")
            reported(feed, tenant, month, 3 * scale, "threat")
        reported(feed, tenant, 10, 3 * scale, "shooting")
        reported(feed, tenant, 11, 2 * scale, "shooting")
    for tenant in SMALL:
        reported(feed, tenant, 9, 1, "threat")
    for tenant in SMALL[:2]:
        reported(feed, tenant, 10, 1, "arson")
    return feed


@pytest.fixture
async def national(
    reports: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setattr(national_figures, "today", lambda: PUBLISHED_ON)
    app = without_broker(reports)
    await project(reports, the_reviewed_world().events)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
        yield http


async def every_answer(
    http: httpx.AsyncClient, table: str = "incidents-by-kind"
) -> list[tuple[dict[str, str], dict[str, Any]]]:
    """Every (from, to) the analyst can write over 2026, open ends too, and what it got."""
    answered = []
    for since in [None, *MONTHS]:
        for until in [None, *MONTHS]:
            params = {k: v for k, v in (("from", since), ("to", until)) if v is not None}
            response = await http.get(f"/national/{table}", headers=NATIONAL, params=params)
            assert response.status_code in (200, 422), response.text
            if response.status_code == 200:
                answered.append((params, response.json()))
    return answered


def truth(feed: Feed, since: str, until: str) -> dict[attacker.Key, int]:
    """Every entry of ``incidents-by-kind`` over ``since``..``until`` as it really is."""
    counted: Counter[attacker.Key] = Counter()
    for received in feed.events:
        event = received.event
        if event.type == "IncidentReported" and since <= event.data["reported_at"][:7] <= until:
            tenant, kind = str(event.tenant_id), event.data["kind"]
            counted.update([("cell", tenant, kind), ("row", tenant), ("column", kind), ("grand",)])
    return dict(counted)


async def test_every_published_figure_is_true_and_none_is_small(
    national: httpx.AsyncClient,
) -> None:
    """What the attacker below works with: without suppression it would find nothing
    withheld to attack, so the figures shown are checked against the world too."""
    answers = await every_answer(national)
    periods = {(answer["from"], answer["to"]) for _, answer in answers}
    assert periods == {(f"2026-{m:02}", f"2026-{m + 2:02}") for m in (1, 4, 7, 10)}
    world = the_reviewed_world()
    for params, answer in answers:
        _, _, shown = attacker.entries_of(answer)
        real = truth(world, answer["from"], answer["to"])
        for key, value in shown.items():
            if value is not None:
                assert value == real.get(key, 0) and value >= THRESHOLD, (params, key, value)


def _period(params: dict[str, str], answer: dict[str, Any]) -> tuple[str, str]:
    return (
        answer.get("from") or params.get("from") or "0000-00",
        answer.get("to") or params.get("to") or "9999-99",
    )


async def test_no_withheld_figure_is_pinned_by_presence_zeros_or_non_negativity(
    national: httpx.AsyncClient,
) -> None:
    answers = await every_answer(national)
    assert answers
    row_sets = {
        tuple(answer["rows"][i]["row"] for i in range(len(answer["rows"]))) for _, answer in answers
    }
    presence = len(row_sets) > 1  # rows come and go with the data: a listed row has a count
    for params, answer in answers:
        rows, columns, shown = attacker.entries_of(answer)
        found = attacker.disclosed(
            attacker.ranges(rows, columns, shown, presence=presence), THRESHOLD
        )
        assert found == {}, (params, found)


async def test_no_two_answers_can_be_differenced(national: httpx.AsyncClient) -> None:
    answers = await every_answer(national)
    periods = {_period(params, answer): answer for params, answer in answers}
    for (a_from, a_to), a in periods.items():
        for (b_from, b_to), b in periods.items():
            if (a_from, a_to) == (b_from, b_to):
                continue
            overlapping = a_from <= b_to and b_from <= a_to
            totals = (a["grandTotal"].get("count"), b["grandTotal"].get("count"))
            assert not overlapping, (
                f"{a_from}..{a_to} and {b_from}..{b_to} overlap; grand totals {totals}"
            )


async def test_every_table_has_every_municipality_and_every_kind_whatever_the_data(
    national: httpx.AsyncClient,
) -> None:
    answers = await every_answer(national)
    shapes = {
        (tuple(row["row"] for row in answer["rows"]), tuple(answer["columns"]))
        for _, answer in answers
    }
    assert len(shapes) == 1
    ((rows, columns),) = shapes
    assert set(LARGE + SMALL) <= set(rows)
    assert "explosion" in columns  # a kind no incident of this world has


# -- contributions by sector: the same analyst, a table counted from several kinds ------

CONTRIBUTORS = {
    "actor-police": "police",
    "actor-ssp": "ssp",
    "actor-housing": "housing_association",
    "actor-club": "civil_society",
}


def the_contributing_world() -> tuple[Feed, Counter[tuple[str, str, str]]]:
    """The reviewed world's shape in contributions: activities led (and joined) by actors
    of four sectors, each running in one month; with what each (municipality, sector,
    month) really made."""
    feed = Feed()
    made: Counter[tuple[str, str, str]] = Counter()

    def led(tenant: str, month: int, n: int, owner: str, partner: str | None = None) -> None:
        for k in range(n):
            activity = f"activity-{owner}-{month}-{k}"
            day = f"2026-{month:02}-10"
            events: list[Any] = [
                act.ActivityCreated(activity, activity, "frontline", owner, start=day, end=day)
            ]
            made[(tenant, CONTRIBUTORS[owner], f"2026-{month:02}")] += 1
            if partner is not None:
                events.append(act.ActivityPartnerJoined(activity, partner, "partner"))
                made[(tenant, CONTRIBUTORS[partner], f"2026-{month:02}")] += 1
            feed.add("activities", "Activity", activity, *events, tenant=tenant)

    for tenant in (*LARGE, *SMALL):
        for actor, sector in CONTRIBUTORS.items():
            registered = ac.ActorRegistered(actor, actor, sector, levels=("frontline",))
            feed.add("actors", "Actor", actor, registered, tenant=tenant)
    for tenant, scale in zip(LARGE, (3, 2), strict=True):
        for month in (7, 8, 9):
            led(tenant, month, 4 * scale, "actor-police")
            led(tenant, month, 2 * scale, "actor-ssp", partner="actor-housing")
            led(tenant, month, 3 * scale, "actor-club")
        led(tenant, 10, 3 * scale, "actor-police")
        led(tenant, 11, 2 * scale, "actor-ssp", partner="actor-club")
    for tenant in SMALL:
        led(tenant, 9, 1, "actor-ssp")
    for tenant in SMALL[:2]:
        led(tenant, 10, 1, "actor-police", partner="actor-housing")
    return feed, made


@pytest.fixture
async def contributions_national(
    reports: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setattr(national_figures, "today", lambda: PUBLISHED_ON)
    app = without_broker(reports)
    await project(reports, the_contributing_world()[0].events)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
        yield http


async def test_contributions_by_sector_publish_true_figures_and_pin_none_withheld(
    contributions_national: httpx.AsyncClient,
) -> None:
    """The table counted from activities, fora, meetings, tasks and actions goes through
    the same suppression: every figure shown is the true count and at least 5, and the
    analyst's ranges pin no withheld one (September's six small rows of one each)."""
    answers = await every_answer(contributions_national, "contributions-by-sector")
    _, made = the_contributing_world()
    withheld = 0
    for params, answer in answers:
        real: Counter[attacker.Key] = Counter()
        for (tenant, sector, month), n in made.items():
            if answer["from"] <= month <= answer["to"]:
                keys = [("cell", tenant, sector), ("row", tenant), ("column", sector), ("grand",)]
                real.update(dict.fromkeys(keys, n))
        rows, columns, shown = attacker.entries_of(answer)
        assert set(columns) == {s.value for s in Sector}
        for key, value in shown.items():
            if value is not None:
                assert value == real[key] and value >= THRESHOLD, (params, key, value)
            elif real[key]:
                withheld += 1
        found = attacker.disclosed(attacker.ranges(rows, columns, shown, presence=False), THRESHOLD)
        assert found == {}, (params, found)
    assert withheld  # the small counts are there, and withheld


def test_the_first_quarter_that_is_over_is_the_latest_published() -> None:
    from trygnet_reporting.national_periods import Quarter, latest_ended

    assert latest_ended(date(2026, 12, 5)) == Quarter(2026, 3)
    assert latest_ended(date(2026, 10, 1)) == Quarter(2026, 3)
    assert latest_ended(date(2026, 9, 30)) == Quarter(2026, 2)
    assert latest_ended(date(2026, 2, 1)) == Quarter(2025, 4)


# -- what a municipality's caller may not fill or probe --------------------------------


async def test_unknown_area_ids_answer_not_found_and_leave_nothing_behind(
    reports: AsyncEngine,
) -> None:
    app = without_broker(reports)
    await project(reports, tingbjerg("0101").events)
    await project(reports, aalborg_area().events)
    coordinator = token(tenant="0101", roles=("coordinator",), actor=KK)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
        paths = ("/network", "/directory", "/gaps", "/outcomes", "/safety-walks", "/contributions")
        for path in paths:
            for area in ("area-made-up-1", "area-aalborg", "x" * 300):
                response = await http.get(path, headers=coordinator, params={"areaId": area})
                assert response.status_code == 404, (path, response.text)
                assert response.json()["field"] == "areaId"
        assert await _cached_networks(reports) == 0
        known = await http.get("/network", headers=coordinator, params={"areaId": TINGBJERG})
        assert known.status_code == 200
        assert await _cached_networks(reports) == 1


def aalborg_area() -> Feed:
    feed = Feed(tenant="0851")
    feed.add(
        "actors", "Area", "area-aalborg", ac.AreaDefined("area-aalborg", "Aalborg Øst", "district")
    )
    return feed


async def _cached_networks(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return len((await conn.execute(select(network_cache))).all())
