"""The redaction matrix: every role, every endpoint, open and restricted incidents.

Of a restricted incident only coordinators and police read the summary, the
restricted details, the place, the timeline's text, the tactical report, the titles
of other actors' tasks and the reasons given; every other reader sees that it exists
(kind, severity, area, status, times). The test puts secret text in each of those
fields and looks for it in every response body, success or error, and in every log
line. For the roles that may read it, the same search must find it, so the test
fails if the secrets were simply never served.

The reports are in the matrix too: the reporting service, fed the incidents
service's events as its relay publishes them, answers every report to every role,
and of a restricted incident shows a reader who may not read it whole only what the
incidents service shows that reader (the outline and the reader's own tasks): never
who was alerted or engaged, how fast, or which follow-up activity it started.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import COPENHAGEN, token
from tests.incidents.conftest import (
    CLUB,
    CLUB_STAFF,
    COORDINATOR,
    HOUSING,
    KK,
    NATIONAL,
    POLICE,
    POLICE_OFFICER,
    SSP,
    SSP_STAFF,
    TINGBJERG,
    Incidents,
    report,
    settings,
)
from tests.reporting.conftest import project
from trygnet_core.database import create_engine
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.store import EventStore
from trygnet_reporting.bootstrap import Settings as ReportingSettings
from trygnet_reporting.bootstrap import create_app as reporting_app

SUMMARY = "Summary-secret: the shooter's brother Jonas"
DETAILS = "Details-secret: witness Fatima at Ruten 12"
TIMELINE = "Timeline-secret: police spoke to Mikkel's mother"
TACTICAL = "Report-secret: protect the family in block 4"
PLACE = "Place-secret: outside the Hansen family's door, Ruten 12"
TITLE = "Task-secret: drive Jonas's sister home"
CLOSED = "Close-secret: Jonas was arrested"
REOPENED = "Reopen-secret: threats against Fatima"
SECRETS = {
    "summary": SUMMARY,
    "details": DETAILS,
    "timeline": TIMELINE,
    "report": TACTICAL,
    "place": PLACE,
    "task title": TITLE,
    "close reason": CLOSED,
    "reopen reason": REOPENED,
}
FOLLOW_UP = "activity-follow-up-secret"
RESPONDERS = (KK, POLICE, SSP, HOUSING, CLUB)
"""Every actor of the municipality: each is alerted, engaged or reporting in the response."""

INTEGRATION = token(roles=("integration",), scopes=("incidents:read", "reporting:read"))
WRITING_INTEGRATION = token(roles=("integration",), scopes=("incidents:write", "reporting:read"))


@dataclass(frozen=True)
class Reader:
    name: str
    headers: dict[str, str]
    actor: str | None
    cleared: bool


READERS = [
    Reader("coordinator", COORDINATOR, KK, cleared=True),
    Reader("police", POLICE_OFFICER, POLICE, cleared=True),
    Reader("partner in the response", SSP_STAFF, SSP, cleared=False),
    Reader("partner outside it", CLUB_STAFF, CLUB, cleared=False),
    Reader("integration reading", INTEGRATION, None, cleared=False),
    Reader("integration writing", WRITING_INTEGRATION, None, cleared=False),
]


async def _incident(incidents: Incidents, sensitivity: str) -> tuple[str, dict[str, str]]:
    """An incident in its response, with secret text in every field that can hold it."""
    await incidents.ok(
        "PUT",
        "/escalation-matrix/rules/rule-all",
        json={"kind": "any", "minimumSeverity": 1, "areaId": "any", "actorIds": [SSP]},
    )
    restricted = sensitivity == "restricted"
    incident = await incidents.report(
        summary=SUMMARY,
        place=PLACE,
        sensitivity=sensitivity,
        restrictedDetails=DETAILS if restricted else None,
    )
    path = f"/incidents/{incident}"
    await incidents.ok("POST", f"{path}/activate")
    await incidents.ok("PUT", f"{path}/roles/{KK}", json={"role": "lead"})
    await incidents.ok("PUT", f"{path}/roles/{SSP}", json={"role": "participant"})
    task = await incidents.ok(
        "POST", f"{path}/tasks", json={"title": "Walk", "assigneeActorId": SSP, "due": "2026-03-20"}
    )
    await incidents.ok(
        "POST", f"{path}/tasks", json={"title": TITLE, "assigneeActorId": KK, "due": "2026-03-20"}
    )
    entry = await incidents.ok(
        "POST",
        f"{path}/timeline",
        as_=POLICE_OFFICER,
        json={"kind": "police_update", "text": TIMELINE, "authorActorId": POLICE},
    )
    decision = await incidents.ok(
        "POST",
        f"{path}/timeline",
        json={"kind": "decision", "text": "Start a night walk", "authorActorId": KK},
    )
    await incidents.ok(
        "POST",
        f"{path}/follow-up-activities",
        json={"activityId": FOLLOW_UP, "decisionEntryId": decision["entryId"]},
    )
    await incidents.ok(
        "POST", f"{path}/tactical-report", json={"authorActorId": KK, "conditions": TACTICAL}
    )
    await incidents.ok("POST", f"{path}/close", json={"reason": CLOSED})
    await incidents.ok("POST", f"{path}/reopen", json={"reason": REOPENED})
    return incident, {"task": task["taskId"], "entry": entry["entryId"]}


def _requests(incident: str, ids: dict[str, str], reader: Reader) -> list[tuple[str, str, Any]]:
    """Every endpoint: reads, then each command (allowed or not, good or bad input)."""
    path = f"/incidents/{incident}"
    author = reader.actor or KK
    return [
        ("GET", "/incidents", None),
        ("GET", "/incidents?full=true", None),
        ("GET", f"/incidents?sensitivity=restricted&areaId={TINGBJERG}", None),
        ("GET", "/incidents?status=active&kind=shooting&minSeverity=4", None),
        ("GET", path, None),
        ("GET", f"{path}-missing", None),
        ("GET", "/escalation-matrix", None),
        ("GET", f"/escalation-matrix/alerts?kind=shooting&severity=4&areaId={TINGBJERG}", None),
        ("POST", "/incidents", report(reportingActorId=author, summary="A new one")),
        ("POST", "/incidents", report(severity=9)),
        ("POST", f"{path}/stabilise", None),
        ("POST", f"{path}/activate", {"at": "2020-01-01T00:00:00Z"}),
        (
            "POST",
            f"{path}/links",
            {"linkedIncidentId": f"{incident}-missing", "kind": "same_place"},
        ),
        ("PUT", f"{path}/roles/{CLUB}", {"role": "lead"}),
        ("PUT", f"{path}/roles/{CLUB}", {"role": "participant"}),
        ("DELETE", f"{path}/roles/{CLUB}", None),
        (
            "POST",
            f"{path}/tasks",
            {"title": "Mine", "assigneeActorId": author, "due": "2026-03-21"},
        ),
        (
            "POST",
            f"{path}/tasks",
            {"title": "Late", "assigneeActorId": author, "due": "2020-01-01"},
        ),
        ("POST", f"{path}/tasks/{ids['task']}/status", {"status": "done"}),
        ("POST", f"{path}/tasks/task-missing/status", {"status": "done"}),
        ("POST", f"{path}/timeline", {"kind": "note", "text": "Seen", "authorActorId": author}),
        ("POST", f"{path}/timeline", {"kind": "gossip", "text": "x", "authorActorId": author}),
        ("POST", f"{path}/timeline/{ids['entry']}/pin", None),
        ("DELETE", f"{path}/timeline/{ids['entry']}/pin", None),
        ("POST", f"{path}/tactical-report", {"authorActorId": author, "needs": "Lights"}),
        ("POST", f"{path}/tactical-report", {"authorActorId": author}),
        (
            "POST",
            f"{path}/follow-up-activities",
            {"activityId": "a-1", "decisionEntryId": ids["entry"]},
        ),
        (
            "PUT",
            "/escalation-matrix/rules/rule-2",
            {"kind": "any", "minimumSeverity": 1, "areaId": "any", "actorIds": [CLUB]},
        ),
        ("DELETE", "/escalation-matrix/rules/rule-missing", None),
        ("POST", f"{path}/close", {}),
        ("POST", f"{path}/close", {"reason": "Calm again"}),
        (
            "POST",
            f"{path}/tasks",
            {"title": "Closed", "assigneeActorId": author, "due": "2026-04-01"},
        ),
        ("POST", f"{path}/reopen", {"reason": "New threats"}),
        ("GET", path, None),
        ("GET", "/incidents", None),
    ]


@pytest.mark.parametrize("sensitivity", ["open", "restricted"])
@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.name)
async def test_restricted_text_reaches_only_coordinators_and_police(
    incidents: Incidents,
    sensitivity: str,
    reader: Reader,
    caplog: pytest.LogCaptureFixture,
) -> None:
    incident, ids = await _incident(incidents, sensitivity)
    withheld = sensitivity == "restricted" and not reader.cleared
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        answered = []
        # every write asks for what it changed too: the answer is checked like a read
        asking = {**reader.headers, "Prefer": "return=representation"}
        for method, path, body in _requests(incident, ids, reader):
            response = await incidents.call(method, path, as_=asking, json=body)
            assert response.status_code < 500, (path, response.text)
            answered.append((method, path, response))

    for method, path, response in answered:
        if withheld:
            found = [name for name, text in SECRETS.items() if text in response.text]
            assert not found, f"{method} {path} showed {found} to the {reader.name}"
    for record in caplog.records:
        line = f"{record.getMessage()} {record.__dict__}"
        assert not [text for text in SECRETS.values() if text in line], line

    answers = [r.json() for m, p, r in answered if m != "GET" and r.is_success]
    shown = [a["representation"] for a in answers if "representation" in a]
    shown = [s for s in shown if s.get("incidentId") == incident]
    if withheld:
        assert all(s["redacted"] is True for s in shown), "a write's answer is redacted as a read"
        if reader.name in ("partner in the response", "integration writing"):
            assert shown, "these readers' writes are answered with the incident"
    one = next(r for m, p, r in answered if m == "GET" and p == f"/incidents/{incident}")
    listed = next(r for m, p, r in answered if m == "GET" and p == "/incidents")
    whole = next(r for m, p, r in answered if m == "GET" and p == "/incidents?full=true")
    in_full = next(i for i in whole.json()["items"] if i["incidentId"] == incident)
    assert in_full == one.json() | {"version": in_full["version"]}, "a whole list item is the GET"
    read, items = one.json(), listed.json()["items"]
    mine = next(item for item in items if item["incidentId"] == incident)
    if withheld:
        assert read["redacted"] is True and mine["redacted"] is True
        assert {"kind", "severity", "areaId", "status", "occurredAt", "reportedAt"} <= read.keys()
        assert "summary" not in read and "timeline" not in read and "place" not in read
        assert all(task["assigneeActorId"] == reader.actor for task in read["tasks"])
        assert [change["status"] for change in read["statusHistory"]][:2] == [
            "reported",
            "active",
        ]
    else:
        assert read["redacted"] is False and mine["summary"] == SUMMARY
        assert read["summary"] == SUMMARY
        assert TIMELINE in [entry["text"] for entry in read["timeline"]]
        assert read["tacticalReport"]["conditions"] == TACTICAL
        assert read["place"] == PLACE and TITLE in [task["title"] for task in read["tasks"]]
        assert {CLOSED, REOPENED} <= {change["reason"] for change in read["statusHistory"]}
        shown_details = read.get("restrictedDetails")
        if sensitivity == "restricted":
            assert shown_details == DETAILS  # only the cleared get this far
        else:
            assert shown_details is None


@asynccontextmanager
async def reports(engine: AsyncEngine, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The reporting service, in-process, holding every event the incidents service stored,
    as its relay publishes them (sealed text stays sealed)."""
    reporting_engine = create_engine(f"sqlite:///{tmp_path / 'reporting.db'}")
    base = settings()
    app = reporting_app(
        ReportingSettings(database_url="unused", bootstrap_servers=None, auth=base.auth),
        engine=reporting_engine,
    )
    try:
        async with app.router.lifespan_context(app):
            page = await EventStore(engine).read_all(tenant=COPENHAGEN, limit=10_000)
            published = [ReceivedEvent(service="incidents", event=e, epoch=0) for e in page.events]
            await project(reporting_engine, published)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
                yield http
    finally:
        await reporting_engine.dispose()


REPORTS = (
    "/incident-response",
    f"/incident-response?areaId={TINGBJERG}",
    "/incident-response?from=2026-03&to=2026-03&asOf=2026-04-01",
    "/outcomes",
    f"/outcomes?areaId={TINGBJERG}",
    "/directory",
    "/network",
    "/gaps",
    "/safety-walks",
    "/national",
    "/national/incidents-by-kind",
    "/contributions",
    "/contributions?from=2026-01-01&asOf=2026-04-01",
    "/national/contributions-by-sector",
)


@pytest.mark.parametrize("sensitivity", ["open", "restricted"])
@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.name)
async def test_the_reports_show_an_incident_as_the_incidents_service_shows_it(
    incidents: Incidents, engine: AsyncEngine, tmp_path: Path, sensitivity: str, reader: Reader
) -> None:
    incident, _ = await _incident(incidents, sensitivity)
    withheld = sensitivity == "restricted" and not reader.cleared
    read = await incidents.get(incident, as_=reader.headers)
    async with reports(engine, tmp_path) as reporting:
        answers = {path: await reporting.get(path, headers=reader.headers) for path in REPORTS}
    for path, response in answers.items():
        assert response.status_code < 500, (path, response.text)
        shown = [name for name, text in SECRETS.items() if text in response.text]
        assert not shown, f"{path} showed {shown} to the {reader.name}"
        if withheld:
            assert FOLLOW_UP not in response.text, f"{path} showed the follow-up activity"
            named = [actor for actor in RESPONDERS if actor in response.text]
            assert not named, f"{path} named {named} of the response to the {reader.name}"

    response = answers["/incident-response"].json()
    [row] = [r for r in response["incidents"] if r["incidentId"] == incident]
    [month] = response["byAreaAndMonth"]
    assert row["kind"] == read["kind"] and row["status"] == read["status"]
    own_open = sum(1 for task in read["tasks"] if task["status"] == "open")
    assert row["tasksOpen"] == own_open == month["tasksOpen"], "counted from the tasks shown"
    assert month["incidents"] == 1
    if withheld:
        assert row["redacted"] is True and month["withheld"] == 1
        for figure in ("minutesToFirstJointAction", "alerted", "engaged", "followUpActivities"):
            assert row[figure] is None, figure
        assert (month["actorsAlerted"], month["actorsEngaged"], month["followUpActivities"]) == (
            0,
            0,
            0,
        )
        assert month["medianMinutesToFirstJointAction"] is None
        assert month["withoutJointAction"] == 0, "a withheld response is not one without action"
    else:
        assert row["redacted"] is False and month["withheld"] == 0
        assert row["alerted"] == [SSP] and row["followUpActivities"] == [FOLLOW_UP]
        assert {KK, POLICE, SSP} <= set(row["engaged"])
        assert row["minutesToFirstJointAction"] is not None
        assert read["redacted"] is False


async def test_a_national_body_reads_no_incident_of_a_municipality(
    incidents: Incidents, engine: AsyncEngine, tmp_path: Path
) -> None:
    incident, _ = await _incident(incidents, "restricted")
    async with reports(engine, tmp_path) as reporting:
        answers = {path: await reporting.get(path, headers=NATIONAL) for path in REPORTS}
    for path, response in answers.items():
        assert incident not in response.text and FOLLOW_UP not in response.text, path
        if not path.startswith("/national"):
            assert response.status_code == 403, (path, response.text)
    assert json.loads(answers["/national/incidents-by-kind"].text)
