"""The incidents API over HTTP: the joint response, the escalation matrix, rules, roles,
tenancy, lists."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.incidents.conftest import (
    AALBORG_COORDINATOR,
    CLUB,
    CLUB_STAFF,
    COORDINATOR,
    HOUSING,
    HUSUM,
    INTEGRATION,
    KK,
    NATIONAL,
    POLICE,
    POLICE_OFFICER,
    SSP,
    SSP_STAFF,
    TINGBJERG,
    Incidents,
    report,
)
from trygnet_core.auth import issue_dev_token


async def test_a_shooting_is_reported_alerts_by_the_matrix_and_is_run_to_its_close(
    incidents: Incidents,
) -> None:
    rules = {
        "rule-shootings": {"kind": "shooting", "minimumSeverity": 3, "areaId": "any"},
        "rule-tingbjerg": {"kind": "any", "minimumSeverity": 1, "areaId": TINGBJERG},
    }
    await incidents.ok(
        "PUT",
        "/escalation-matrix/rules/rule-shootings",
        json={**rules["rule-shootings"], "actorIds": [SSP, POLICE]},
    )
    await incidents.ok(
        "PUT",
        "/escalation-matrix/rules/rule-tingbjerg",
        json={**rules["rule-tingbjerg"], "actorIds": [HOUSING, SSP]},
    )
    created = await incidents.call("POST", "/incidents", as_=POLICE_OFFICER, json=report())
    assert created.status_code == 201, created.text
    incident = created.json()["id"]
    assert created.json()["incidentId"] == incident and created.json()["version"] == 2

    read = await incidents.get(incident)
    assert read["alerts"] == [
        {"actorId": SSP, "ruleId": "rule-shootings"},
        {"actorId": POLICE, "ruleId": "rule-shootings"},
        {"actorId": HOUSING, "ruleId": "rule-tingbjerg"},
    ]
    assert read["occurredAt"] == "2026-03-14T20:40:00+00:00" and read["status"] == "reported"
    assert read["summary"] == "Shots fired at a car; no one hurt" and not read["redacted"]

    path = f"/incidents/{incident}"
    await incidents.ok("POST", f"{path}/activate", json={"at": "2026-03-14T22:10:00+01:00"})
    await incidents.ok(
        "PUT", f"{path}/roles/{KK}", json={"role": "lead", "contactId": "contact-anna"}
    )
    await incidents.ok("PUT", f"{path}/roles/{SSP}", json={"role": "participant"})
    task = await incidents.ok(
        "POST",
        f"{path}/tasks",
        json={
            "title": "Walk the streets tomorrow",
            "assigneeActorId": SSP,
            "due": "2026-03-15",
            "priority": "urgent",
        },
    )
    decision = await incidents.ok(
        "POST",
        f"{path}/timeline",
        json={
            "kind": "decision",
            "text": "Start night walks for a month",
            "authorActorId": KK,
            "at": "2026-03-15T09:00:00Z",
        },
    )
    await incidents.ok("POST", f"{path}/timeline/{decision['entryId']}/pin")
    await incidents.ok(
        "POST",
        f"{path}/tactical-report",
        json={"authorActorId": KK, "conditions": "Calm", "needs": "Street lights"},
    )
    await incidents.ok(
        "POST", f"{path}/tactical-report", json={"authorActorId": KK, "conditions": "Calm again"}
    )
    await incidents.ok(
        "POST",
        f"{path}/follow-up-activities",
        json={"activityId": "activity-night-walks", "decisionEntryId": decision["entryId"]},
    )
    await incidents.ok(
        "POST", f"{path}/tasks/{task['taskId']}/status", as_=SSP_STAFF, json={"status": "done"}
    )

    no_reason = await incidents.call("POST", f"{path}/close", json={"at": "2026-04-01T12:00:00Z"})
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"
    await incidents.ok(
        "POST", f"{path}/close", json={"at": "2026-04-01T12:00:00Z", "reason": "Calm for two weeks"}
    )
    closed_task = await incidents.call(
        "POST", f"{path}/tasks", json={"title": "More", "assigneeActorId": SSP, "due": "2026-04-02"}
    )
    assert closed_task.status_code == 409 and closed_task.json()["code"] == "CONFLICT"
    assert closed_task.json()["field"] == "status" and "reopen" in closed_task.json()["detail"]
    await incidents.ok(
        "POST", f"{path}/reopen", json={"at": "2026-04-03T08:00:00Z", "reason": "New threats"}
    )

    read = await incidents.get(incident)
    assert [(s["status"], s["reason"]) for s in read["statusHistory"]] == [
        ("reported", None),
        ("active", None),
        ("closed", "Calm for two weeks"),
        ("active", "New threats"),
    ]
    assert read["roles"] == [
        {"actorId": KK, "role": "lead", "contactId": "contact-anna"},
        {"actorId": SSP, "role": "participant", "contactId": None},
    ]
    assert [(t["title"], t["status"], t["priority"]) for t in read["tasks"]] == [
        ("Walk the streets tomorrow", "done", "urgent")
    ]
    assert read["timeline"] == [
        {
            "entryId": decision["entryId"],
            "kind": "decision",
            "authorActorId": KK,
            "at": "2026-03-15T09:00:00+00:00",
            "text": "Start night walks for a month",
            "pinned": True,
        }
    ]
    report_now = read["tacticalReport"]
    assert report_now["version"] == 2 and report_now["conditions"] == "Calm again"
    assert report_now["needs"] is None
    assert read["followUpActivities"] == [
        {"activityId": "activity-night-walks", "decisionEntryId": decision["entryId"]}
    ]
    assert read["status"] == "active" and read["version"] == 14


async def test_whom_to_call_is_answered_from_the_matrix_before_anything_happens(
    incidents: Incidents,
) -> None:
    await incidents.ok(
        "PUT",
        "/escalation-matrix/rules/rule-extortion",
        json={
            "kind": "extortion",
            "minimumSeverity": 2,
            "areaId": HUSUM,
            "actorIds": [POLICE, CLUB],
        },
    )
    preview = await incidents.ok(
        "GET",
        "/escalation-matrix/alerts",
        params={"kind": "extortion", "severity": 3, "areaId": HUSUM},
    )
    assert preview["alerts"] == [
        {"actorId": POLICE, "ruleId": "rule-extortion"},
        {"actorId": CLUB, "ruleId": "rule-extortion"},
    ]
    elsewhere = await incidents.ok(
        "GET",
        "/escalation-matrix/alerts",
        params={"kind": "extortion", "severity": 3, "areaId": TINGBJERG},
    )
    assert elsewhere["alerts"] == []
    matrix = await incidents.ok("GET", "/escalation-matrix", as_=SSP_STAFF)
    assert matrix["rules"] == [
        {
            "ruleId": "rule-extortion",
            "kind": "extortion",
            "minimumSeverity": 2,
            "areaId": HUSUM,
            "actorIds": [POLICE, CLUB],
        }
    ]
    removed = await incidents.call("DELETE", "/escalation-matrix/rules/rule-extortion")
    assert removed.status_code == 200
    incident = await incidents.report(kind="extortion", areaId=HUSUM)
    assert (await incidents.get(incident))["alerts"] == []
    again = await incidents.call("DELETE", "/escalation-matrix/rules/rule-extortion")
    assert again.status_code == 404 and again.json()["field"] == "ruleId"


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"kind": "riot"}, "kind"),
        ({"minimumSeverity": 5}, "minimumSeverity"),
        ({"areaId": "area-atlantis"}, "areaId"),
        ({"actorIds": ["actor-nobody"]}, "actorIds"),
        ({"actorIds": []}, "actorIds"),
    ],
)
async def test_a_bad_escalation_rule_is_a_422_naming_the_field(
    incidents: Incidents, rule: dict[str, Any], field: str
) -> None:
    body = {"kind": "shooting", "minimumSeverity": 3, "areaId": "any", "actorIds": [SSP], **rule}
    refused = await incidents.call("PUT", "/escalation-matrix/rules/rule-x", json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "BAD_USER_INPUT" and refused.json()["field"] == field
    assert (await incidents.ok("GET", "/escalation-matrix"))["rules"] == []


async def test_only_coordinators_set_the_escalation_matrix(incidents: Incidents) -> None:
    body = {"kind": "any", "minimumSeverity": 1, "areaId": "any", "actorIds": [SSP]}
    for who in (POLICE_OFFICER, SSP_STAFF, INTEGRATION, NATIONAL):
        refused = await incidents.call("PUT", "/escalation-matrix/rules/rule-1", as_=who, json=body)
        assert refused.status_code == 403, refused.text
    assert (await incidents.ok("GET", "/escalation-matrix"))["rules"] == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "riot"}, "kind"),
        ({"severity": 0}, "severity"),
        ({"severity": "grave"}, "severity"),
        ({"areaId": "area-atlantis"}, "areaId"),
        ({"reportingActorId": "actor-nobody"}, "reportingActorId"),
        ({"occurredAt": "yesterday"}, "occurredAt"),
        ({"occurredAt": "2026-03-15T00:00:00Z"}, "reportedAt"),
        ({"restrictedDetails": "Named witness"}, "restrictedDetails"),
        ({"summary": "  "}, "summary"),
        ({"sensitivity": "secret"}, "sensitivity"),
        ({"coordinates": {"lat": 95, "lon": 12}}, "coordinates.lat"),
    ],
)
async def test_a_bad_report_is_a_422_naming_the_field_and_writes_nothing(
    incidents: Incidents, change: dict[str, Any], field: str
) -> None:
    refused = await incidents.call("POST", "/incidents", as_=COORDINATOR, json=report(**change))
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "BAD_USER_INPUT" and refused.json()["field"] == field
    assert (await incidents.ok("GET", "/incidents"))["totalCount"] == 0


async def test_a_body_that_is_not_json_or_not_an_object_is_refused(incidents: Incidents) -> None:
    for content in (b"{not json", b"[1, 2]"):
        refused = await incidents.call("POST", "/incidents", content=content)
        assert refused.status_code == 422 and refused.json()["field"] == "body"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
@pytest.mark.parametrize(
    ("body", "why"),
    [
        (json.dumps(report(summary="Skud ved \x00 Tingbjerg")).encode(), "NUL character"),
        (b"[" * 100_000 + b"]" * 100_000, "nests deeper"),
    ],
    ids=["nul", "deep"],
)
async def test_a_command_body_is_held_to_the_door_s_rules_whatever_its_content_type(
    incidents: Incidents, content_type: str | None, body: bytes, why: str
) -> None:
    """A command route read its body as JSON whatever the Content-Type said, while the
    door's checks (the NUL character, how deep it nests) held only for one that said
    JSON: a deep body sent as text was a 500, a NUL character got stored. Now a body
    the door takes for JSON (one saying so, or saying nothing) meets its checks and any
    other is not JSON to the route either: a 422 naming the body, nothing written."""
    headers = COORDINATOR | ({"Content-Type": content_type} if content_type else {})
    refused = await incidents.call("POST", "/incidents", as_=headers, content=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "BAD_USER_INPUT" and refused.json()["field"] == "body"
    assert why in refused.json()["detail"] or content_type is not None
    assert (await incidents.ok("GET", "/incidents"))["totalCount"] == 0


async def test_status_moves_in_order_and_a_link_needs_an_earlier_incident(
    incidents: Incidents,
) -> None:
    first = await incidents.report()
    second = await incidents.report(place="Ruten 5")
    path = f"/incidents/{second}"
    stable_too_soon = await incidents.call("POST", f"{path}/stabilise")
    assert stable_too_soon.status_code == 409 and stable_too_soon.json()["field"] == "status"
    reopen_open = await incidents.call("POST", f"{path}/reopen")
    assert reopen_open.status_code == 409 and "closed" in reopen_open.json()["detail"]
    before_report = await incidents.call(
        "POST", f"{path}/activate", json={"at": "2026-03-14T00:00:00Z"}
    )
    assert before_report.status_code == 422 and before_report.json()["field"] == "at"
    await incidents.ok("POST", f"{path}/activate")  # now: the time of the request
    await incidents.ok("POST", f"{path}/stabilise")
    linked = await incidents.ok(
        "POST", f"{path}/links", json={"linkedIncidentId": first, "kind": "same_place"}
    )
    assert linked["version"] == 4
    nowhere = await incidents.call(
        "POST", f"{path}/links", json={"linkedIncidentId": "incident-x", "kind": "same_place"}
    )
    assert nowhere.status_code == 422 and nowhere.json()["field"] == "linkedIncidentId"
    read = await incidents.get(second)
    assert read["status"] == "stable" and read["links"] == [
        {"incidentId": first, "kind": "same_place"}
    ]


async def test_partners_report_for_their_actor_and_work_in_responses_they_take_part_in(
    incidents: Incidents,
) -> None:
    other_actor = await incidents.call("POST", "/incidents", as_=SSP_STAFF, json=report())
    assert other_actor.status_code == 403
    incident = await incidents.report(
        as_=SSP_STAFF, reportingActorId=SSP, kind="vandalism", severity=1
    )
    path = f"/incidents/{incident}"
    entry = {"kind": "contact_with_residents", "text": "Talked to parents", "authorActorId": CLUB}
    outsider = await incidents.call("POST", f"{path}/timeline", as_=CLUB_STAFF, json=entry)
    assert outsider.status_code == 403
    as_reporter = await incidents.call(
        "POST", f"{path}/timeline", as_=SSP_STAFF, json={**entry, "authorActorId": SSP}
    )
    assert as_reporter.status_code == 201, as_reporter.text
    in_another_name = await incidents.call("POST", f"{path}/timeline", as_=SSP_STAFF, json=entry)
    assert in_another_name.status_code == 403

    task = {"title": "Clean the walls", "assigneeActorId": CLUB, "due": "2026-03-20"}
    assert (
        await incidents.call("POST", f"{path}/tasks", as_=CLUB_STAFF, json=task)
    ).status_code == 403
    await incidents.ok("PUT", f"{path}/roles/{CLUB}", json={"role": "participant"})
    taken = await incidents.call("POST", f"{path}/tasks", as_=CLUB_STAFF, json=task)
    assert taken.status_code == 201, taken.text
    for_someone_else = await incidents.call(
        "POST", f"{path}/tasks", as_=CLUB_STAFF, json={**task, "assigneeActorId": SSP}
    )
    assert for_someone_else.status_code == 403
    status = f"{path}/tasks/{taken.json()['taskId']}/status"
    assert (
        await incidents.call("POST", status, as_=SSP_STAFF, json={"status": "done"})
    ).status_code == 403
    assert (
        await incidents.call("POST", status, as_=CLUB_STAFF, json={"status": "done"})
    ).status_code == 200
    for command in (
        ("POST", f"{path}/activate", None),
        ("POST", f"{path}/close", {"reason": "Done"}),
        ("PUT", f"{path}/roles/{SSP}", {"role": "lead"}),
        ("POST", f"{path}/tactical-report", {"authorActorId": CLUB, "conditions": "Calm"}),
    ):
        method, where, body = command
        refused = await incidents.call(method, where, as_=CLUB_STAFF, json=body)
        assert refused.status_code == 403, (where, refused.text)

    await incidents.ok("PUT", f"{path}/roles/{CLUB}", json={"role": "lead"})
    await incidents.ok("POST", f"{path}/activate", as_=CLUB_STAFF)
    await incidents.ok(
        "POST",
        f"{path}/tactical-report",
        as_=CLUB_STAFF,
        json={"authorActorId": CLUB, "conditions": "Calm"},
    )
    read = await incidents.get(incident)
    assert read["status"] == "active" and read["tacticalReport"]["version"] == 1


async def test_national_bodies_read_and_write_nothing_here(incidents: Incidents) -> None:
    incident = await incidents.report()
    for method, path, body in (
        ("GET", "/incidents", None),
        ("GET", f"/incidents/{incident}", None),
        ("GET", "/escalation-matrix", None),
        ("POST", "/incidents", report()),
        ("POST", f"/incidents/{incident}/activate", None),
    ):
        refused = await incidents.call(method, path, as_=NATIONAL, json=body)
        assert refused.status_code == 403, (path, refused.text)
        assert refused.json()["code"] == "FORBIDDEN"


async def test_another_tenant_finds_nothing_and_cannot_touch_it(incidents: Incidents) -> None:
    incident = await incidents.report()
    path = f"/incidents/{incident}"
    for method, where, body in (
        ("GET", path, None),
        ("POST", f"{path}/activate", None),
        ("POST", f"{path}/close", {"reason": "Not ours"}),
        ("POST", f"{path}/timeline", {"kind": "note", "text": "x", "authorActorId": KK}),
        ("PUT", f"{path}/roles/{KK}", {"role": "lead"}),
        ("POST", f"{path}/tasks", {"title": "x", "assigneeActorId": KK, "due": "2026-04-01"}),
    ):
        refused = await incidents.call(method, where, as_=AALBORG_COORDINATOR, json=body)
        assert refused.status_code == 404, (where, refused.text)
        assert refused.json()["code"] == "NOT_FOUND"
    assert (await incidents.ok("GET", "/incidents", as_=AALBORG_COORDINATOR))["items"] == []
    link = await incidents.call(
        "POST",
        f"/incidents/{await incidents.report(as_=AALBORG_COORDINATOR)}/links",
        as_=AALBORG_COORDINATOR,
        json={"linkedIncidentId": incident, "kind": "same_series"},
    )
    assert link.status_code == 422 and link.json()["field"] == "linkedIncidentId"
    assert (await incidents.get(incident))["status"] == "reported"


async def test_an_unknown_incident_is_not_found_before_permission_is_asked(
    incidents: Incidents,
) -> None:
    for who in (COORDINATOR, CLUB_STAFF, NATIONAL):
        refused = await incidents.call("POST", "/incidents/incident-none/activate", as_=who)
        assert refused.status_code == 404 and refused.json()["field"] == "incidentId"


async def test_without_a_token_nothing_is_answered(incidents: Incidents) -> None:
    response = await incidents.http.get("/incidents")
    assert response.status_code == 401
    forged = issue_dev_token(
        secret="another-secret-of-at-least-32-bytes!",
        subject="u",
        tenant="0101",
        roles=["coordinator"],
    )
    response = await incidents.http.get("/incidents", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


async def test_lists_are_filtered_by_status_area_kind_severity_and_time_and_paged(
    incidents: Incidents,
) -> None:
    made = {
        "shooting": await incidents.report(),
        "arson": await incidents.report(
            kind="arson",
            severity=2,
            areaId=HUSUM,
            occurredAt="2026-02-01T02:00:00Z",
            reportedAt="2026-02-01T03:00:00Z",
        ),
        "threat": await incidents.report(
            kind="threat",
            severity=3,
            occurredAt="2026-01-10T12:00:00Z",
            reportedAt="2026-01-10T13:00:00Z",
        ),
    }
    await incidents.ok("POST", f"/incidents/{made['arson']}/activate")

    async def ids(**params: Any) -> list[str]:
        page = await incidents.ok("GET", "/incidents", params=params)
        return [item["incidentId"] for item in page["items"]]

    assert await ids() == [made["shooting"], made["arson"], made["threat"]]  # newest first
    assert await ids(status="active") == [made["arson"]]
    assert await ids(areaId=HUSUM) == [made["arson"]]
    assert await ids(kind="threat") == [made["threat"]]
    assert await ids(severity=4) == [made["shooting"]]
    assert await ids(minSeverity=3) == [made["shooting"], made["threat"]]
    assert await ids(**{"from": "2026-01-15T00:00:00Z"}) == [made["shooting"], made["arson"]]
    assert await ids(**{"from": "2026-01-15T00:00:00Z", "to": "2026-03-01T00:00:00+01:00"}) == [
        made["arson"]
    ]

    first = await incidents.ok("GET", "/incidents", params={"first": 2})
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    rest = await incidents.ok(
        "GET", "/incidents", params={"first": 2, "after": first["pageInfo"]["endCursor"]}
    )
    assert [i["incidentId"] for i in first["items"] + rest["items"]] == await ids()
    assert rest["pageInfo"]["hasNextPage"] is False

    for params, field in (
        ({"status": "burning"}, "status"),
        ({"severity": 9}, "severity"),
        ({"from": "last week"}, "from"),
        ({"after": "not-a-cursor"}, "after"),
        ({"first": 0}, "first"),
    ):
        refused = await incidents.call("GET", "/incidents", params=params)
        assert refused.status_code == 422 and refused.json()["field"] == field, refused.text


async def test_a_coordinator_erases_an_incidents_personal_text_everywhere(
    incidents: Incidents,
) -> None:
    incident = await incidents.report(summary="Ahmed was threatened")
    path = f"/incidents/{incident}"
    await incidents.ok("PUT", f"{path}/roles/{SSP}", json={"role": "lead"})
    note = {"kind": "note", "text": "Ahmed's mother called", "authorActorId": KK}
    await incidents.ok("POST", f"{path}/timeline", json=note)
    assert (
        await incidents.call("DELETE", f"{path}/personal-data", as_=SSP_STAFF)
    ).status_code == 403
    erased = await incidents.ok("DELETE", f"{path}/personal-data")
    assert erased["version"] == 4 and erased["position"] is not None
    again = await incidents.ok("DELETE", f"{path}/personal-data")
    assert again["version"] == 4 and again["position"] is None
    read = await incidents.get(incident)
    assert read["personalDataErased"] is True and read["summary"] == "[erased]"
    assert [entry["text"] for entry in read["timeline"]] == ["[erased]"]
    listed = await incidents.ok("GET", "/incidents")
    assert "Ahmed" not in str(listed) and "Ahmed" not in str(read)
    more = await incidents.call("POST", f"{path}/timeline", json=note)
    assert more.status_code == 409 and "erased" in more.json()["detail"]
    await incidents.ok("POST", f"{path}/activate")  # the response itself goes on


async def test_incidents_are_looked_up_by_id_in_one_call(incidents: Incidents) -> None:
    made = [await incidents.report(place=f"Ruten {n}") for n in range(3)]
    page = await incidents.ok("GET", "/incidents", params=[("id", made[0]), ("id", made[2])])
    assert sorted(i["incidentId"] for i in page["items"]) == sorted([made[0], made[2]])
    assert len(page["cursors"]) == 2 and page["pageInfo"]["endCursor"] == page["cursors"][-1]


async def test_a_list_answers_each_incident_whole_when_asked(incidents: Incidents) -> None:
    made = await incidents.report()
    await incidents.ok(
        "POST",
        f"/incidents/{made}/tasks",
        json={"title": "Call", "assigneeActorId": SSP, "due": "2026-04-01"},
    )
    short = await incidents.ok("GET", "/incidents", params={"id": made})
    whole = await incidents.ok("GET", "/incidents", params={"id": made, "full": "true"})
    assert "tasks" not in short["items"][0]
    assert whole["items"][0] == await incidents.get(made)
