"""The reporting service's projections: one document per thing, kept from the three topics.

Every stream of the other services becomes one document here (an actor, an activity,
a forum, an incident, a safety walk...), plus one per safety-index result and per
indicator measurement. A document holds only what the reports need: no personal
data (no contact person's name or number, no meeting notes, no finding
descriptions) and nothing of an incident but its outline and response figures, so
restricted text never enters this database.

Documents live in one table, ``report_docs`` (tenant, kind, id → JSON). The
consumer hands over a batch of events; ``Projector`` reads every document the batch
touches in one query, applies the events in memory in order, and writes the changed
documents back in two statements (delete, insert), all in the consumer's
transaction, beside the consumer's positions. So an event is applied exactly once
in effect, and a replay from the start builds the same documents.

Each change also marks the network figures of its tenant and areas as stale
(``network_cache``); they are recomputed when next read, at most once per short
interval (``queries.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    Index,
    MetaData,
    String,
    Table,
    bindparam,
    delete,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.envelope import ReceivedEvent

metadata = MetaData()

report_docs = Table(
    "report_docs",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("kind", String(30), primary_key=True),
    Column("doc_id", String(300), primary_key=True),
    Column("body", JSON, nullable=False),
    Index("ix_report_docs_kind", "kind", "tenant_id"),
)

network_cache = Table(
    "network_cache",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("area_key", String(80), primary_key=True),
    Column("body", JSON, nullable=True),
    Column("computed_at", Float, nullable=False),
    Column("stale", Boolean, nullable=False),
)

ALL_AREAS = "*"
"""The ``network_cache`` key of a tenant's whole network."""

DocKey = tuple[str, str, str]
"""(tenant, kind, id)"""

_IN_CHUNK = 400


@dataclass
class Docs:
    """The batch's working set: documents read once, changed in memory, written once."""

    found: dict[DocKey, dict[str, Any] | None] = field(default_factory=dict)
    changed: set[DocKey] = field(default_factory=set)

    async def load(self, conn: AsyncConnection, keys: Iterable[DocKey]) -> None:
        wanted = sorted(set(keys) - set(self.found))
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            rows = await conn.execute(
                select(report_docs).where(
                    tuple_(report_docs.c.tenant_id, report_docs.c.kind, report_docs.c.doc_id).in_(
                        chunk
                    )
                )
            )
            for row in rows:
                self.found[(row.tenant_id, row.kind, row.doc_id)] = copy.deepcopy(row.body)
            for key in chunk:
                self.found.setdefault(key, None)

    def get(self, key: DocKey) -> dict[str, Any] | None:
        return self.found.get(key)

    def put(self, key: DocKey, body: dict[str, Any]) -> dict[str, Any]:
        self.found[key] = body
        self.changed.add(key)
        return body

    def touch(self, key: DocKey) -> dict[str, Any] | None:
        """The document, marked to be written back (the caller changes it in place)."""
        body = self.found.get(key)
        if body is not None:
            self.changed.add(key)
        return body

    def drop(self, key: DocKey) -> None:
        self.found[key] = None
        self.changed.add(key)

    async def flush(self, conn: AsyncConnection) -> None:
        if not self.changed:
            return
        keys = sorted(self.changed)
        await conn.execute(
            delete(report_docs).where(
                report_docs.c.tenant_id == _bind("t"),
                report_docs.c.kind == _bind("k"),
                report_docs.c.doc_id == _bind("d"),
            ),
            [{"t": t, "k": k, "d": d} for t, k, d in keys],
        )
        rows = [
            {"tenant_id": t, "kind": k, "doc_id": d, "body": self.found[(t, k, d)]}
            for t, k, d in keys
            if self.found[(t, k, d)] is not None
        ]
        if rows:
            await conn.execute(insert(report_docs), rows)
        self.changed.clear()


def _bind(name: str) -> Any:
    return bindparam(name)


# -- which documents an event needs ---------------------------------------------------

_STREAM_KINDS = {
    "Area": "area",
    "Actor": "actor",
    "Partnership": "partnership",
    "Forum": "group",
    "Activity": "group",
    "SafetyWalk": "walk",
    "Strategy": "strategy",
    "SurveyWave": "survey",
    "Incident": "incident",
    "Observation": "observation",  # situation
    "SituationWeek": "situation-week",
    "Practice": "practice",  # practice_exchange
    "SupportOffer": "support-offer",
    "HourlyRate": "rate",
}


def needs(received: ReceivedEvent) -> list[DocKey]:
    """The documents an event reads or writes."""
    event, data = received.event, received.event.data
    tenant = str(event.tenant_id)
    if event.stream_type == "Contact":
        actors = {str(a) for a in (data.get("actor_id"), data.get("from_actor_id")) if a}
        return [(tenant, "actor", actor) for actor in sorted(actors)]
    kind = _STREAM_KINDS.get(event.stream_type)
    if kind is None:
        return []
    keys = [(tenant, kind, event.stream_id)]
    if event.type == "SafetyIndexResultRecorded":
        keys.append((tenant, "safety-index", f"{data['area_id']}|{data['period']}"))
    elif event.type == "MeasurementRecorded":
        keys.append((tenant, "measurement", _measurement_id(data)))
    return keys


def _measurement_id(data: Mapping[str, Any]) -> str:
    return f"{data['indicator_id']}|{data['period']}|{data.get('area_id') or ''}"


# -- the projector --------------------------------------------------------------------


@dataclass
class Touched:
    """Which network figures a batch made stale: per tenant, the areas (``*``: all)."""

    areas: dict[str, set[str]] = field(default_factory=dict)

    def add(self, tenant: str, areas: Iterable[str]) -> None:
        self.areas.setdefault(tenant, set()).update(areas or [ALL_AREAS])


class Projector:
    """The consumer's handler for ``trygnet.actors``, ``.activities`` and ``.incidents``."""

    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        docs = Docs()
        await docs.load(conn, (key for received in events for key in needs(received)))
        touched = Touched()
        for received in events:
            apply_event(docs, received, touched)
        await docs.flush(conn)
        await mark_stale(conn, touched)

    @property
    def reads(self) -> dict[str, frozenset[str]]:
        """Every event type of the platform: those a rule below applies and those the
        reports pass over (``PASSED_OVER``). The consumer dead-letters any other type, and
        any newer schema version, so an unknown event never takes a stream's next version."""
        found: dict[str, set[str]] = {}
        for service, event_type in (*_RULES, *PASSED_OVER):
            found.setdefault(service, set()).add(event_type)
        return {service: frozenset(types) for service, types in found.items()}


def apply_event(docs: Docs, received: ReceivedEvent, touched: Touched) -> None:
    """Apply one event to the documents it needs (already loaded)."""
    event = received.event
    rule = _RULES.get((received.service, event.type))
    if rule is None:
        return
    keys = needs(received)
    meta = _Meta(event.type, str(event.tenant_id), event.recorded_at.isoformat())
    rule(docs, keys, event.data, meta)
    if event.stream_type in ("Actor", "Forum", "Activity", "Partnership", "SurveyWave"):
        main = docs.get(keys[0]) or {}
        touched.add(str(event.tenant_id), main.get("areas") or [])


@dataclass(frozen=True)
class _Meta:
    type: str
    tenant: str
    at: str
    """When the event was recorded, for events that carry no time of their own."""


Rule = Callable[[Docs, list[DocKey], Mapping[str, Any], _Meta], None]
_RULES: dict[tuple[str, str], Rule] = {}

PASSED_OVER = frozenset(
    {
        ("actors", "ContactChanged"),
        *(
            ("incidents", name)
            for name in (
                "EscalationRuleRemoved",
                "EscalationRuleSet",
                "IncidentLinked",
                "IncidentPersonalDataErased",
                "ResponseRoleReleased",
                "TacticalReportUpdated",
                "TimelineEntryPinned",
                "TimelineEntryUnpinned",
            )
        ),
    }
)
"""Events the reports have no use for: read, and passed over."""


def rule(service: str, *types: str) -> Callable[[Rule], Rule]:
    """Register a rule for event types; a second rule for a type runs after the first
    (a report's own module adds what it keeps to a document the rules above made)."""

    def register(function: Rule) -> Rule:
        for event_type in types:
            earlier = _RULES.get((service, event_type))
            _RULES[(service, event_type)] = (
                function if earlier is None else _one_after_the_other(earlier, function)
            )
        return function

    return register


def _one_after_the_other(first: Rule, then: Rule) -> Rule:
    def both(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], meta: _Meta) -> None:
        first(docs, keys, data, meta)
        then(docs, keys, data, meta)

    return both


def _plain(values: Any) -> list[Any]:
    return sorted(values or [])


# -- actors ---------------------------------------------------------------------------

_ACTOR_DETAILS = ("name", "sector", "department", "description", "phone", "email", "website")


@rule("actors", "AreaDefined")
def _area_defined(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], meta: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "areaId": data["area_id"],
            "name": data["name"],
            "kind": data["kind"],
            "population": data.get("population"),
            "retired": False,
        },
    )


@rule("actors", "AreaRenamed", "AreaRetired")
def _area_changed(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], meta: _Meta) -> None:
    area = docs.touch(keys[0])
    if area is not None:
        if "name" in data:
            area["name"] = data["name"]
        else:
            area["retired"] = True


@rule("actors", "ActorRegistered")
def _actor_registered(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "actorId": data["actor_id"],
            **{_camel(name): data.get(name) for name in _ACTOR_DETAILS},
            "levels": _plain(data.get("levels")),
            "areas": _plain(data.get("areas")),
            "themes": _plain(data.get("themes")),
            "status": "active",
            "mergedInto": None,
            "contacts": [],
            "registeredAt": m.at,
        },
    )


@rule(
    "actors",
    "ActorDetailsChanged",
    "ActorAreasSet",
    "ActorLevelsSet",
    "ActorThemesSet",
    "ActorDeactivated",
    "ActorReactivated",
    "ActorMerged",
    "ActorAbsorbed",
)
def _actor_changed(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    actor = docs.touch(keys[0])
    if actor is None:
        return
    match m.type:
        case "ActorDetailsChanged":
            for name, value in data["changes"].items():
                if name in _ACTOR_DETAILS:
                    actor[_camel(name)] = value
        case "ActorDeactivated" | "ActorReactivated":
            actor["status"] = "inactive" if m.type == "ActorDeactivated" else "active"
        case "ActorMerged":
            actor["status"], actor["mergedInto"] = "merged", data["survivor_id"]
        case "ActorAbsorbed":
            for name in ("areas", "levels", "themes"):
                actor[name] = sorted(set(actor[name]) | set(data.get(name) or []))
        case _:
            for name in ("areas", "levels", "themes"):
                if name in data:
                    actor[name] = _plain(data[name])


@rule("actors", "ContactAdded", "ContactMoved", "ContactRemoved", "ContactErased")
def _contact(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """Only that a contact person exists at an actor (its id), never who it is; a removed
    or erased contact leaves no trace here."""
    contact = data["contact_id"]
    kept = m.type in ("ContactAdded", "ContactMoved")
    for key in keys:
        actor = docs.touch(key)
        if actor is not None:
            ids = {c for c in actor["contacts"] if c != contact}
            if kept and key[2] == data["actor_id"]:
                ids.add(contact)
            actor["contacts"] = sorted(ids)


# -- activities -----------------------------------------------------------------------


@rule("activities", "PartnershipEstablished")
def _partnership(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "partnershipId": data["partnership_id"],
            "name": data["name"],
            "coordinatorActorId": data["coordinator_actor_id"],
            "areas": _plain(data.get("areas")),
            "members": [data["coordinator_actor_id"]],
        },
    )


@rule("activities", "PartnershipMemberJoined", "PartnershipMemberLeft")
def _partnership_member(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    joined = m.type == "PartnershipMemberJoined"
    _membership(docs.touch(keys[0]), data["actor_id"], joined=joined)


def _membership(doc: dict[str, Any] | None, actor: str, *, joined: bool) -> None:
    if doc is None:
        return
    members = set(doc["members"]) - {actor}
    if joined:
        members.add(actor)
    doc["members"] = sorted(members)


@rule("activities", "ForumEstablished")
def _forum(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "groupId": data["forum_id"],
            "kind": "forum",
            "title": data["name"],
            "level": data["level"],
            "ownerActorId": data["owner_actor_id"],
            "partnershipId": data.get("partnership_id"),
            "cadence": data["cadence"],
            "members": sorted({data["owner_actor_id"], *(data.get("members") or [])}),
            "areas": [],
            "status": "active",
            "meetings": 0,
            "lastMeetingOn": None,
        },
    )


@rule("activities", "ForumMemberJoined", "ForumMemberLeft")
def _forum_member(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None and data["actor_id"] != doc["ownerActorId"]:
        _membership(doc, data["actor_id"], joined=m.type == "ForumMemberJoined")


@rule("activities", "MeetingRecorded")
def _meeting(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["meetings"] += 1
        doc["lastMeetingOn"] = max(doc["lastMeetingOn"] or "", data["held_on"])


@rule("activities", "ActivityCreated")
def _activity(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "groupId": data["activity_id"],
            "kind": "activity",
            "title": data["title"],
            "level": data["level"],
            "ownerActorId": data["owner_actor_id"],
            "partners": {},
            "members": [data["owner_actor_id"]],
            "areas": _plain(data.get("areas")),
            "themes": _plain(data.get("themes")),
            "ageFrom": data.get("target_age_from"),
            "ageTo": data.get("target_age_to"),
            "focusAreas": _plain(data.get("focus_areas")),
            "incidentId": data.get("incident_id"),
            "start": data.get("start"),
            "end": data.get("end"),
            "status": "planned",
            "createdAt": m.at,
        },
    )


_ACTIVITY_CHANGES = {
    "title": "title",
    "level": "level",
    "areas": "areas",
    "themes": "themes",
    "target_age_from": "ageFrom",
    "target_age_to": "ageTo",
    "focus_areas": "focusAreas",
    "start": "start",
    "end": "end",
}


@rule("activities", "ActivityDetailsChanged")
def _activity_changed(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is None:
        return
    for name, value in data["changes"].items():
        if name in _ACTIVITY_CHANGES:
            listed = name in ("areas", "themes", "focus_areas")
            doc[_ACTIVITY_CHANGES[name]] = _plain(value) if listed else value


@rule("activities", "ActivityPartnerJoined", "ActivityPartnerLeft")
def _activity_partner(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is None:
        return
    partners = {k: v for k, v in doc["partners"].items() if k != data["actor_id"]}
    if "role" in data:
        partners[data["actor_id"]] = data["role"]
    doc["partners"] = dict(sorted(partners.items()))
    doc["members"] = sorted({doc["ownerActorId"], *partners})


@rule("activities", "ActivityStatusChanged")
def _activity_status(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["status"] = data["status"]


@rule("activities", "SafetyWalkRecorded")
def _walk(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "walkId": data["walk_id"],
            "areaId": data["area_id"],
            "walkedOn": data["walked_on"],
            "participants": _plain(data.get("participants")),
            "residents": data["residents"],
            "followsWalkId": data.get("follows_walk_id"),
            "findings": {},
            "actions": {},
        },
    )


@rule("activities", "FindingRecorded")
def _finding(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["findings"][data["finding_id"]] = {"kind": data["kind"], "recordedAt": m.at}


@rule("activities", "FindingActionAssigned")
def _action(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["actions"][data["action_id"]] = {
            "findingId": data["finding_id"],
            "ownerActorId": data["owner_actor_id"],
            "deadline": data["deadline"],
            "status": "open",
            "assignedAt": m.at,
            "doneAt": None,
        }


@rule("activities", "FindingActionStatusChanged")
def _action_status(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    action = doc["actions"].get(data["action_id"]) if doc is not None else None
    if action is not None:
        action["status"] = data["status"]
        action["doneAt"] = m.at if data["status"] == "done" else None


@rule("activities", "StrategyAdopted")
def _strategy(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(keys[0], {"title": data["title"], "focusAreas": {}, "indicators": {}})


@rule("activities", "FocusAreaAdded")
def _focus_area(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["focusAreas"][data["focus_area_id"]] = data["title"]


@rule("activities", "IndicatorAdded")
def _indicator(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["indicators"][data["indicator_id"]] = {
            "focusAreaId": data["focus_area_id"],
            "name": data["name"],
            "unit": data["unit"],
            "direction": data["direction"],
            "target": data.get("target"),
        }


@rule("activities", "MeasurementRecorded")
def _measurement(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[1],
        {
            "indicatorId": data["indicator_id"],
            "period": data["period"],
            "areaId": data.get("area_id"),
            "value": data["value"],
            "source": data["source"],
            "sampleSize": data.get("sample_size"),
        },
    )


@rule("activities", "SafetyIndexResultRecorded")
def _safety_index(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[1],
        {
            "areaId": data["area_id"],
            "period": data["period"],
            "feelingSafe": data["feeling_safe"],
            "feelingUnsafe": data["feeling_unsafe"],
            "respondents": data["respondents"],
            "invited": data["invited"],
        },
    )


@rule("activities", "SurveyWaveOpened")
def _wave(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    docs.put(
        keys[0],
        {
            "waveId": data["wave_id"],
            "title": data["title"],
            "openedOn": data["opened_on"],
            "closed": False,
            "responses": {},
        },
    )


@rule("activities", "SurveyWaveClosed")
def _wave_closed(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["closed"] = True


@rule("activities", "SurveyResponseRecorded")
def _response(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["responses"][data["respondent_actor_id"]] = [
            {
                "actorId": rating["actor_id"],
                "intensity": rating.get("intensity"),
                "trust": _mean(rating.get("trust")),
                "value": _mean(rating.get("value")),
            }
            for rating in data["ratings"]
        ]


def _mean(scores: Mapping[str, Any] | None) -> float | None:
    values = [float(v) for v in (scores or {}).values() if v is not None]
    return round(sum(values) / len(values), 4) if values else None


# -- incidents ------------------------------------------------------------------------


@rule("incidents", "IncidentReported")
def _incident(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """The outline only: never the summary, the place, the details or any text."""
    docs.put(
        keys[0],
        {
            "incidentId": data["incident_id"],
            "kind": data["kind"],
            "severity": data["severity"],
            "areaId": data["area_id"],
            "sensitivity": data["sensitivity"],
            "occurredAt": data["occurred_at"],
            "reportedAt": data["reported_at"],
            "reportingActorId": data["reporting_actor_id"],
            "status": "reported",
            "closedAt": None,
            "firstJointActionAt": None,
            "alerted": [],
            "engaged": [],
            "tasks": {},
            "followUpActivities": [],
        },
    )


_STATUS = {
    "IncidentActivated": "active",
    "IncidentReopened": "active",
    "IncidentStabilised": "stable",
    "IncidentClosed": "closed",
}


@rule("incidents", *_STATUS)
def _incident_status(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["status"] = _STATUS[m.type]
        doc["closedAt"] = data["at"] if m.type == "IncidentClosed" else None


@rule("incidents", "ActorsAlerted")
def _alerted(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None:
        doc["alerted"] = sorted({alert["actor_id"] for alert in data["alerts"]})


@rule("incidents", "ResponseRoleAssigned")
def _role(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    _engage(docs.touch(keys[0]), data["actor_id"], at=None)


@rule("incidents", "TaskAdded")
def _task(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is None:
        return
    doc["tasks"][data["task_id"]] = {
        "assigneeActorId": data["assignee_actor_id"],
        "due": data["due"],
        "status": "open",
        "addedAt": m.at,
    }
    _engage(doc, data["assignee_actor_id"], at=m.at)


@rule("incidents", "TaskStatusChanged")
def _task_status(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    task = doc["tasks"].get(data["task_id"]) if doc is not None else None
    if task is not None:
        task["status"] = data["status"]


@rule("incidents", "TimelineEntryRecorded")
def _entry(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    """Who acted and when; the entry's text is not read."""
    _engage(docs.touch(keys[0]), data["author_actor_id"], at=data["at"])


@rule("incidents", "FollowUpActivityRecorded")
def _follow_up(docs: Docs, keys: list[DocKey], data: Mapping[str, Any], m: _Meta) -> None:
    doc = docs.touch(keys[0])
    if doc is not None and data["activity_id"] not in doc["followUpActivities"]:
        doc["followUpActivities"].append(data["activity_id"])


def _engage(doc: dict[str, Any] | None, actor: str, *, at: str | None) -> None:
    """An actor took part; the first act of one other than the reporter is the first
    joint action."""
    if doc is None:
        return
    doc["engaged"] = sorted({*doc["engaged"], actor})
    if at is not None and actor != doc["reportingActorId"]:
        first = doc["firstJointActionAt"]
        doc["firstJointActionAt"] = at if first is None else min(first, at)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


async def mark_stale(conn: AsyncConnection, touched: Touched) -> None:
    """Mark the network figures of the touched tenants and areas stale (and the whole
    tenant's): the next read recomputes them."""
    for tenant, areas in touched.areas.items():
        if ALL_AREAS in areas:
            await conn.execute(
                update(network_cache).where(network_cache.c.tenant_id == tenant).values(stale=True)
            )
            continue
        await conn.execute(
            update(network_cache)
            .where(
                network_cache.c.tenant_id == tenant,
                network_cache.c.area_key.in_(sorted({*areas, ALL_AREAS})),
            )
            .values(stale=True)
        )


# The rules of reports kept in their own modules register themselves on import.
from trygnet_reporting import contribution_rules, practice_exchange, situation  # noqa: E402, F401
