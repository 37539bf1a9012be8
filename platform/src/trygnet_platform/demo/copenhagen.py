"""Copenhagen (0101): Tingbjerg-Husum as the study counted it (``tingbjerg.py``), with
the safety partnership of municipality, police and housing associations and its
mandate, the fora's meetings, the joint responses to a shooting and an extortion case
(``response.py``), two safety walks, the strategy and the safety index over five years.

The contact persons are invented; their e-mail addresses are in the reserved
``.example`` domain."""

from __future__ import annotations

import dataclasses

from trygnet_platform.demo import contribution, response, situation, tingbjerg
from trygnet_platform.demo.world import (
    ActionPlan,
    ActivityPlan,
    AreaPlan,
    ContactPlan,
    FindingPlan,
    FocusAreaPlan,
    FollowUpPlan,
    ForumPlan,
    IndicatorPlan,
    MeasurementPlan,
    MeetingPlan,
    PartnershipPlan,
    SafetyIndexPlan,
    StrategyPlan,
    WalkPlan,
    World,
)

AREA = response.AREA
INDEX = "Politiets Tryghedsindeks"

CONTACTS = {
    "kk-sof": ContactPlan(
        "Mette Lund Rasmussen", "Koordinator, tryghedspartnerskabet", "mlr@sof.kk.example"
    ),
    "ssp": ContactPlan("Jonas Ravn", "SSP-konsulent", "jr@ssp.kk.example"),
    "nærpoliti": ContactPlan("Sara Holm Mikkelsen", "Nærpolitibetjent", "shm@politi.example"),
    "boligsocial-fsb": ContactPlan(
        "Aisha Nour", "Boligsocial medarbejder", "an@fsb.example", "LEGITIMATE_INTEREST"
    ),
    "ejendomskontor": ContactPlan(
        "Henrik Vestergaard", "Driftschef", "hv@fsb.example", "LEGITIMATE_INTEREST"
    ),
    "klub-tb": ContactPlan("Emil Bak", "Klubleder", "eb@kff.kk.example"),
    "natteravne": ContactPlan("Birgit Sørensen", "Holdleder", "bs@natteravne.example", "CONSENT"),
}

PARTNERSHIP = PartnershipPlan(
    "partnerskab",
    "Tryghedspartnerskabet Tingbjerg-Husum",
    mandate="Koordinere den forebyggende indsats i Tingbjerg-Husum på tværs af kommune, politi "
    "og boligorganisationer, med en koordinator, en årlig handleplan og et fælles budget",
    authorised_by="Borgerrepræsentationen, Københavns Kommune",
    authorised_on="2024-03-01",
    coordinator="kk-sof",
    members=tuple(
        (key, role)
        for role, keys in (
            ("PARTNER", ("politi", "politi-fa")),
            ("FUNDER", ("fsb", "sab", "lejerbo")),
            ("PARTNER", ("kk-buf", "kk-tmf", "kk-bif")),
        )
        for key in keys
    ),
    hours_per_year=1600,
    budget_per_year=2_500_000,
)

MEETINGS = {
    "Tryghedspartnerskabet Tingbjerg-Husum": (
        MeetingPlan(
            "2026-03-10",
            ("kk-sof", "politi", "fsb", "sab", "lejerbo"),
            "Tryghedsindekset 2025; fritidsjob for unge",
            "Koordinatoren samler de 13 aktører bag fritidsjob",
            (FollowUpPlan("Kortlæg fritidsjob-indsatserne", "kk-sof", "2026-04-30", done=True),),
        ),
        MeetingPlan(
            "2026-09-22",
            ("kk-sof", "politi", "fsb", "sab", "kk-tmf"),
            "Efter skuddene ved Ruten",
            "Belysningen ved Ruten forbedres inden vinteren",
            (FollowUpPlan("Ny belysning ved Ruten", "kk-tmf", "2026-12-01"),),
        ),
    ),
    "SSP-lokaludvalget Brønshøj-Husum": (
        MeetingPlan(
            "2026-09-16",
            ("ssp", "ssp-bh", "nærpoliti", "skole-tb"),
            "Unge i risiko efter skuddene",
            follow_ups=(
                FollowUpPlan("Opsøgende arbejde om aftenen", "ssp-bh", "2026-10-01", True),
            ),
        ),
    ),
    "Boligsocialt netværk": (
        MeetingPlan(
            "2026-05-04", ("sab", "boligsocial-sab", "lejerbo"), "Fælles sommeraktiviteter"
        ),
    ),
    "Foreningsforum Tingbjerg": (
        MeetingPlan("2026-04-15", ("kulturforening", "boldklub", "husum-if"), "Fælles sæsonstart"),
    ),
    "Erhvervsforum": (
        MeetingPlan(
            "2026-10-14", ("erhvervsnetværk", "centret", "netto"), "Tryghedsaftale i centret"
        ),
    ),
    "Beboerdemokratiets tryghedsgruppe": (
        MeetingPlan(
            "2026-04-08",
            ("beboerråd-tb", "beboerråd-hu", "natteravne"),
            "Forberedelse af tryghedsvandringen",
        ),
    ),
    "Forældrenetværk": (
        MeetingPlan(
            "2026-06-02",
            ("familiehus", "mødrenetværk", "fædrenetværk"),
            "Forældre på gaden i sommerferien",
        ),
    ),
}

FOCUS_OF = {
    "Tryghedspartnerskabets styregruppe": ("koordinering",),
    "Tryghedsvandringer": ("tryghed",),
    "Bedre belysning": ("tryghed",),
    "Natteravne i weekenden": ("tryghed",),
}

STRATEGY = StrategyPlan(
    "Tryghed i København 2026-2029: Københavns Kommune og Københavns Politi",
    (
        FocusAreaPlan(
            "tryghed",
            "Tryghed i boligområderne",
            (
                IndicatorPlan(
                    "Beboere i Tingbjerg-Husum, der føler sig trygge",
                    "%",
                    "INCREASE",
                    80,
                    tuple(
                        MeasurementPlan(year, value, INDEX, AREA, 600)
                        for year, value in (("2024", 72.0), ("2025", 73.5), ("2026", 71.0))
                    ),
                ),
            ),
        ),
        FocusAreaPlan(
            "unge",
            "Færre unge i kriminalitet",
            (
                IndicatorPlan(
                    "Unge i fritidsjob",
                    "unge",
                    "INCREASE",
                    150,
                    tuple(
                        MeasurementPlan(year, value, "Fritidsjobindsatsen")
                        for year, value in (("2024", 96), ("2025", 118), ("2026", 131))
                    ),
                ),
            ),
        ),
        FocusAreaPlan(
            "koordinering",
            "Koordinering i frontlinjen",
            (
                IndicatorPlan(
                    "Fritidsjob-aktører i et fælles forum",
                    "aktører",
                    "INCREASE",
                    13,
                    (MeasurementPlan("2026", 0, "Trygnet"),),
                ),
            ),
        ),
    ),
)

WALKS = (
    WalkPlan(
        "forår",
        AREA,
        "2026-04-22",
        "Butikscentret, Ruten, tunnelen under Husumvej, Tingbjerg Skole",
        ("nærpoliti", "kk-tmf", "områdefornyelse", "beboerråd-tb", "beboerråd-hu", "fsb"),
        residents=23,
        findings=(
            FindingPlan(
                "LIGHTING",
                "Tunnelen under Husumvej",
                "Tre lamper ude; mørkt og utrygt om aftenen",
                ActionPlan("ejendomskontor", "2026-05-15", "DONE"),
            ),
            FindingPlan(
                "VEGETATION",
                "Stien langs Ruten",
                "Tilgroede hække skjuler stien",
                ActionPlan("kk-tmf", "2026-06-01", "DONE"),
            ),
            FindingPlan(
                "MEETING_PLACE",
                "Pladsen ved butikscentret",
                "Ingen steder at mødes med beboerne",
                ActionPlan("områdefornyelse", "2026-09-01", "IN_PROGRESS"),
            ),
            FindingPlan(
                "OTHER",
                "Hele området",
                "Beboerne ønsker nabohjælp og flere natteravne",
                ActionPlan("natteravne", "2026-08-01"),
            ),
        ),
    ),
    WalkPlan(
        "efterår",
        AREA,
        "2026-10-20",
        "Ruten og butikscentret efter skuddene",
        ("nærpoliti", "kk-tmf", "ssp", "beboerråd-tb", "boligsocial-fsb"),
        residents=31,
        follows="forår",
        findings=(
            FindingPlan(
                "LIGHTING",
                "Ruten ved butikscentret",
                "Stadig mørkt ved parkeringspladsen",
                ActionPlan("kk-tmf", "2026-11-15"),
            ),
            FindingPlan(
                "LITTER",
                "Affaldsøerne ved blok 12",
                "Overfyldte containere",
                ActionPlan("ejendomskontor", "2026-10-27", "DONE"),
            ),
            FindingPlan(
                "VANDALISM",
                "Busstoppestedet på Ruten",
                "Knust glas i læskuret",
                ActionPlan(
                    "kk-tmf", "2026-11-01", "REJECTED", "Læskuret er Movias; sagen er sendt"
                ),
            ),
        ),
    ),
)

SAFETY_INDEX = tuple(
    SafetyIndexPlan(AREA, year, safe, unsafe, respondents, 1500)
    for year, safe, unsafe, respondents in (
        ("2022", 68.0, 14.0, 571),
        ("2023", 70.5, 12.5, 602),
        ("2024", 72.0, 11.0, 588),
        ("2025", 73.5, 10.5, 615),
        ("2026", 71.0, 13.0, 597),
    )
)


def _with_focus(activity: ActivityPlan) -> ActivityPlan:
    if activity.owner in tingbjerg.AFTER_SCHOOL_OWNERS and activity.title.startswith("Fritidsjob"):
        return dataclasses.replace(activity, focus_areas=("unge",))
    return dataclasses.replace(activity, focus_areas=FOCUS_OF.get(activity.title, ()))


def _forum(forum: ForumPlan) -> ForumPlan:
    partnership = PARTNERSHIP.key if forum.name == PARTNERSHIP.name else None
    return dataclasses.replace(forum, partnership=partnership, meetings=MEETINGS[forum.name])


FORA = tuple(_forum(forum) for forum in tingbjerg.FORA)
ACTIVITIES = tuple(contribution.costed(_with_focus(activity)) for activity in tingbjerg.ACTIVITIES)


def world(code: str = "0101") -> World:
    return World(
        code=code,
        municipality="København",
        label=tingbjerg.AREA,
        areas=(AreaPlan(AREA, tingbjerg.AREA),),
        actors=tuple(
            dataclasses.replace(actor, contact=CONTACTS.get(actor.key))
            for actor in tingbjerg.ACTORS
        ),
        partner="klub-tb",
        partnerships=(PARTNERSHIP,),
        fora=FORA,
        activities=ACTIVITIES,
        escalation=response.ESCALATION,
        incidents=response.INCIDENTS,
        walks=WALKS,
        strategy=STRATEGY,
        safety_index=SAFETY_INDEX,
        hourly_rate=contribution.HOURLY_RATE,
        surveys=(contribution.survey(tingbjerg.ACTORS, ACTIVITIES, FORA),),
        situation=situation.plan(AREA),
    )
