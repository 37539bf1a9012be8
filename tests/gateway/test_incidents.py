"""Incidents through the gateway, end to end: the joint response run through mutations,
each role's view of a restricted incident, another municipality, and the live
``incidentEvents`` subscription over graphql-transport-ws."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import websockets

from tests.actors.conftest import SECRET
from tests.gateway.conftest import GraphQL, Platform, codes, token
from tests.gateway.test_actors import define_area
from trygnet_core.auth import issue_dev_token

REGISTER = """
mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }"""
INCIDENT_FIELDS = """
  id kind severity place summary restrictedDetails sensitivity status redacted version
  occurredAt reportedAt area { id name } reportingActor { id name }
  statusHistory { status at reason } alerts { ruleId actor { id name } }
  roles { role actor { id } } tasks { id title status priority due assignee { id } }
  timeline { id kind text pinned author { id } } tacticalReport { version conditions needs }
  links { incidentId kind } followUpActivities { activityId }
"""
REPORT = f"""
mutation($input: ReportIncidentInput!) {{
  reportIncident(input: $input) {{ position incident {{ {INCIDENT_FIELDS} }} }}
}}"""
ONE = f"query($id: ID!) {{ incident(id: $id) {{ {INCIDENT_FIELDS} }} }}"
LIST = f"""
query($area: ID, $status: IncidentStatus, $kind: IncidentKind, $first: Int, $after: String) {{
  incidents(areaId: $area, status: $status, kind: $kind, first: $first, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {INCIDENT_FIELDS} }} }}
  }}
}}"""
RULES = """
mutation($input: SetEscalationRulesInput!) {
  setEscalationRules(input: $input) {
    position matrix { rules { id kind minimumSeverity area { id } actors { id } } }
  }
}"""
STATUS = """
mutation($input: ChangeIncidentStatusInput!) {
  changeIncidentStatus(input: $input) { position incident { status version statusHistory { status reason } } }
}"""
ROLE = """
mutation($input: AssignIncidentRoleInput!) {
  assignIncidentRole(input: $input) { incident { roles { role actor { id } } } }
}"""
TASK = """
mutation($input: AddIncidentTaskInput!) {
  addIncidentTask(input: $input) { position task { id title status assignee { id } } }
}"""
COMPLETE = f"""
mutation($input: CompleteIncidentTaskInput!) {{
  completeIncidentTask(input: $input) {{ incident {{ {INCIDENT_FIELDS} }} }}
}}"""
ENTRY = """
mutation($input: AddTimelineEntryInput!) {
  addTimelineEntry(input: $input) { position entry { id kind text } incident { timeline { id } } }
}"""
TACTICAL = """
mutation($input: UpdateTacticalReportInput!) {
  updateTacticalReport(input: $input) { incident { tacticalReport { version conditions needs } } }
}"""
SECRETS = {
    "summary": "Shots at the car of Ahmed from block 12",
    "restrictedDetails": "Informant: the neighbour in 12B",
    "timeline": "Mother of the victim called the SSP",
}


@dataclass
class Town:
    tenant: str
    coordinator: str
    area: str
    police: str
    ssp: str
    club: str
    written: str | None = None
    """The position of the last write of a test, for ``atLeast``."""


async def town(graphql: GraphQL, tenant: str) -> Town:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg-Husum")
    made = []
    for name, sector in (("Københavns Politi", "POLICE"), ("SSP", "SSP"), ("B93", "CIVIL_SOCIETY")):
        data = await graphql.ok(
            REGISTER, coordinator, input={"name": name, "sector": sector, "areas": [area]}
        )
        made.append(data["registerActor"]["actor"]["id"])
    return Town(tenant, coordinator, area, *made)


def report(town: Town, **given: Any) -> dict[str, Any]:
    return {
        "kind": "SHOOTING",
        "severity": 4,
        "areaId": town.area,
        "place": "Ruten, by the shopping centre",
        "occurredAt": "2026-03-14T21:40:00+01:00",
        "reportedAt": "2026-03-14T22:05:00+01:00",
        "reportingActorId": town.police,
        "summary": "Shots fired at a car; no one hurt",
        **given,
    }


async def test_a_shooting_is_reported_alerted_and_its_response_run_to_the_close(
    graphql: GraphQL, tenant: str
) -> None:
    t = await town(graphql, tenant)
    matrix = await graphql.settled(
        RULES,
        t.coordinator,
        input={
            "rules": [
                {
                    "id": "rule-shootings",
                    "kind": "SHOOTING",
                    "minimumSeverity": 3,
                    "areaId": t.area,
                    "actorIds": [t.ssp, t.club],
                }
            ]
        },
    )
    [rule] = matrix["setEscalationRules"]["matrix"]["rules"]
    assert rule["area"] == {"id": t.area} and len(rule["actors"]) == 2
    police = token(tenant, "police", actor=t.police)
    reported = (await graphql.settled(REPORT, police, input=report(t)))["reportIncident"]
    incident = reported["incident"]
    assert reported["position"] == f"incidents/{incident['id']}/2"  # reported, then alerted
    assert {a["actor"]["id"] for a in incident["alerts"]} == {t.ssp, t.club}
    assert incident["reportingActor"]["id"] == t.police and incident["area"]["id"] == t.area
    assert incident["status"] == "REPORTED"

    one = {"incidentId": incident["id"]}
    early = await graphql(STATUS, t.coordinator, input={"id": incident["id"], "status": "STABLE"})
    assert codes(early) == ["CONFLICT"] and "only an active incident" in str(early["errors"])
    await graphql.ok(STATUS, t.coordinator, input={"id": incident["id"], "status": "ACTIVE"})
    roles = await graphql.settled(
        ROLE, t.coordinator, input={**one, "actorId": t.ssp, "role": "LEAD"}
    )
    assert roles["assignIncidentRole"]["incident"]["roles"] == [
        {"role": "LEAD", "actor": {"id": t.ssp}}
    ]
    added = await graphql.settled(
        TASK,
        t.coordinator,
        input={
            **one,
            "title": "Talk to the youth club",
            "assigneeActorId": t.club,
            "due": "2026-03-16",
        },
    )
    task = added["addIncidentTask"]["task"]
    assert task["status"] == "OPEN" and task["assignee"] == {"id": t.club}
    club_staff = token(tenant, "partner", actor=t.club)
    done = await graphql.ok(COMPLETE, club_staff, input={**one, "taskId": task["id"]})
    assert done["completeIncidentTask"]["incident"]["tasks"][0]["status"] == "DONE"
    entry = await graphql.ok(
        ENTRY,
        club_staff,
        input={
            **one,
            "kind": "CONTACT_WITH_RESIDENTS",
            "text": "Coffee at the club",
            "authorActorId": t.club,
        },
    )
    assert entry["addTimelineEntry"]["entry"]["kind"] == "CONTACT_WITH_RESIDENTS"
    report_v2 = {**one, "authorActorId": t.ssp, "conditions": "Calm", "needs": "Street lights"}
    await graphql.ok(TACTICAL, t.coordinator, input=report_v2)
    tactical = await graphql.ok(
        TACTICAL, t.coordinator, input={**report_v2, "conditions": "Calm again"}
    )
    assert tactical["updateTacticalReport"]["incident"]["tacticalReport"]["version"] == 2

    unreasoned = await graphql(
        STATUS, t.coordinator, input={"id": incident["id"], "status": "CLOSED"}
    )
    assert (
        codes(unreasoned) == ["BAD_USER_INPUT"]
        and unreasoned["errors"][0]["extensions"]["field"] == "reason"
    )
    await graphql.ok(STATUS, t.coordinator, input={"id": incident["id"], "status": "STABLE"})
    closed = await graphql.ok(
        STATUS,
        t.coordinator,
        input={"id": incident["id"], "status": "CLOSED", "reason": "Calm for a week"},
    )
    reopened = await graphql.ok(
        STATUS,
        t.coordinator,
        input={"id": incident["id"], "status": "ACTIVE", "reason": "New threats"},
    )
    history = reopened["changeIncidentStatus"]["incident"]["statusHistory"]
    assert [h["status"] for h in history] == ["REPORTED", "ACTIVE", "STABLE", "CLOSED", "ACTIVE"]
    assert history[3]["reason"] == "Calm for a week" and history[4]["reason"] == "New threats"

    stale = closed["changeIncidentStatus"]["incident"]["version"]
    lost = await graphql(
        STATUS,
        t.coordinator,
        input={"id": incident["id"], "status": "STABLE", "expectedVersion": stale},
    )
    assert codes(lost) == ["CONFLICT"]
    active = await graphql.ok(LIST, t.coordinator, area=t.area, status="ACTIVE", first=10)
    assert [e["node"]["id"] for e in active["incidents"]["edges"]] == [incident["id"]]
    assert (await graphql.ok(LIST, t.coordinator, status="CLOSED", first=10))["incidents"][
        "totalCount"
    ] == 0


async def restricted_incident(graphql: GraphQL, t: Town) -> tuple[str, str]:
    """A restricted shooting with a task for the SSP and a timeline entry: (id, task id)."""
    police = token(t.tenant, "police", actor=t.police)
    data = await graphql.settled(
        REPORT,
        police,
        input=report(
            t,
            sensitivity="RESTRICTED",
            summary=SECRETS["summary"],
            restrictedDetails=SECRETS["restrictedDetails"],
        ),
    )
    incident = data["reportIncident"]["incident"]["id"]
    one = {"incidentId": incident}
    await graphql.settled(
        ROLE, t.coordinator, input={**one, "actorId": t.ssp, "role": "PARTICIPANT"}
    )
    added = await graphql.settled(
        TASK,
        t.coordinator,
        input={**one, "title": "Visit the family", "assigneeActorId": t.ssp, "due": "2026-03-16"},
    )
    entry = await graphql.ok(
        ENTRY,
        t.coordinator,
        input={**one, "kind": "NOTE", "text": SECRETS["timeline"], "authorActorId": t.police},
    )
    t.written = entry["addTimelineEntry"]["position"]
    return incident, added["addIncidentTask"]["task"]["id"]


SEEN_TOGETHER = """
query($id: ID!, $atLeast: [String!], $area: ID!) {
  incident(id: $id) { redacted tasks { id } }
  situationPicture(areaId: $area, week: "2026-W11", atLeast: $atLeast) {
    incidents { id kind sensitivity status }
    incidentTasks { id sourceId }
  }
  incidentResponse(atLeast: $atLeast) {
    incidents {
      incidentId redacted minutesToFirstJointAction alerted { id } engaged { id }
      tasksOpen followUpActivities
    }
    byAreaAndMonth { incidents withheld actorsAlerted actorsEngaged tasksOpen }
  }
}"""


async def test_each_role_sees_a_restricted_incident_as_it_may(
    graphql: GraphQL, tenant: str
) -> None:
    t = await town(graphql, tenant)
    incident, task = await restricted_incident(graphql, t)
    readers = {
        "coordinator": (t.coordinator, True),
        "police": (token(tenant, "police", actor=t.police), True),
        "ssp staff": (token(tenant, "partner", actor=t.ssp), False),
        "club staff": (token(tenant, "partner", actor=t.club), False),
        "integration": (
            token(
                tenant, "integration", scopes=("incidents:read", "actors:read", "reporting:read")
            ),
            False,
        ),
    }
    # Each reads before the SSP's staff complete their task below, so an open task of
    # the SSP's that a reader may not see would show.
    seen = {
        name: await graphql.ok(SEEN_TOGETHER, bearer, id=incident, atLeast=[t.written], area=t.area)
        for name, (bearer, _) in readers.items()
    }
    for name, (bearer, cleared) in readers.items():
        together = seen[name]
        [row] = together["incidentResponse"]["incidents"]
        # The week's picture (the shooting's week) shows it to all in outline, and of its
        # tasks only those the reader sees on the incident itself.
        picture = together["situationPicture"]
        assert picture["incidents"] == [
            {"id": incident, "kind": "SHOOTING", "sensitivity": "RESTRICTED", "status": "REPORTED"}
        ], name
        shown_tasks = [x["id"] for x in picture["incidentTasks"] if x["sourceId"] == incident]
        assert shown_tasks == [x["id"] for x in together["incident"]["tasks"]], name
        [month] = together["incidentResponse"]["byAreaAndMonth"]
        assert row["redacted"] is together["incident"]["redacted"] is (not cleared), name
        assert row["tasksOpen"] == len(together["incident"]["tasks"]) == month["tasksOpen"], name
        if cleared:
            assert row["alerted"] == [] and len(row["engaged"]) == 2, name
        else:
            assert row["alerted"] is row["engaged"] is row["followUpActivities"] is None, name
            assert row["minutesToFirstJointAction"] is None, name
            assert month == {
                "incidents": 1,
                "withheld": 1,
                "actorsAlerted": 0,
                "actorsEngaged": 0,
                "tasksOpen": row["tasksOpen"],
            }, name
        one = await graphql(ONE, bearer, id=incident)
        listed = await graphql(LIST, bearer, first=10)
        bodies = [json.dumps(one), json.dumps(listed), json.dumps(together)]
        if name == "ssp staff":  # doing its own task: the payload is redacted too
            done = await graphql(COMPLETE, bearer, input={"incidentId": incident, "taskId": task})
            assert not done.get("errors"), done
            bodies.append(json.dumps(done))
        shown = [secret for secret, text in SECRETS.items() if any(text in body for body in bodies)]
        assert not one.get("errors"), (name, one["errors"])
        read = one["data"]["incident"]
        assert {"kind", "severity", "area", "status", "occurredAt", "reportedAt"} <= read.keys()
        assert read["kind"] == "SHOOTING" and read["area"]["id"] == t.area
        if cleared:
            assert sorted(shown) == sorted(SECRETS), name
            assert read["redacted"] is False and read["timeline"]
        else:
            assert shown == [], f"the {name} saw {shown}"
            assert read["redacted"] is True and read["summary"] is None and read["timeline"] == []
            mine = [x["id"] for x in read["tasks"]]
            assert mine == ([task] if name == "ssp staff" else []), name


FOLLOW_UP = """
mutation($input: CreateActivityInput!) {
  createActivity(input: $input) { activity { id incidentId } }
}"""
STARTED_BY = "query($id: ID!) { activity(id: $id) { title incidentId } }"


async def test_a_restricted_incidents_follow_up_names_it_only_to_those_who_see_its_response(
    graphql: GraphQL, tenant: str
) -> None:
    t = await town(graphql, tenant)
    incident, _ = await restricted_incident(graphql, t)
    made = await graphql.settled(
        FOLLOW_UP,
        t.coordinator,
        input={
            "title": "Coffee walks after the shooting",
            "level": "FRONTLINE",
            "ownerActorId": t.ssp,
            "incidentId": incident,
        },
    )
    activity = made["createActivity"]["activity"]
    assert activity["incidentId"] == incident
    readers = {
        "coordinator": (t.coordinator, incident),
        "police": (token(tenant, "police", actor=t.police), incident),
        "ssp staff": (token(tenant, "partner", actor=t.ssp), None),
        "club staff": (token(tenant, "partner", actor=t.club), None),
    }
    for name, (bearer, seen) in readers.items():
        read = await graphql.ok(STARTED_BY, bearer, id=activity["id"])
        assert read["activity"]["title"] == "Coffee walks after the shooting", name
        assert read["activity"]["incidentId"] == seen, name


async def test_another_municipality_finds_no_incident(graphql: GraphQL, tenant: str) -> None:
    t = await town(graphql, tenant)
    reported = await graphql.settled(
        REPORT, token(tenant, "police", actor=t.police), input=report(t)
    )
    incident = reported["reportIncident"]["incident"]["id"]
    other = token(f"x{tenant}", "coordinator")
    assert codes(await graphql(ONE, other, id=incident)) == ["NOT_FOUND"]
    add = {"incidentId": incident, "title": "x", "assigneeActorId": t.ssp, "due": "2026-03-16"}
    assert codes(await graphql(TASK, other, input=add)) == ["NOT_FOUND"]
    assert (await graphql.ok(LIST, other, first=10))["incidents"]["totalCount"] == 0


SUBSCRIBE = """
subscription($area: ID) {
  incidentEvents(areaId: $area) { type incidentId position incident { id kind summary redacted } }
}"""


@asynccontextmanager
async def subscribed(
    platform: Platform,
    bearer: str,
    area: str | None,
    *,
    gateway: str | None = None,
    query: str = SUBSCRIBE,
    after: str | None = None,
) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
    """A graphql-transport-ws subscription (on the platform's gateway unless another is
    named); what it receives lands in the queue."""
    url = (gateway or platform.gateway).replace("http://", "ws://") + "/graphql"
    variables = {"area": area, **({"after": after} if after is not None else {})}
    received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as socket:
        await socket.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {bearer}"}}
            )
        )
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": query, "variables": variables},
                }
            )
        )

        async def read() -> None:
            async for message in socket:
                await received.put(json.loads(message))

        reader = asyncio.create_task(read())
        try:
            yield received
        finally:
            reader.cancel()


async def changes_of(
    received: asyncio.Queue[dict[str, Any]], incident: str, *, until: int
) -> list[dict[str, Any]]:
    """The changes of one incident a subscription received, up to its version ``until``."""
    found: list[dict[str, Any]] = []
    while not found or not found[-1]["position"].endswith(f"/{until}"):
        message = await asyncio.wait_for(received.get(), 30)
        assert message["type"] == "next", message
        change = message["payload"]["data"]["incidentEvents"]
        if change["incidentId"] == incident:
            found.append(change)
    return found


async def test_subscribers_receive_the_changes_they_may_see_and_no_other_municipalitys(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    t = await town(graphql, tenant)
    hub = platform.app.state.hub
    warm_up = await graphql.settled(
        REPORT, token(tenant, "police", actor=t.police), input=report(t)
    )
    assert warm_up["reportIncident"]["incident"]["id"]
    assert await hub.wait_ready(30)
    other_town = await town(graphql, f"x{uuid.uuid4().hex[:8]}")
    before = hub.health().detail["subscribers"]
    async with (
        subscribed(platform, t.coordinator, t.area) as coordinator,
        subscribed(platform, token(tenant, "partner", actor=t.club), None) as partner,
        subscribed(platform, other_town.coordinator, None) as other,
    ):
        for _ in range(200):  # until the three subscriptions are registered with the hub
            if hub.health().detail["subscribers"] == before + 3:
                break
            await asyncio.sleep(0.05)
        incident, _ = await restricted_incident(graphql, t)
        # the warm-up incident's events may still be on their way: follow this incident
        events = await changes_of(coordinator, incident, until=4)
        assert [e["type"] for e in events] == [
            "IncidentReported",
            "ResponseRoleAssigned",
            "TaskAdded",
            "TimelineEntryRecorded",
        ]
        assert events[0]["position"] == f"incidents/{incident}/1"
        assert events[0]["incident"]["summary"] == SECRETS["summary"]
        partner_saw = await changes_of(partner, incident, until=4)
        # that it changed, never which event: the type would tell a role, a task, a note
        assert [e["type"] for e in partner_saw] == ["IncidentChanged"] * 4
        assert [e["position"] for e in partner_saw] == [e["position"] for e in events]
        assert all(e["incident"]["redacted"] for e in partner_saw)
        assert not [s for s in SECRETS.values() if s in json.dumps(partner_saw)]
        await asyncio.sleep(1)
        assert other.empty(), "another municipality received this one's incident"


async def test_a_subscription_without_a_valid_token_is_refused_with_its_code(
    platform: Platform, tenant: str
) -> None:
    expired = issue_dev_token(
        secret=SECRET, subject="late", tenant=tenant, roles=["coordinator"], ttl_seconds=-60
    )
    for bearer, code in (("not-a-token", "UNAUTHENTICATED"), (expired, "UNAUTHENTICATED")):
        async with subscribed(platform, bearer, None) as received:
            message = await asyncio.wait_for(received.get(), 30)
        assert message["type"] in ("error", "next"), message
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert [error["extensions"]["code"] for error in errors] == [code], message


BY_ACTOR = """
query($actor: ID!) { incidents(actorId: $actor) { totalCount edges { node { id redacted } } } }"""


async def test_incidents_by_actor_tell_each_reader_only_what_it_may_know(
    graphql: GraphQL, tenant: str
) -> None:
    t = await town(graphql, tenant)
    incident, _task = await restricted_incident(graphql, t)
    seen = {
        "coordinator": t.coordinator,
        "ssp staff": token(tenant, "partner", actor=t.ssp),
        "club staff": token(tenant, "partner", actor=t.club),
    }
    found = {
        name: [
            edge["node"]["id"]
            for edge in (await graphql.ok(BY_ACTOR, bearer, actor=t.ssp))["incidents"]["edges"]
        ]
        for name, bearer in seen.items()
    }
    # the coordinator sees the SSP's role and task; the SSP's staff their own task; the
    # club's staff read the incident in outline, where whose role or task it is is withheld
    assert found == {"coordinator": [incident], "ssp staff": [incident], "club staff": []}
    police = await graphql.ok(BY_ACTOR, t.coordinator, actor=t.police)
    assert [e["node"]["id"] for e in police["incidents"]["edges"]] == [incident]
    assert (await graphql.ok(BY_ACTOR, t.coordinator, actor=t.club))["incidents"]["edges"] == []


MATRIX = "{ escalationMatrix { rules { id area { id } actors { id } } } }"


async def test_a_rules_actors_are_read_in_one_batch(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    """The escalation matrix names a rule's actors through one read of the actors
    service, not one read per actor (nor one per rule)."""
    t = await town(graphql, tenant)
    rules = [
        {
            "id": f"rule-{n}",
            "kind": kind,
            "minimumSeverity": 2,
            "areaId": t.area,
            "actorIds": [t.police, t.ssp, t.club],
        }
        for n, kind in enumerate(("SHOOTING", "STABBING"))
    ]
    await graphql.settled(RULES, t.coordinator, input={"rules": rules})
    calls = platform.app.state.services.calls
    before = calls.copy()
    matrix = await graphql.ok(MATRIX, t.coordinator)
    made = calls - before
    assert [[a["id"] for a in r["actors"]] for r in matrix["escalationMatrix"]["rules"]] == [
        [t.police, t.ssp, t.club]
    ] * 2
    assert made["actors"] <= 2, made  # the areas and the actors: one batch each


async def test_an_incident_mutation_shows_the_incident_without_reading_it_back(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    """The incidents service answers a command with the incident as the caller reads it
    (``Prefer: return=representation``): the payload costs no second call."""
    t = await town(graphql, tenant)
    police = token(tenant, "police", actor=t.police)
    incident = (await graphql.settled(REPORT, police, input=report(t)))["reportIncident"]
    incident_id = incident["incident"]["id"]
    await graphql.ok(STATUS, t.coordinator, input={"id": incident_id, "status": "ACTIVE"})
    calls = platform.app.state.services.calls
    before = calls.copy()
    stable = await graphql.ok(STATUS, t.coordinator, input={"id": incident_id, "status": "STABLE"})
    assert stable["changeIncidentStatus"]["incident"]["status"] == "STABLE"
    assert [h["status"] for h in stable["changeIncidentStatus"]["incident"]["statusHistory"]] == [
        "REPORTED",
        "ACTIVE",
        "STABLE",
    ]
    assert (calls - before)["incidents"] == 1, "the command, answered with the incident"
