"""The projections from events to documents, and the reports computed from them."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.reporting.conftest import project, snapshot
from tests.reporting.world import (
    CLUB,
    CONTACT,
    CONTACT_NAME,
    FORUM,
    HOUSING,
    HUSUM,
    JOB_CLUB,
    JOBS,
    KK,
    NIGHT_WALKS,
    POLICE,
    SCHOOL,
    SHOOTING,
    SSP,
    TINGBJERG,
    tingbjerg,
)
from tests.support.feed import Feed
from trygnet_activities.domain import events as act
from trygnet_actors.domain import events as ac
from trygnet_core.auth import Principal
from trygnet_core.tenancy import TenantId
from trygnet_reporting import incident_response_report, network_report, outcomes_report, queries
from trygnet_reporting.report_documents import hold_networks, report_docs

TODAY = date(2026, 3, 16)


def coordinator(tenant: str = "0101") -> Principal:
    return Principal("user-coordinator", TenantId(tenant), frozenset({"coordinator"}), KK)


async def test_a_batch_and_one_event_at_a_time_build_the_same_documents(
    reports: AsyncEngine, tmp_path
) -> None:
    from tests.conftest import sqlite_engine
    from trygnet_core.database import migrate
    from trygnet_reporting.bootstrap import migrations

    feed = tingbjerg()
    await project(reports, feed.events)
    one_by_one = await sqlite_engine(tmp_path / "one.db")
    await migrate(one_by_one, version_locations=[migrations()])
    await project(one_by_one, feed.events, batch=1)
    assert await snapshot(reports) == await snapshot(one_by_one)
    await one_by_one.dispose()
    assert len(await snapshot(reports)) > 10


async def test_no_personal_data_or_restricted_text_enters_the_reports(reports: AsyncEngine) -> None:
    await project(reports, tingbjerg().events)
    stored = json.dumps(list((await snapshot(reports)).items()), ensure_ascii=False)
    for secret in (CONTACT_NAME, "Jonas", "Fatima", "+45 12 34 56 78", "Secret agenda"):
        assert secret not in stored


async def test_the_directory_shows_who_works_where_on_what_levels_and_themes(
    reports: AsyncEngine,
) -> None:
    await project(reports, tingbjerg().events)
    async with reports.connect() as conn:
        everyone = await queries.directory(conn, "0101", area=TINGBJERG)
        frontline = await queries.directory(conn, "0101", area=TINGBJERG, level="frontline")
        husum = await queries.directory(conn, "0101", area=HUSUM)
    names = [a["actorId"] for a in everyone["actors"]]
    assert set(names) == {KK, POLICE, SSP, HOUSING, CLUB, SCHOOL}
    assert {a["actorId"] for a in frontline["actors"]} == {POLICE, SSP, HOUSING, SCHOOL}
    assert {a["actorId"] for a in husum["actors"]} == {KK, SSP}
    housing = next(a for a in everyone["actors"] if a["actorId"] == HOUSING)
    assert housing["contactPersons"] == 1 and housing["phone"] == "+45 33 66 33 66"
    assert {w["id"] for w in housing["workingOn"]} == {JOBS, FORUM}
    assert everyone["byLevel"]["frontline"] == 4


@pytest.mark.parametrize("batch", [1000, 1])
async def test_a_contact_applied_before_its_actor_is_counted_all_the_same(
    reports: AsyncEngine, tmp_path, batch: int
) -> None:
    """A contact person's stream may be applied before its actor's registration (another
    partition; an import writes both at once): the actor's document gets it all the same,
    the documents are those of the events in order, and nothing is left aside."""
    from tests.conftest import sqlite_engine
    from trygnet_core.database import migrate
    from trygnet_reporting.bootstrap import migrations

    feed = tingbjerg()
    [added] = [e for e in feed.events if e.event.type == "ContactAdded"]
    first = [added, *(e for e in feed.events if e is not added)]
    await project(reports, first, batch=batch)
    async with reports.connect() as conn:
        directory = await queries.directory(conn, "0101")
    [housing] = [a for a in directory["actors"] if a["actorId"] == HOUSING]
    assert housing["contactPersons"] == 1
    in_order = await sqlite_engine(tmp_path / "in_order.db")
    await migrate(in_order, version_locations=[migrations()])
    await project(in_order, feed.events, batch=batch)
    assert await snapshot(reports) == await snapshot(in_order)


async def test_contact_erasure_leaves_nothing_of_the_person(reports: AsyncEngine) -> None:
    feed = tingbjerg()
    await project(reports, feed.events)
    erased = Feed(tenant="0101", versions=feed.versions, positions=feed.positions)
    erased.add("actors", "Contact", CONTACT, ac.ContactErased(CONTACT, HOUSING))
    await project(reports, erased.events)
    async with reports.connect() as conn:
        housing = next(
            a for a in (await queries.directory(conn, "0101"))["actors"] if a["actorId"] == HOUSING
        )
    assert housing["contactPersons"] == 0
    assert CONTACT not in json.dumps(list((await snapshot(reports)).items()))


async def test_incident_response_counts_the_first_joint_action_and_overdue_tasks(
    reports: AsyncEngine,
) -> None:
    await project(reports, tingbjerg().events)
    async with reports.connect() as conn:
        found = await incident_response_report.incident_response(
            conn, coordinator(), area=None, today=TODAY
        )
        elsewhere = await incident_response_report.incident_response(
            conn, coordinator(), area=HUSUM, today=TODAY
        )
    [row] = found["incidents"]
    # The police reported it and wrote first; SSP's task 30 minutes later is the first
    # act of another actor.
    assert row["incidentId"] == SHOOTING and row["minutesToFirstJointAction"] == 30.0
    assert row["alerted"] == [SSP] and row["engaged"] == [POLICE, SSP]
    assert row["tasksOpen"] == 1 and row["tasksOverdue"] == 1
    assert row["followUpActivities"] == ["activity-night-walks"] and row["redacted"] is False
    [month] = found["byAreaAndMonth"]
    assert month == {
        "areaId": TINGBJERG,
        "month": "2026-03",
        "incidents": 1,
        "withheld": 0,
        "medianMinutesToFirstJointAction": 30.0,
        "withoutJointAction": 0,
        "actorsAlerted": 1,
        "actorsEngaged": 2,
        "tasksOpen": 1,
        "tasksOverdue": 1,
        "followUpActivities": 1,
    }
    assert elsewhere["incidents"] == [] and elsewhere["byAreaAndMonth"] == []


async def test_safety_walks_count_findings_actions_and_days_to_fix(reports: AsyncEngine) -> None:
    await project(reports, tingbjerg().events)
    async with reports.connect() as conn:
        walks = await queries.safety_walks(conn, "0101", area=TINGBJERG, today=TODAY)
    assert walks["findingsByKind"] == {"lighting": 2, "litter": 1}
    assert walks["actions"] == {"open": 1, "done": 1, "rejected": 0, "overdue": 1}
    assert walks["medianDaysToFix"] == 10 and walks["residents"] == 12


async def test_outcomes_give_the_safety_index_with_its_wilson_interval(
    reports: AsyncEngine,
) -> None:
    await project(reports, tingbjerg().events)
    async with reports.connect() as conn:
        found = await outcomes_report.outcomes(conn, "0101", area=TINGBJERG)
    [result] = found["safetyIndex"]
    # 80 % of 400: the 95 % Wilson interval is 75.8 % to 83.6 %.
    assert result["feelingSafeInterval"] == [75.8, 83.6] and result["responseRate"] == 40.0
    assert found["incidentsPerMonth"] == [{"areaId": TINGBJERG, "month": "2026-03", "incidents": 1}]
    [focus] = found["activitiesPerFocusArea"]
    assert focus["activities"] == 2 and focus["active"] == 2
    [indicator] = found["indicators"]
    assert indicator["latest"] == 80.0 and indicator["onTarget"] is False


def test_the_wilson_interval_matches_its_definition() -> None:
    assert outcomes_report.wilson(50.0, 0) is None
    low, high = outcomes_report.wilson(50.0, 100)  # type: ignore[misc]
    assert (low, high) == (40.4, 59.6)
    low, high = outcomes_report.wilson(0.0, 10)  # type: ignore[misc]
    assert low == 0.0 and 27 < high < 28  # never below 0 %, unlike the normal interval


async def test_the_network_and_the_gaps_of_tingbjerg(reports: AsyncEngine) -> None:
    await project(reports, tingbjerg().events)
    async with reports.connect() as conn:
        gaps = await network_report.coordination_gaps(conn, "0101", area=TINGBJERG)
    [gap] = gaps["gaps"]
    assert {a["activityId"] for a in gap["activities"]} == {JOBS, JOB_CLUB}
    assert gap["ages"] == {"from": 15, "to": 17} and "youth" in gap["themes"]
    network = await network_report.network(reports, "0101", area=TINGBJERG, interval=60)
    nodes = {n["actorId"]: n for n in network["nodes"]}
    assert nodes[SCHOOL]["isolate"] and SCHOOL in network["isolates"]
    assert nodes[SSP]["degree"] == 3  # police (night walks), KK and housing (the forum)
    assert network["survey"]["surveyOnly"] == [sorted([HOUSING, CLUB])]


async def test_the_network_is_recomputed_only_when_touched_and_not_too_often(
    reports: AsyncEngine,
) -> None:
    feed = tingbjerg()
    await project(reports, feed.events)
    first = await network_report.network(reports, "0101", area=TINGBJERG, interval=3600)
    again = await network_report.network(reports, "0101", area=TINGBJERG, interval=3600)
    assert again["computedAt"] == first["computedAt"] and again["stale"] is False
    more = Feed(tenant="0101", versions=feed.versions, positions=feed.positions)
    more.add("activities", "Forum", FORUM, act.ForumMemberJoined(FORUM, CLUB))
    await project(reports, more.events)
    throttled = await network_report.network(reports, "0101", area=TINGBJERG, interval=3600)
    assert throttled["stale"] is True and throttled["nodes"] == first["nodes"]
    fresh = await network_report.network(reports, "0101", area=TINGBJERG, interval=3600, fresh=True)
    assert fresh["stale"] is False
    club = next(n for n in fresh["nodes"] if n["actorId"] == CLUB)
    assert club["degree"] > next(n for n in first["nodes"] if n["actorId"] == CLUB)["degree"]
    async with reports.connect() as conn:
        other = (await conn.execute(text("select count(*) from network_cache"))).scalar_one()
    assert other == 1  # only the network that was read is cached


async def test_readers_of_a_stale_network_share_its_recomputation(reports: AsyncEngine) -> None:
    """Eight readers right after a write find the network stale. The first recomputes;
    the seven that arrived while it did cannot take its answer (it began before they
    arrived), so they share one more recomputation instead of making seven; and each
    reader is shown the write."""
    feed = tingbjerg()
    await project(reports, feed.events)
    shared = network_report.Recomputations()
    first = await network_report.network(
        reports, "0101", area=TINGBJERG, interval=3600, fresh=True, shared=shared
    )
    assert shared.count == 1
    more = Feed(tenant="0101", versions=feed.versions, positions=feed.positions)
    more.add("activities", "Forum", FORUM, act.ForumMemberJoined(FORUM, CLUB))
    await project(reports, more.events)
    readers = await asyncio.gather(
        *(shared.answer(reports, TenantId("0101"), TINGBJERG) for _ in range(8))
    )
    assert shared.count == 3

    def club(network: dict[str, Any]) -> int:
        return int(next(n for n in network["nodes"] if n["actorId"] == CLUB)["degree"])

    assert all(found["stale"] is False and club(found) > club(first) for found in readers)
    again = await network_report.network(reports, "0101", area=TINGBJERG, interval=3600)
    assert again["stale"] is False and shared.count == 3, "the shared answer was cached"


async def test_one_tenants_events_never_show_in_anothers_reports(reports: AsyncEngine) -> None:
    await project(reports, tingbjerg("0101").events)
    async with reports.connect() as conn:
        aalborg = await queries.directory(conn, "0851")
        incidents = await incident_response_report.incident_response(
            conn, coordinator("0851"), area=None, today=TODAY
        )
        rows = (await conn.execute(select(report_docs.c.tenant_id).distinct())).all()
    assert aalborg["actors"] == [] and incidents["incidents"] == []
    assert [r.tenant_id for r in rows] == ["0101"]


async def test_documents_of_several_kinds_come_in_one_read_of_one_tenant_only(
    reports: AsyncEngine,
) -> None:
    await project(reports, [*tingbjerg("0101").events, *tingbjerg("0851").events])
    async with reports.connect() as conn:
        found = await queries.docs_of_kinds(conn, "0101", ("group", "actor", "no-such-kind"))
        stored = {
            kind: (
                await conn.execute(
                    select(report_docs.c.doc_id)
                    .where(report_docs.c.tenant_id == "0101", report_docs.c.kind == kind)
                    .order_by(report_docs.c.doc_id)
                )
            )
            .scalars()
            .all()
            for kind in ("actor", "group")
        }
        one_by_one = {
            kind: await queries.docs_of(conn, "0101", kind) for kind in ("actor", "group")
        }
    assert set(found) == {"actor", "group", "no-such-kind"} and found["no-such-kind"] == []
    assert [a["actorId"] for a in found["actor"]] == stored["actor"] and stored["actor"]
    assert [g["groupId"] for g in found["group"]] == stored["group"] and stored["group"]
    assert {kind: found[kind] for kind in one_by_one} == one_by_one


async def test_a_batch_marking_a_network_stale_waits_for_the_reader_caching_it(
    reports: AsyncEngine,
) -> None:
    """On PostgreSQL a batch could commit between a reader's reading of the documents and
    its caching of the network computed from them, and the cache would say fresh without
    the batch. The batch waits instead, and marks the cached network stale after."""
    if reports.dialect.name != "postgresql":
        pytest.skip("SQLite's writers of one process take turns already")
    feed = tingbjerg()
    await project(reports, feed.events)
    first = await network_report.network(reports, "0101", area=TINGBJERG, interval=0)
    more = Feed(tenant="0101", versions=feed.versions, positions=feed.positions)
    more.add("activities", "Forum", FORUM, act.ForumMemberJoined(FORUM, CLUB))
    async with reports.begin() as reader:
        await hold_networks(reader, ["0101"])
        body = await network_report.compute_network(reader, TenantId("0101"), TINGBJERG)
        batch = asyncio.create_task(project(reports, more.events))
        await asyncio.sleep(0.5)
        assert not batch.done(), "the batch waits for the reader's transaction"
        await network_report.cache_network(reader, TenantId("0101"), TINGBJERG, body, time.time())
    await asyncio.wait_for(batch, 10)
    cached = await network_report.network(reports, "0101", area=TINGBJERG, interval=3600)
    assert cached["stale"] is True, "the batch's mark came after the reader's cache"
    fresh = await network_report.network(reports, "0101", area=TINGBJERG, interval=0)

    def club(network: dict[str, Any]) -> int:
        return int(next(n for n in network["nodes"] if n["actorId"] == CLUB)["degree"])

    assert club(fresh) > club(first)


async def test_the_networks_documents_are_parsed_again_only_when_their_text_changed(
    reports: AsyncEngine,
) -> None:
    feed = tingbjerg()
    await project(reports, feed.events)
    kept = queries.ReadBefore(tenants=1)
    kinds = ("actor", "group")
    async with reports.connect() as conn:
        first = await queries.docs_of_kinds(conn, "0101", kinds, read_before=kept)
    more = Feed(tenant="0101", versions=feed.versions, positions=feed.positions)
    more.add("activities", "Forum", FORUM, act.ForumMemberJoined(FORUM, CLUB))
    await project(reports, more.events)
    async with reports.connect() as conn:
        again = await queries.docs_of_kinds(conn, "0101", kinds, read_before=kept)
        assert again == await queries.docs_of_kinds(conn, "0101", kinds)
        # another municipality asked for: 0101 is let go (one is kept)
        await queries.docs_of_kinds(conn, "0851", kinds, read_before=kept)
        after = await queries.docs_of_kinds(conn, "0101", kinds, read_before=kept)

    def by_id(docs: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
        return {d.get("groupId") or d["actorId"]: d for kind in kinds for d in docs[kind]}

    before, now = by_id(first), by_id(again)
    assert CLUB in now[FORUM]["members"] and CLUB not in before[FORUM]["members"]
    assert now[FORUM] is not before[FORUM], "the changed document was parsed again"
    assert all(now[k] is before[k] for k in before if k != FORUM), "the others were not"
    assert by_id(after)[HOUSING] is not now[HOUSING], "only the last municipality is kept"


async def test_after_a_merge_the_network_built_again_ties_the_survivor(
    reports: AsyncEngine,
) -> None:
    """The groups of a network computed before are rebuilt when a merge changes whom
    their members answer to, though no group's document changed."""
    feed = tingbjerg()
    await project(reports, feed.events)
    first = await network_report.network(reports, "0101", area=TINGBJERG, interval=0)
    assert any(e["source"] == POLICE or e["target"] == POLICE for e in first["edges"])
    merge = Feed(tenant="0101", versions=feed.versions, positions=feed.positions)
    merge.add("actors", "Actor", POLICE, ac.ActorMerged(POLICE, CLUB))
    await project(reports, merge.events)
    after = await network_report.network(reports, "0101", area=TINGBJERG, interval=0)
    assert POLICE not in {n["actorId"] for n in after["nodes"]}
    assert all(POLICE not in (e["source"], e["target"]) for e in after["edges"])
    club_ssp = next(e for e in after["edges"] if {e["source"], e["target"]} == {CLUB, SSP})
    assert NIGHT_WALKS in club_ssp["groups"], "the police's place in the night walks is the club's"


def test_built_inputs_are_reused_for_the_same_document_in_the_same_context() -> None:
    built = network_report.Built(kept=1)
    one, two = {"id": 1}, {"id": 2}
    made: list[int] = []

    def build(doc: dict[str, Any]) -> tuple[int, str]:
        made.append(doc["id"])
        return (doc["id"], "built")

    first = built.each(("0101", "group"), "context", [one, two], build)
    again = built.each(("0101", "group"), "context", [one, {"id": 2}], build)
    assert again[0] is first[0] and again[1] is not first[1] and made == [1, 2, 2]
    built.each(("0101", "group"), "another context", [one], build)
    assert made == [1, 2, 2, 1], "another context builds again"
    built.each(("0851", "group"), "context", [one], build)  # 0101 let go (kept=1)
    built.each(("0101", "group"), "another context", [one], build)
    assert made == [1, 2, 2, 1, 1, 1]
