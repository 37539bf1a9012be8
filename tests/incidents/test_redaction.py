"""The redaction matrix: every role, every endpoint, open and restricted incidents.

Of a restricted incident only coordinators and police read the summary, the
restricted details, the timeline's text and the tactical report; every other
reader sees that it exists (kind, severity, area, status, times). The test puts
secret text in each of those fields and looks for it in every response body,
success or error, and in every log line. For the roles that may read it, the same
search must find it, so the test fails if the secrets were simply never served.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import pytest

from tests.actors.conftest import token
from tests.incidents.conftest import (
    CLUB,
    CLUB_STAFF,
    COORDINATOR,
    INTEGRATION,
    KK,
    POLICE,
    POLICE_OFFICER,
    SSP,
    SSP_STAFF,
    TINGBJERG,
    Incidents,
    report,
)

SUMMARY = "Summary-secret: the shooter's brother Jonas"
DETAILS = "Details-secret: witness Fatima at Ruten 12"
TIMELINE = "Timeline-secret: police spoke to Mikkel's mother"
TACTICAL = "Report-secret: protect the family in block 4"
SECRETS = {"summary": SUMMARY, "details": DETAILS, "timeline": TIMELINE, "report": TACTICAL}

WRITING_INTEGRATION = token(roles=("integration",), scopes=("incidents:write",))


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
    entry = await incidents.ok(
        "POST",
        f"{path}/timeline",
        as_=POLICE_OFFICER,
        json={"kind": "police_update", "text": TIMELINE, "authorActorId": POLICE},
    )
    await incidents.ok(
        "POST", f"{path}/tactical-report", json={"authorActorId": KK, "conditions": TACTICAL}
    )
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
        for method, path, body in _requests(incident, ids, reader):
            response = await incidents.call(method, path, as_=reader.headers, json=body)
            assert response.status_code < 500, (path, response.text)
            answered.append((method, path, response))

    for method, path, response in answered:
        if withheld:
            found = [name for name, text in SECRETS.items() if text in response.text]
            assert not found, f"{method} {path} showed {found} to the {reader.name}"
    for record in caplog.records:
        line = f"{record.getMessage()} {record.__dict__}"
        assert not [text for text in SECRETS.values() if text in line], line

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
        shown_details = read.get("restrictedDetails")
        if sensitivity == "restricted":
            assert shown_details == DETAILS  # only the cleared get this far
        else:
            assert shown_details is None
