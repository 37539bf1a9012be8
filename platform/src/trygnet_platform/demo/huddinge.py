"""Huddinge (0126, a Swedish kommunkod), Vårby gård: the safety survey found many actors
running good projects with no coordination and proposed a "partnership against
crime" (partnerskap mot brott): first coordinate what is already going on, then
jointly identify the problems, each party doing its part.

So the projects are older than the partnership: they run since 2021-2025, and the
partnership, formed in May 2026, brings their owners into one coordinating group
whose first meeting takes stock of them."""

from __future__ import annotations

from trygnet_platform.demo.world import (
    ActionPlan,
    ActivityPlan,
    ActorPlan,
    AreaPlan,
    EntryStep,
    FindingPlan,
    FocusAreaPlan,
    FollowUpPlan,
    ForumPlan,
    IncidentPlan,
    IndicatorPlan,
    MeasurementPlan,
    MeetingPlan,
    PartnershipPlan,
    RoleStep,
    SafetyIndexPlan,
    StatusStep,
    StrategyPlan,
    TaskDoneStep,
    TaskStep,
    WalkPlan,
    World,
)

AREA = "vårby"
INDEX = "Polisens trygghetsmätning"
_S, _F, _C = ("STRATEGIC",), ("FRONTLINE",), ("CIVIL_SOCIETY",)

ACTORS = (
    ActorPlan("soc", "Huddinge kommun, socialförvaltningen", "MUNICIPALITY", _S),
    ActorPlan("bou", "Huddinge kommun, barn- och utbildningsförvaltningen", "MUNICIPALITY", _S),
    ActorPlan("kultur", "Huddinge kommun, kultur- och fritidsförvaltningen", "MUNICIPALITY", _S),
    ActorPlan(
        "polisen", "Polisen, lokalpolisområde Huddinge", "POLICE", ("STRATEGIC", "FRONTLINE")
    ),
    ActorPlan("huge", "Huge Bostäder", "HOUSING_ASSOCIATION", ("STRATEGIC", "FRONTLINE")),
    ActorPlan(
        "fastighetsägare",
        "Fastighetsägarna i Vårby gård, samverkan",
        "HOUSING_ASSOCIATION",
        _S,
        ("HOUSING_ENVIRONMENT",),
    ),
    ActorPlan("sspf", "SSPF Huddinge", "SSP", _F),
    ActorPlan("fält", "Fältassistenterna i Huddinge", "MUNICIPALITY", _F),
    ActorPlan("skola", "Vårby gårds skola", "SCHOOL", _F, ("EDUCATION",)),
    ActorPlan("fritidsgård", "Fritidsgården Vårby gård", "MUNICIPALITY", _F),
    ActorPlan("bibliotek", "Vårby bibliotek", "MUNICIPALITY", _F, ("EDUCATION",)),
    ActorPlan("nattvandrare", "Nattvandrarna i Vårby gård", "CIVIL_SOCIETY", _C, ("NIGHTLIFE",)),
    ActorPlan("idrott", "Vårby gårds idrottsförening", "CIVIL_SOCIETY", _C),
    ActorPlan(
        "hyresgäster",
        "Hyresgästföreningen Vårby gård",
        "CIVIL_SOCIETY",
        _C,
        ("HOUSING_ENVIRONMENT",),
    ),
    ActorPlan("läxhjälp", "Läxhjälpen i Vårby gård", "CIVIL_SOCIETY", _C, ("EDUCATION",)),
    ActorPlan("centrum", "Butiksägarna i Vårby gård centrum", "BUSINESS", _C, ("NIGHTLIFE",)),
)

ACTIVITIES = (
    ActivityPlan(
        "Fältarbete i Vårby gård",
        "fält",
        "FRONTLINE",
        ("YOUTH",),
        (12, 20),
        ("fritidsgård",),
        start="2021-01-11",
    ),
    ActivityPlan(
        "Nattvandring fredag och lördag",
        "nattvandrare",
        "CIVIL_SOCIETY",
        ("NIGHTLIFE",),
        partners=("hyresgäster",),
        start="2022-05-06",
    ),
    ActivityPlan(
        "Läxhjälp för mellanstadiet",
        "läxhjälp",
        "CIVIL_SOCIETY",
        ("EDUCATION",),
        (9, 12),
        ("bibliotek",),
        start="2023-09-04",
    ),
    ActivityPlan(
        "Fotboll på kvällstid",
        "idrott",
        "CIVIL_SOCIETY",
        ("YOUTH",),
        (10, 17),
        ("kultur",),
        start="2023-03-01",
    ),
    ActivityPlan(
        "Föräldravandringar",
        "sspf",
        "FRONTLINE",
        ("YOUTH",),
        partners=("skola",),
        start="2024-01-15",
    ),
    ActivityPlan(
        "Feriejobb för unga",
        "bou",
        "FRONTLINE",
        ("YOUTH", "EMPLOYMENT"),
        (15, 18),
        ("huge",),
        start="2024-06-03",
    ),
    ActivityPlan(
        "Trygghetsvärdar i centrum",
        "centrum",
        "CIVIL_SOCIETY",
        ("HOUSING_ENVIRONMENT",),
        partners=("fastighetsägare",),
        start="2025-02-01",
    ),
    ActivityPlan(
        "Bättre belysning på gångvägarna",
        "huge",
        "FRONTLINE",
        ("HOUSING_ENVIRONMENT",),
        partners=("fastighetsägare",),
        start="2025-08-18",
    ),
)

PARTNERSHIP = PartnershipPlan(
    "partnerskap",
    "Partnerskap mot brott i Vårby gård",
    mandate="Först samordna det som redan pågår i Vårby gård, sedan gemensamt identifiera "
    "problemen; varje part gör sin del",
    authorised_by="Kommunstyrelsen i Huddinge och lokalpolisområde Huddinge",
    authorised_on="2026-05-20",
    coordinator="soc",
    members=(
        ("polisen", "PARTNER"),
        ("huge", "FUNDER"),
        ("fastighetsägare", "FUNDER"),
        ("sspf", "PARTNER"),
        ("centrum", "PARTNER"),
    ),
    hours_per_year=800,
)

OWNERS = tuple(dict.fromkeys(a.owner for a in ACTIVITIES))
FORUM = ForumPlan(
    "Samordningsgruppen Vårby gård",
    "soc",
    "FRONTLINE",
    "MONTHLY",
    tuple(o for o in OWNERS if o != "soc"),
    partnership="partnerskap",
    meetings=(
        MeetingPlan(
            "2026-06-10",
            ("soc", *OWNERS),
            "Inventering av pågående projekt i Vårby gård",
            "Varje projekt redovisar målgrupp och tider; fältassistenterna samordnar kvällarna",
            (
                FollowUpPlan("Sammanställ alla pågående projekt", "soc", "2026-08-31", done=True),
                FollowUpPlan("Gemensam kalender för kvällsaktiviteter", "fält", "2026-10-01"),
            ),
        ),
        MeetingPlan(
            "2026-09-09",
            ("soc", "fält", "polisen", "huge", "centrum"),
            "Gemensam problembild efter sommaren",
        ),
    ),
)

INCIDENT = IncidentPlan(
    kind="ARSON",
    severity=2,
    area=AREA,
    place="Parkeringen vid Vårby gård centrum",
    occurred_at="2026-10-18T23:10:00+02:00",
    reported_at="2026-10-18T23:25:00+02:00",
    reporter="polisen",
    summary="Två bilar i brand på parkeringen; ingen skadad",
    response=(
        StatusStep("ACTIVE", "2026-10-18T23:40:00+02:00"),
        RoleStep("fält", "PARTICIPANT"),
        RoleStep("huge", "PARTICIPANT"),
        EntryStep(
            "fält",
            "CONTACT_WITH_RESIDENTS",
            "Fältassistenterna pratar med ungdomarna vid centrum",
            "fält",
            "2026-10-18T23:55:00+02:00",
        ),
        TaskStep("städning", "Städa upp och se över belysningen", "huge", "2026-10-20", "HIGH"),
        TaskStep("föräldrar", "Bjud in föräldrarna till en föräldravandring", "sspf", "2026-10-25"),
        TaskDoneStep("städning"),
        StatusStep("STABLE", "2026-10-21T12:00:00+02:00"),
    ),
)

WALK = WalkPlan(
    "trygghetsvandring",
    AREA,
    "2026-09-24",
    "Vårby gård centrum, gångtunneln och Vårby allé",
    ("polisen", "huge", "fastighetsägare", "hyresgäster", "fält"),
    residents=19,
    findings=(
        FindingPlan(
            "LIGHTING", "Gångtunneln", "Mörk och ödslig", ActionPlan("huge", "2026-10-31", "DONE")
        ),
        FindingPlan(
            "VEGETATION",
            "Vårby allé",
            "Höga buskar vid busshållplatsen",
            ActionPlan("fastighetsägare", "2026-10-15", "DONE"),
        ),
        FindingPlan(
            "MEETING_PLACE",
            "Torget",
            "Ingen plats där boende och fältassistenter kan mötas",
            ActionPlan("kultur", "2026-12-31"),
        ),
    ),
)

STRATEGY = StrategyPlan(
    "Samverkan mot brott i Huddinge 2026-2028",
    (
        FocusAreaPlan(
            "samordna",
            "Samordna det som redan pågår",
            (
                IndicatorPlan(
                    "Projekt i samordningsgruppen",
                    "projekt",
                    "INCREASE",
                    len(ACTIVITIES),
                    (MeasurementPlan("2026", len(ACTIVITIES), "Samordningsgruppen"),),
                ),
            ),
        ),
        FocusAreaPlan(
            "trygghet",
            "Trygghet i Vårby gård",
            (
                IndicatorPlan(
                    "Boende som känner sig trygga",
                    "%",
                    "INCREASE",
                    75,
                    (
                        MeasurementPlan("2024", 61.0, INDEX, AREA),
                        MeasurementPlan("2025", 63.0, INDEX, AREA),
                    ),
                ),
            ),
        ),
    ),
)

SAFETY_INDEX = (
    SafetyIndexPlan(AREA, "2024", 61.0, 24.0, 412, 1000),
    SafetyIndexPlan(AREA, "2025", 63.0, 22.0, 436, 1000),
)


def world(code: str = "0126") -> World:
    return World(
        code=code,
        municipality="Huddinge",
        label="Vårby gård",
        areas=(AreaPlan(AREA, "Vårby gård"),),
        actors=ACTORS,
        partner="fält",
        partnerships=(PARTNERSHIP,),
        fora=(FORUM,),
        activities=ACTIVITIES,
        incidents=(INCIDENT,),
        walks=(WALK,),
        strategy=STRATEGY,
        safety_index=SAFETY_INDEX,
    )
