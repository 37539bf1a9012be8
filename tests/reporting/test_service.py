"""The reporting service on the real broker: its consumer applies the three topics once
in effect, answers read-your-writes, rebuilds to the same state, and keeps tenants and
national figures apart."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import SECRET, token
from tests.reporting.conftest import snapshot
from tests.reporting.world import CONTACT, FORUM, HOUSING, KK, SHOOTING, TINGBJERG, tingbjerg
from tests.support.feed import Feed, publish
from trygnet_activities.domain import events as act
from trygnet_actors.domain import events as ac
from trygnet_core.auth import AuthSettings
from trygnet_core.platform_admin import issue_dev_platform_admin_token
from trygnet_reporting.bootstrap import Settings, create_app

COORDINATOR = token(roles=("coordinator",), actor=KK)
AALBORG = token(tenant="0851", roles=("coordinator",))
NATIONAL = token(tenant="0000", roles=("national",))
ADMIN = {"Authorization": f"Bearer {issue_dev_platform_admin_token(secret=SECRET, subject='ops')}"}


@dataclasses.dataclass
class Reporting:
    http: httpx.AsyncClient
    engine: AsyncEngine
    topics: dict[str, str]
    bootstrap_servers: str

    async def get(self, path: str, as_: dict[str, str] | None = None, **params: Any) -> dict:
        response = await self.http.get(path, headers=as_ or COORDINATOR, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    async def publish(self, feed: Feed) -> None:
        await publish(self.bootstrap_servers, self.topics, feed.events)


@pytest.fixture
async def reporting(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> AsyncIterator[Reporting]:
    topics = {s: f"trygnet.{s}.{unique}" for s in ("actors", "activities", "incidents")}
    app = create_app(consuming(bootstrap_servers, topics), engine=engine)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
            yield Reporting(http, engine, topics, bootstrap_servers)


def consuming(bootstrap_servers: str, topics: dict[str, str], **options: Any) -> Settings:
    """A reporting service consuming ``topics``, with the short sessions tests want
    (``options``: more of the consumer's)."""
    return Settings(
        database_url="unused",
        bootstrap_servers=bootstrap_servers,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
        actors_topic=topics["actors"],
        activities_topic=topics["activities"],
        incidents_topic=topics["incidents"],
        network_interval=0.0,
        consumer_options=(
            ("session_timeout_ms", 2000),
            ("heartbeat_interval_ms", 500),
            ("reset_check_interval", 1.0),
            *options.items(),
        ),
    )


def _consistent(feed: Feed, service: str, stream: str) -> str:
    return f"{service}/{stream}/{feed.version(service, stream)}"


def _everything(feed: Feed) -> list[str]:
    """A token for the last event of every stream the feed wrote."""
    return [
        f"{service}/{stream}/{version}" for (_, service, stream), version in feed.versions.items()
    ]


async def test_reports_follow_the_topics_once_and_answer_read_your_writes(
    reporting: Reporting,
) -> None:
    feed = tingbjerg()
    await reporting.publish(feed)
    await reporting.publish(feed)  # every message delivered twice: applied once
    shooting = _consistent(feed, "incidents", SHOOTING)
    response = await reporting.get("/incident-response", consistentWith=shooting, wait=20)
    [row] = response["incidents"]
    assert row["minutesToFirstJointAction"] == 30.0 and row["tasksOpen"] == 1
    directory = await reporting.get(
        "/directory", areaId=TINGBJERG, consistentWith=_consistent(feed, "actors", CONTACT), wait=20
    )
    forum = _consistent(feed, "activities", FORUM)
    network = await reporting.get("/network", areaId=TINGBJERG, consistentWith=forum, wait=20)
    assert len(directory["actors"]) == 6 and network["nodes"]
    walks = await reporting.get("/safety-walks", asOf="2026-03-16")
    assert walks["findingsByKind"] == {"lighting": 2, "litter": 1}  # not doubled

    erasure = Feed(tenant="0101", versions=feed.versions, positions=feed.positions)
    erasure.add("actors", "Contact", CONTACT, ac.ContactErased(CONTACT, HOUSING))
    await reporting.publish(erasure)
    after = await reporting.get(
        "/directory", consistentWith=_consistent(erasure, "actors", CONTACT), wait=20
    )
    housing = next(a for a in after["actors"] if a["actorId"] == HOUSING)
    assert housing["contactPersons"] == 0


async def test_a_write_not_yet_applied_is_a_clear_timeout(reporting: Reporting) -> None:
    response = await reporting.http.get(
        "/outcomes",
        headers=COORDINATOR,
        params={"consistentWith": "incidents/incident-not-yet/1", "wait": 0.3},
    )
    assert response.status_code == 504 and response.json()["code"] == "TIMEOUT"
    assert response.json()["field"] == "consistentWith"
    for named in (
        ["yesterday"],
        ["incidents/incident-not-yet/1", "yesterday"],  # refused before any wait
        [f"incidents/incident-1/{10**40}"],  # no write's version: past 64 bits
    ):
        bad = await reporting.http.get(
            "/outcomes", headers=COORDINATOR, params={"consistentWith": named, "wait": 5}
        )
        assert bad.status_code == 422 and bad.json()["field"] == "consistentWith"


async def test_a_topic_offset_is_not_a_position_a_tenant_may_wait_for(
    reporting: Reporting,
) -> None:
    # A topic's offsets count every municipality's events: waiting for one (answered at
    # once, or a timeout) would tell a tenant how busy the others are.
    await reporting.publish(tingbjerg("0851"))
    for offset in (0, 1, 10**6):
        response = await reporting.http.get(
            "/directory",
            headers=COORDINATOR,
            params={"consistentWith": f"{reporting.topics['incidents']}:0:{offset}", "wait": 0},
        )
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "consistentWith"
        assert "0851" not in response.text


async def test_the_administrator_asks_whether_the_reports_show_writes_of_several_municipalities(
    reporting: Reporting,
) -> None:
    copenhagen, aalborg = tingbjerg(), tingbjerg("0851")  # the same streams, two tenants
    await reporting.publish(copenhagen)
    written = {"0101": _everything(copenhagen), "0851": _everything(aalborg)}
    asked = {"positions": written, "wait": 20}
    refused = await reporting.http.post("/admin/applied", json=asked, headers=COORDINATOR)
    assert refused.status_code in (401, 403), "a municipality's token asks nothing of it"
    only = {"positions": {"0101": written["0101"]}, "wait": 20}
    assert (await reporting.http.post("/admin/applied", json=only, headers=ADMIN)).is_success

    # A position is of its municipality: 0101's writes are not 0851's.
    [stream, *_] = written["0101"]
    beyond = stream.rpartition("/")[0] + "/999"
    for positions in ({"0851": [stream]}, {"0101": [beyond]}):
        late = {"positions": positions, "wait": 0.3}
        waited = await reporting.http.post("/admin/applied", json=late, headers=ADMIN)
        assert waited.status_code == 504, waited.text
        assert waited.json()["code"] == "TIMEOUT" and waited.json()["field"] == "consistentWith"

    await reporting.publish(aalborg)
    shown = await reporting.http.post("/admin/applied", json=asked, headers=ADMIN)
    assert shown.status_code == 200, shown.text
    assert shown.json() == {"applied": len(written["0101"]) + len(written["0851"])}
    assert (await reporting.get("/directory", as_=AALBORG, areaId=TINGBJERG))["actors"]

    never = "actors/actor-never-written/1"  # checked before it is waited for
    for bad, field in (
        ({"positions": {"0101": ["yesterday"]}}, "consistentWith"),
        ({"positions": {"0101": [never], "0851": ["yesterday"]}, "wait": 5}, "consistentWith"),
        ({"positions": {"0101": [never], "01 01": [stream]}, "wait": 5}, "tenant"),
        ({"positions": {"0101": [f"actors/x/{10**40}"]}}, "consistentWith"),
        ({"positions": ["0101"]}, "positions"),
        ({"positions": written, "wait": 31}, "wait"),
        ({"positions": {"0101": ["actors/a/1"] * 20_001}}, "positions"),  # at most 20,000
    ):
        refused = await reporting.http.post("/admin/applied", json=bad, headers=ADMIN)
        assert 400 <= refused.status_code < 500, refused.text
        assert field in refused.text, refused.text


async def test_a_rebuild_replays_everything_into_the_same_state(reporting: Reporting) -> None:
    feed = tingbjerg()
    await reporting.publish(feed)
    await reporting.get("/outcomes", consistentWith=_everything(feed), wait=20)
    live = await snapshot(reporting.engine)
    refused = await reporting.http.post("/admin/rebuild", headers=COORDINATOR)
    assert refused.status_code == 403
    started = await reporting.http.post("/admin/rebuild", headers=ADMIN)
    assert started.status_code == 202, started.text
    for _ in range(200):
        progress = await reporting.get("/admin/rebuild", as_=ADMIN)
        if progress["state"] == "done":
            break
        assert progress["caughtUp"] is False, "a rebuild under way has not caught up"
        await asyncio.sleep(0.1)
    assert progress["state"] == "done" and progress["lag"] == 0 and progress["percent"] == 100.0
    assert progress["caughtUp"] is True
    for service, stream in (("incidents", SHOOTING), ("activities", FORUM), ("actors", CONTACT)):
        await reporting.get("/outcomes", consistentWith=_consistent(feed, service, stream), wait=20)
    await reporting.get(
        "/outcomes", consistentWith=_consistent(feed, "activities", "wave-2026"), wait=20
    )
    assert await snapshot(reporting.engine) == live


def youth_activities(after: Feed, numbers: range) -> Feed:
    """Youth activities of Aalborg, continuing the streams and positions of ``after``."""
    feed = Feed(tenant="0851", versions=after.versions, positions=after.positions)
    for n in numbers:
        feed.add(
            "activities",
            "Activity",
            f"activity-extra-{n}",
            act.ActivityCreated(
                f"activity-extra-{n}", f"Extra {n}", "frontline", KK, themes=("youth",)
            ),
        )
    return feed


async def test_tenants_see_only_their_own_and_national_bodies_only_suppressed_counts(
    reporting: Reporting,
) -> None:
    copenhagen, aalborg = tingbjerg("0101"), tingbjerg("0851")
    more = youth_activities(aalborg, range(6))
    await reporting.publish(copenhagen)
    await reporting.publish(aalborg)
    await reporting.publish(more)
    # Every stream waited for: one stream's position says nothing of another partition's.
    waited = [*_everything(aalborg), _consistent(more, "activities", "activity-extra-5")]
    theirs = await reporting.get("/directory", as_=AALBORG, consistentWith=waited, wait=20)
    ours = await reporting.get("/directory", consistentWith=_everything(copenhagen), wait=20)
    assert len(theirs["actors"]) == len(ours["actors"]) == 6
    forbidden = await reporting.http.get("/national/activities-by-theme", headers=COORDINATOR)
    assert forbidden.status_code == 403
    refused = await reporting.http.get("/directory", headers=NATIONAL)
    assert refused.status_code == 403
    first_quarter = {"from": "2026-01"}  # the activities were created in March 2026
    table = await reporting.get("/national/activities-by-theme", as_=NATIONAL, **first_quarter)
    rows = {row["row"]: row for row in table["rows"]}
    assert table["vocabulary"] == "Theme", "the columns are the Theme vocabulary's values"
    # Copenhagen's 2 youth activities are suppressed, and so is enough else that they
    # cannot be worked out from Aalborg's 8 and the totals.
    assert rows["0101"]["cells"]["youth"] == {"suppressed": True}
    youth = [rows["0851"]["cells"]["youth"], table["columnTotals"]["youth"]]
    assert {"suppressed": True} in youth
    published = [
        cell["count"]
        for row in table["rows"]
        for cell in [*row["cells"].values(), row["total"]]
        if "count" in cell
    ]
    assert all(count >= 5 for count in published)  # zeros are withheld too
    missing = await reporting.http.get("/national/secrets", headers=NATIONAL)
    assert missing.status_code == 404

    # Kept while nothing changes; an event applied is in the next answer.
    kept = await reporting.get("/national/activities-by-theme", as_=NATIONAL, **first_quarter)
    assert kept == table
    later = youth_activities(more, range(6, 12))
    await reporting.publish(later)
    # Each activity is a stream of its own, on a partition of its own: wait for all six.
    await reporting.get("/directory", as_=AALBORG, consistentWith=_everything(later), wait=20)
    again = await reporting.get("/national/activities-by-theme", as_=NATIONAL, **first_quarter)
    assert again["grandTotal"]["count"] == table["grandTotal"]["count"] + 6


@pytest.mark.parametrize("workers", [1, 2])
async def test_the_rebuild_command_replays_the_topics_into_an_empty_database(
    bootstrap_servers: str, unique: str, tmp_path, capsys: pytest.CaptureFixture[str], workers: int
) -> None:
    """By one process, or split over two, each reading its share of the partitions: the
    same projections as the events applied in order."""
    from tests.conftest import sqlite_engine
    from tests.reporting.conftest import project
    from trygnet_core.database import create_engine, migrate
    from trygnet_reporting.bootstrap import migrations
    from trygnet_reporting.rebuild_command import rebuild

    topics = {s: f"trygnet.{s}.{unique}" for s in ("actors", "activities", "incidents")}
    feed = tingbjerg()
    await publish(bootstrap_servers, topics, feed.events)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'rebuilt.db'}",
        bootstrap_servers=bootstrap_servers,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
        actors_topic=topics["actors"],
        activities_topic=topics["activities"],
        incidents_topic=topics["incidents"],
        consumer_options=(("session_timeout_ms", 2000), ("heartbeat_interval_ms", 500)),
    )
    assert await rebuild(settings, workers) == 0
    printed = capsys.readouterr().err
    assert "messages (" in printed and "rebuilt in" in printed
    # The command's own process says how far its share is; with two, it read only half.
    assert ("share 0/2: applied" in printed) == (workers == 2)
    assert await rebuild(settings, 0) == 2, "no process to replay with"
    assert "--workers must be 1 or more, not 0" in capsys.readouterr().err
    rebuilt = create_engine(settings.database_url)
    expected = await sqlite_engine(tmp_path / "expected.db")
    await migrate(expected, version_locations=[migrations()])
    await project(expected, feed.events)
    try:
        assert await snapshot(rebuilt) == await snapshot(expected)
    finally:
        await rebuilt.dispose()
        await expected.dispose()
