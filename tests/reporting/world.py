"""A small Tingbjerg-Husum in events, as the three services would publish them.

Tingbjerg has a housing association's after-school jobs for 13-17-year-olds and a
club's job programme for 15-18-year-olds whose actors share no activity or forum:
the coordination gap DOMAIN.md tells of. SSP and the police walk the nights
together; the municipality, SSP and the housing association meet in a forum. A
school works in Tingbjerg alone (an isolate). A shooting is reported by the police;
SSP takes a task 30 minutes later. A safety walk finds two dark paths and litter.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.feed import Feed
from trygnet_activities.domain import events as act
from trygnet_activities.domain import survey_events
from trygnet_actors.domain import events as ac
from trygnet_incidents.domain import events as inc

COPENHAGEN = "0101"
TINGBJERG, HUSUM = "area-tingbjerg", "area-husum"
KK, POLICE, SSP, HOUSING, CLUB, SCHOOL = (
    "actor-kk",
    "actor-police",
    "actor-ssp",
    "actor-housing",
    "actor-club",
    "actor-school",
)
JOBS, JOB_CLUB, NIGHT_WALKS = "activity-jobs", "activity-job-club", "activity-night-walks"
FORUM, PARTNERSHIP = "forum-local", "partnership-tingbjerg"
SHOOTING, WALK, WAVE = "incident-shooting", "walk-march", "wave-2026"
CONTACT = "contact-anna"
CONTACT_NAME = "Anna Holm-Secretsen"
REPORTED_AT = datetime(2026, 3, 14, 21, 5, tzinfo=UTC)


def actors(feed: Feed, tenant: str = COPENHAGEN) -> None:
    for area, name in ((TINGBJERG, "Tingbjerg"), (HUSUM, "Husum")):
        feed.add("actors", "Area", area, ac.AreaDefined(area, name, "housing_area"), tenant=tenant)
    for actor, name, sector, levels, areas, themes in (
        (KK, "Københavns Kommune", "municipality", ("strategic",), (TINGBJERG, HUSUM), ("youth",)),
        (
            POLICE,
            "Københavns Politi",
            "police",
            ("strategic", "frontline"),
            (TINGBJERG,),
            ("nightlife",),
        ),
        (SSP, "SSP Brønshøj", "ssp", ("frontline",), (TINGBJERG, HUSUM), ("youth",)),
        (
            HOUSING,
            "fsb Tingbjerg",
            "housing_association",
            ("frontline",),
            (TINGBJERG,),
            ("employment",),
        ),
        (CLUB, "Tingbjerg Klubben", "civil_society", ("civil_society",), (TINGBJERG,), ("youth",)),
        (SCHOOL, "Tingbjerg Skole", "school", ("frontline",), (TINGBJERG,), ("education",)),
    ):
        feed.add(
            "actors",
            "Actor",
            actor,
            ac.ActorRegistered(
                actor_id=actor,
                name=name,
                sector=sector,
                levels=levels,
                areas=areas,
                themes=themes,
                phone="+45 33 66 33 66",
            ),
            tenant=tenant,
        )
    feed.add(
        "actors",
        "Contact",
        CONTACT,
        ac.ContactAdded(CONTACT, HOUSING, "consent", CONTACT_NAME, phone="+45 12 34 56 78"),
        tenant=tenant,
    )


def activities(feed: Feed, tenant: str = COPENHAGEN) -> None:
    feed.add(
        "activities",
        "Partnership",
        PARTNERSHIP,
        act.PartnershipEstablished(
            PARTNERSHIP,
            "Tryghedspartnerskab",
            "Prevent",
            "BR",
            "2025-03-01",
            KK,
            areas=(TINGBJERG,),
        ),
        tenant=tenant,
    )
    feed.add(
        "activities",
        "Forum",
        FORUM,
        act.ForumEstablished(
            FORUM, "Lokalt tryghedsforum", "strategic", KK, "monthly", PARTNERSHIP, (SSP, HOUSING)
        ),
        act.MeetingRecorded(
            FORUM, "meeting-1", "2026-03-03", (KK, SSP), agenda="Secret agenda about Jonas"
        ),
        tenant=tenant,
    )
    for activity, title, owner, themes, ages, partners in (
        (JOBS, "After-school jobs", HOUSING, ("youth", "employment"), (13, 17), ()),
        (JOB_CLUB, "Job club", CLUB, ("youth", "employment"), (15, 18), ()),
        (NIGHT_WALKS, "Night walks", SSP, ("nightlife",), (None, None), (POLICE,)),
    ):
        feed.add(
            "activities",
            "Activity",
            activity,
            act.ActivityCreated(
                activity_id=activity,
                title=title,
                level="frontline",
                owner_actor_id=owner,
                themes=themes,
                target_age_from=ages[0],
                target_age_to=ages[1],
                areas=(TINGBJERG,),
                focus_areas=("focus-youth",) if "youth" in themes else (),
            ),
            *(act.ActivityPartnerJoined(activity, partner, "partner") for partner in partners),
            act.ActivityStatusChanged(activity, "active"),
            tenant=tenant,
        )
    feed.add(
        "activities",
        "Strategy",
        "strategy",
        act.StrategyAdopted("strategy", "Tryg i København"),
        act.FocusAreaAdded("strategy", "focus-youth", "Young people"),
        act.IndicatorAdded(
            "strategy", "indicator-safe", "focus-youth", "Feel safe", "%", "increase", 85.0
        ),
        act.MeasurementRecorded(
            "strategy", "indicator-safe", 80.0, "2026", "Tryghedsindeks", TINGBJERG, 400
        ),
        act.SafetyIndexResultRecorded("strategy", TINGBJERG, "2026", 80.0, 10.0, 400, 1000),
        tenant=tenant,
    )
    feed.add(
        "activities",
        "SafetyWalk",
        WALK,
        act.SafetyWalkRecorded(
            WALK, "2026-03-01", TINGBJERG, (KK, POLICE), 12, route="Past Jonas' home"
        ),
        act.FindingRecorded(WALK, "finding-1", "lighting", "Ruten", "Dark path by Jonas' door"),
        act.FindingRecorded(WALK, "finding-2", "lighting", "Ruten 5", "Broken lamp"),
        act.FindingRecorded(WALK, "finding-3", "litter", "Square", "Litter"),
        act.FindingActionAssigned(WALK, "finding-1", "action-1", HOUSING, "2026-03-20"),
        act.FindingActionAssigned(WALK, "finding-2", "action-2", HOUSING, "2026-03-05"),
        tenant=tenant,
    )
    feed.add(
        "activities",
        "SafetyWalk",
        WALK,
        act.FindingActionStatusChanged(WALK, "finding-1", "action-1", "done"),
        at=datetime(2026, 3, 11, 12, 0, tzinfo=UTC),
        tenant=tenant,
    )
    feed.add(
        "activities",
        "SurveyWave",
        WAVE,
        survey_events.SurveyWaveOpened(WAVE, "PARTNER 2026", "2026-02-01"),
        survey_events.SurveyResponseRecorded(
            WAVE,
            HOUSING,
            (
                {
                    "actor_id": CLUB,
                    "intensity": "cooperation",
                    "trust": {"openness": 4, "reliability": 3, "shared_mission": 2},
                    "value": {
                        "power_and_influence": 2,
                        "resource_contribution": 2,
                        "level_of_involvement": 2,
                    },
                },
            ),
        ),
        tenant=tenant,
    )


def incidents(feed: Feed, tenant: str = COPENHAGEN) -> None:
    feed.add(
        "incidents",
        "Incident",
        SHOOTING,
        inc.IncidentReported(
            incident_id=SHOOTING,
            kind="shooting",
            severity=4,
            area_id=TINGBJERG,
            place="Ruten 12, by Jonas' door",
            occurred_at="2026-03-14T20:40:00+00:00",
            reported_at=REPORTED_AT.isoformat(),
            reporting_actor_id=POLICE,
            sensitivity="restricted",
            summary="Shots at Jonas' car",
            restricted_details="Witness Fatima",
        ),
        inc.ActorsAlerted(SHOOTING, ({"actor_id": SSP, "rule_id": "rule-1"},)),
        at=REPORTED_AT,
        tenant=tenant,
    )
    feed.add(
        "incidents",
        "Incident",
        SHOOTING,
        inc.TimelineEntryRecorded(
            SHOOTING,
            "entry-1",
            "police_update",
            POLICE,
            REPORTED_AT.isoformat(),
            "Jonas questioned",
        ),
        at=REPORTED_AT + timedelta(minutes=10),
        tenant=tenant,
    )
    feed.add(
        "incidents",
        "Incident",
        SHOOTING,
        inc.TaskAdded(
            incident_id=SHOOTING,
            task_id="task-1",
            title="Walk the streets",
            assignee_actor_id=SSP,
            due="2026-03-15",
            priority="urgent",
        ),
        at=REPORTED_AT + timedelta(minutes=30),
        tenant=tenant,
    )
    feed.add(
        "incidents",
        "Incident",
        SHOOTING,
        inc.IncidentActivated(SHOOTING, (REPORTED_AT + timedelta(minutes=35)).isoformat()),
        inc.FollowUpActivityRecorded(SHOOTING, NIGHT_WALKS, "entry-1"),
        tenant=tenant,
    )


def tingbjerg(tenant: str = COPENHAGEN) -> Feed:
    feed = Feed(tenant=tenant)
    actors(feed, tenant)
    activities(feed, tenant)
    incidents(feed, tenant)
    return feed


def reported(feed: Feed, tenant: str, month: int, n: int, kind: str = "shooting") -> None:
    """``n`` open incidents of ``kind`` reported in ``tenant`` in ``month`` of 2026."""
    for k in range(n):
        incident = f"incident-{tenant}-{kind}-{month}-{k}"
        at = datetime(2026, month, 10, 12, k % 60, tzinfo=UTC).isoformat()
        feed.add(
            "incidents",
            "Incident",
            incident,
            inc.IncidentReported(
                incident_id=incident,
                kind=kind,
                severity=3,
                area_id=TINGBJERG,
                place="-",
                occurred_at=at,
                reported_at=at,
                reporting_actor_id=KK,
                summary="-",
                sensitivity="open",
            ),
            tenant=tenant,
        )
