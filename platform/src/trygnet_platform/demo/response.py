"""The partners' joint response in Tingbjerg-Husum to a shooting and to an extortion case,
as DOMAIN.md tells it: establish quickly what happened and who does what, and decide
whether to start something extra (municipality, SSP, police and housing staff walking
the streets the next day, talking with residents over coffee).

Alerts come from the escalation matrix; the first act of a partner other than the
reporting police is the first joint action (25 minutes after the shooting was
reported, 40 after the extortion). Some tasks are done, some still open."""

from __future__ import annotations

from trygnet_platform.demo.world import (
    ActivityPlan,
    EntryStep,
    EscalationRulePlan,
    FollowUpActivityStep,
    IncidentPlan,
    RoleStep,
    StatusStep,
    TacticalStep,
    TaskDoneStep,
    TaskStep,
)

AREA = "tingbjerg"

ESCALATION = (
    EscalationRulePlan(
        "skud-tingbjerg",
        "SHOOTING",
        3,
        AREA,
        ("ssp", "kk-sof", "boligsocial-fsb", "ejendomskontor"),
    ),
    EscalationRulePlan(
        "afpresning", "EXTORTION", 2, None, ("kk-sof", "erhvervsnetværk", "centret")
    ),
    EscalationRulePlan(
        "eksplosion", "EXPLOSION", 3, None, ("ssp", "kk-sof", "fsb", "sab", "lejerbo")
    ),
    EscalationRulePlan("knivstik", "STABBING", 3, None, ("ssp", "ssp-bh", "kk-sof")),
)

SHOOTING = IncidentPlan(
    kind="SHOOTING",
    severity=4,
    area=AREA,
    place="Ruten, ved Tingbjerg Butikscenter",
    occurred_at="2026-09-14T21:40:00+02:00",
    reported_at="2026-09-14T21:52:00+02:00",
    reporter="politi",
    summary="Skud affyret mod en parkeret bil ved butikscentret; ingen kom til skade",
    response=(
        StatusStep("ACTIVE", "2026-09-14T22:05:00+02:00"),
        RoleStep("ssp", "LEAD"),
        RoleStep("politi", "LIAISON"),
        RoleStep("kk-sof", "SCRIBE"),
        RoleStep("boligsocial-fsb", "PARTICIPANT"),
        EntryStep(
            "afspærret",
            "POLICE_UPDATE",
            "Området ved Ruten er afspærret; teknikere på stedet, ingen anholdte endnu",
            "politi",
            "2026-09-14T22:10:00+02:00",
        ),
        EntryStep(
            "ssp-vagt",
            "CONTACT_WITH_RESIDENTS",
            "SSP-vagten er i området og taler med de unge ved klubben",
            "ssp",
            "2026-09-14T22:17:00+02:00",
        ),
        TacticalStep(
            "politi",
            "2026-09-15T07:00:00+02:00",
            conditions="Roligt i nat; bilen er fjernet",
            actions="Ekstra patruljer ved butikscentret og Ruten",
            needs="Bedre belysning ved Ruten; voksne på gaden om aftenen",
        ),
        EntryStep(
            "akutmøde",
            "MEETING",
            "Akut møde i tryghedspartnerskabet: kommune, politi, SSP og boligselskaber",
            "kk-sof",
            "2026-09-15T08:30:00+02:00",
        ),
        EntryStep(
            "kaffe",
            "DECISION",
            "Kommune, SSP, politi og boligselskab går gaderne i morgen og byder beboerne på "
            "kaffe og en snak",
            "kk-sof",
            "2026-09-15T09:15:00+02:00",
            pinned=True,
        ),
        TaskStep("gaderne", "Gå gaderne og tal med beboerne", "ssp", "2026-09-15", "HIGH"),
        TaskStep("lys", "Tjek belysningen ved Ruten", "ejendomskontor", "2026-09-16", "HIGH"),
        TaskStep("forældre", "Informér forældrene gennem skolerne", "skole-tb", "2026-09-16"),
        TaskStep("klubben", "Følg op med de unge i klubben", "klub-tb", "2026-09-21"),
        TaskStep("presse", "Fælles udmelding fra politi og kommune", "politi-fa", "2026-09-15"),
        FollowUpActivityStep(
            "kaffe",
            ActivityPlan(
                "Kaffe og snak på Ruten",
                "ssp",
                "FRONTLINE",
                ("HOUSING_ENVIRONMENT",),
                partners=("kk-sof", "nærpoliti", "boligsocial-fsb"),
                start="2026-09-16",
            ),
        ),
        TaskDoneStep("gaderne"),
        TaskDoneStep("lys"),
        TaskDoneStep("presse"),
        TaskDoneStep("forældre"),
        EntryStep(
            "kaffe-holdt",
            "CONTACT_WITH_RESIDENTS",
            "Omkring 60 beboere kom forbi til kaffe på Ruten; mange spurgte til belysningen",
            "boligsocial-fsb",
            "2026-09-16T18:30:00+02:00",
        ),
        StatusStep("STABLE", "2026-09-18T12:00:00+02:00"),
        StatusStep(
            "CLOSED",
            "2026-09-28T12:00:00+02:00",
            "Roligt i to uger; opfølgningen fortsætter i SSP-lokaludvalget",
        ),
    ),
)

EXTORTION = IncidentPlan(
    kind="EXTORTION",
    severity=3,
    area=AREA,
    place="Tingbjerg Butikscenter",
    occurred_at="2026-10-05T16:00:00+02:00",
    reported_at="2026-10-06T10:20:00+02:00",
    reporter="politi-fa",
    summary="Butiksdrivende i centret bliver presset for penge",
    sensitivity="RESTRICTED",
    restricted_details="To butikker har anmeldt krav om beskyttelsespenge; anmelderne er kendt "
    "af politiet og ønsker ikke at stå frem",
    response=(
        StatusStep("ACTIVE", "2026-10-06T10:45:00+02:00"),
        RoleStep("politi-fa", "LEAD"),
        RoleStep("erhvervsnetværk", "LIAISON"),
        RoleStep("kk-sof", "PARTICIPANT"),
        RoleStep("centret", "PARTICIPANT"),
        EntryStep(
            "erhverv",
            "NOTE",
            "Erhvervsnetværket har talt med centrets butikker; flere har oplevet det samme",
            "erhvervsnetværk",
            "2026-10-06T11:00:00+02:00",
        ),
        EntryStep(
            "møde",
            "MEETING",
            "Møde mellem politi, kommune og centrets ledelse",
            "politi-fa",
            "2026-10-07T09:00:00+02:00",
        ),
        EntryStep(
            "aftale",
            "DECISION",
            "Butikkerne, politiet og kommunen laver en tryghedsaftale med faste besøg og "
            "kaffe i centret",
            "kk-sof",
            "2026-10-07T10:00:00+02:00",
            pinned=True,
        ),
        TaskStep("besøg", "Besøg butikkerne i centret", "nærpoliti", "2026-10-08", "URGENT"),
        TaskStep("rådgivning", "Tilbyd de berørte rådgivning", "kk-sof", "2026-10-13"),
        TaskStep("kameraer", "Kameraovervågning ved indgangene", "centret", "2026-11-30", "LOW"),
        TacticalStep(
            "politi-fa",
            "2026-10-08T08:00:00+02:00",
            conditions="Ingen nye krav siden anmeldelsen",
            actions="Synligt politi i centret i åbningstiden",
            needs="Butikkerne skal vide, hvem de ringer til",
        ),
        FollowUpActivityStep(
            "aftale",
            ActivityPlan(
                "Tryghedsaftale for butikkerne i centret",
                "centret",
                "CIVIL_SOCIETY",
                ("NIGHTLIFE", "CRIME_VICTIMS"),
                partners=("netto", "brugsen", "frisør", "politi-fa", "kk-sof"),
                start="2026-10-12",
            ),
        ),
        TaskDoneStep("besøg"),
        StatusStep("STABLE", "2026-10-20T12:00:00+02:00"),
    ),
)

INCIDENTS = (SHOOTING, EXTORTION)
