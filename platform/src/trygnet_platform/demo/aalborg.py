"""Aalborg (0851): the joint safety strategy of the municipality and North Jutland Police
with its seven focus areas (DOMAIN.md), their indicators and activities, safety walks
in three districts, and the safety index: 89 % of residents feel safe in their
neighbourhood, in every district (2025)."""

from __future__ import annotations

from trygnet_platform.demo.world import (
    ActionPlan,
    ActivityPlan,
    ActorPlan,
    AreaPlan,
    FindingPlan,
    FocusAreaPlan,
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

INDEX = "Politiets Tryghedsindeks"
FEELING_SAFE = 89.0

DISTRICTS = (
    AreaPlan("midtby", "Aalborg Midtby", "DISTRICT"),
    AreaPlan("øst", "Aalborg Øst", "DISTRICT"),
    AreaPlan("nørresundby", "Nørresundby", "DISTRICT"),
    AreaPlan("vejgaard", "Vejgaard", "DISTRICT"),
    AreaPlan("hasseris", "Hasseris", "DISTRICT"),
)

_S, _F, _C = ("STRATEGIC",), ("FRONTLINE",), ("CIVIL_SOCIETY",)
ACTORS = (
    ActorPlan("ak-borgmester", "Aalborg Kommune, Borgmesterens Forvaltning", "MUNICIPALITY", _S),
    ActorPlan(
        "ak-skole", "Aalborg Kommune, Skoleforvaltningen", "MUNICIPALITY", _S, ("EDUCATION",)
    ),
    ActorPlan(
        "ak-familie",
        "Aalborg Kommune, Familie- og Beskæftigelsesforvaltningen",
        "MUNICIPALITY",
        _S,
        ("YOUTH", "EMPLOYMENT"),
    ),
    ActorPlan(
        "ak-ældre",
        "Aalborg Kommune, Ældre- og Handicapforvaltningen",
        "MUNICIPALITY",
        _S,
        ("ELDERLY",),
    ),
    ActorPlan(
        "ak-by",
        "Aalborg Kommune, By- og Landskabsforvaltningen",
        "MUNICIPALITY",
        _S,
        ("HOUSING_ENVIRONMENT", "NIGHTLIFE"),
    ),
    ActorPlan(
        "ak-sundhed",
        "Aalborg Kommune, Sundheds- og Kulturforvaltningen",
        "MUNICIPALITY",
        _S,
        ("ALCOHOL_AND_DRUGS",),
    ),
    ActorPlan(
        "politi", "Nordjyllands Politi", "POLICE", ("STRATEGIC", "FRONTLINE"), ("NIGHTLIFE",)
    ),
    ActorPlan("politi-fa", "Nordjyllands Politi, Forebyggelse", "POLICE", _F, ("YOUTH", "ELDERLY")),
    ActorPlan("ssp", "SSP Aalborg", "SSP", _F, ("YOUTH", "ALCOHOL_AND_DRUGS")),
    ActorPlan("uu", "UU Aalborg", "MUNICIPALITY", _F, ("EDUCATION",)),
    ActorPlan("ungdomsskole", "Ungdomsskolen Aalborg", "SCHOOL", _F, ("YOUTH", "EDUCATION")),
    ActorPlan("himmerland", "Himmerland Boligforening", "HOUSING_ASSOCIATION", _S),
    ActorPlan("alabu", "Alabu Bolig", "HOUSING_ASSOCIATION", _S),
    ActorPlan("natteravne", "Natteravnene Aalborg", "CIVIL_SOCIETY", _C, ("NIGHTLIFE",)),
    ActorPlan("aalborg-city", "Aalborg City", "BUSINESS", _C, ("NIGHTLIFE",)),
    ActorPlan(
        "restauratører", "Restauratørforeningen Jomfru Ane Gade", "BUSINESS", _C, ("NIGHTLIFE",)
    ),
    ActorPlan("ældresagen", "Ældre Sagen Aalborg", "CIVIL_SOCIETY", _C, ("ELDERLY",)),
    ActorPlan("frivilligcenter", "Frivilligcenter Aalborg", "CIVIL_SOCIETY", _C, ("OTHER",)),
    ActorPlan(
        "grundejere", "Grundejerforeningen Hasseris", "CIVIL_SOCIETY", _C, ("HOUSING_ENVIRONMENT",)
    ),
    ActorPlan("hjemmeværn", "Hjemmeværnet, Nordjylland", "HOME_GUARD", _C, ("OTHER",)),
)


def _yearly(*values: tuple[str, float], source: str) -> tuple[MeasurementPlan, ...]:
    return tuple(MeasurementPlan(period, value, source) for period, value in values)


STRATEGY = StrategyPlan(
    "Fælles tryghedsstrategi for Aalborg Kommune og Nordjyllands Politi",
    (
        FocusAreaPlan(
            "kommunikation",
            "Kommunikere det, der skaber tryghed",
            (
                IndicatorPlan(
                    "Borgere, der føler sig trygge i deres nabolag",
                    "%",
                    "INCREASE",
                    90,
                    _yearly(("2023", 87), ("2024", 88), ("2025", FEELING_SAFE), source=INDEX),
                ),
            ),
        ),
        FocusAreaPlan(
            "natteliv",
            "Trygt natteliv: patruljer og bedre gadebelysning",
            (
                IndicatorPlan(
                    "Gader i nattelivet med ny belysning",
                    "gader",
                    "INCREASE",
                    12,
                    _yearly(("2024", 4), ("2025", 9), source="By- og Landskabsforvaltningen"),
                ),
            ),
        ),
        FocusAreaPlan(
            "uddannelse",
            "Flere unge i uddannelse",
            (
                IndicatorPlan(
                    "Unge 18-24 år i uddannelse eller job",
                    "%",
                    "INCREASE",
                    90,
                    _yearly(("2023", 84.0), ("2024", 85.5), ("2025", 86.9), source="UU Aalborg"),
                ),
            ),
        ),
        FocusAreaPlan(
            "rusmidler",
            "Færre bruger alkohol og stoffer",
            (
                IndicatorPlan(
                    "Unge i 9. klasse, der har prøvet hash",
                    "%",
                    "DECREASE",
                    10,
                    _yearly(
                        ("2023", 14.0),
                        ("2024", 13.1),
                        ("2025", 12.2),
                        source="Skolernes trivselsmåling",
                    ),
                ),
            ),
        ),
        FocusAreaPlan(
            "frafald",
            "Færre frafald i skolen",
            (
                IndicatorPlan(
                    "Elever, der falder fra en ungdomsuddannelse",
                    "%",
                    "DECREASE",
                    8,
                    _yearly(
                        ("2023", 11.5), ("2024", 10.8), ("2025", 10.1), source="Skoleforvaltningen"
                    ),
                ),
            ),
        ),
        FocusAreaPlan(
            "ældre",
            "Bedre livskvalitet for ældre",
            (
                IndicatorPlan(
                    "Ældre, der føler sig trygge i eget hjem",
                    "%",
                    "INCREASE",
                    95,
                    _yearly(
                        ("2023", 91),
                        ("2024", 92),
                        ("2025", 93),
                        source="Ældre- og Handicapforvaltningen",
                    ),
                ),
            ),
        ),
        FocusAreaPlan(
            "inddragelse",
            "Borgere, erhverv og frivillige inddraget gennem tryghedsvandringer",
            (
                IndicatorPlan(
                    "Deltagere i tryghedsvandringer",
                    "deltagere",
                    "INCREASE",
                    150,
                    _yearly(("2024", 64), ("2025", 97), ("2026", 121), source="Trygnet"),
                ),
            ),
        ),
    ),
)

ACTIVITIES = (
    ActivityPlan(
        "Fælles budskaber fra politi og kommune",
        "ak-borgmester",
        "STRATEGIC",
        ("OTHER",),
        partners=("politi",),
        focus_areas=("kommunikation",),
    ),
    ActivityPlan(
        "Nattelivspatruljer i Jomfru Ane Gade",
        "politi",
        "FRONTLINE",
        ("NIGHTLIFE",),
        partners=("natteravne", "restauratører", "aalborg-city"),
        focus_areas=("natteliv",),
    ),
    ActivityPlan(
        "Bedre gadebelysning i Midtbyen",
        "ak-by",
        "STRATEGIC",
        ("NIGHTLIFE", "HOUSING_ENVIRONMENT"),
        partners=("aalborg-city",),
        focus_areas=("natteliv",),
    ),
    ActivityPlan(
        "Natteravne i weekenden",
        "natteravne",
        "CIVIL_SOCIETY",
        ("NIGHTLIFE",),
        partners=("hjemmeværn",),
        focus_areas=("natteliv",),
    ),
    ActivityPlan(
        "Uddannelsesvejledning i boligområderne",
        "uu",
        "FRONTLINE",
        ("EDUCATION",),
        (15, 24),
        partners=("himmerland", "ak-familie"),
        areas=("øst",),
        focus_areas=("uddannelse",),
    ),
    ActivityPlan(
        "Rusmiddelforebyggelse i udskolingen",
        "ssp",
        "FRONTLINE",
        ("ALCOHOL_AND_DRUGS", "YOUTH"),
        (13, 17),
        partners=("ak-sundhed", "ungdomsskole"),
        focus_areas=("rusmidler",),
    ),
    ActivityPlan(
        "Fastholdelse i skolen",
        "ak-skole",
        "FRONTLINE",
        ("EDUCATION",),
        (12, 17),
        partners=("ssp", "ungdomsskole"),
        focus_areas=("frafald",),
    ),
    ActivityPlan(
        "Tryg i eget hjem",
        "ak-ældre",
        "FRONTLINE",
        ("ELDERLY",),
        partners=("ældresagen", "politi-fa"),
        focus_areas=("ældre",),
    ),
    ActivityPlan(
        "Besøgsvenner for ældre",
        "ældresagen",
        "CIVIL_SOCIETY",
        ("ELDERLY",),
        partners=("frivilligcenter",),
        focus_areas=("ældre",),
    ),
    ActivityPlan(
        "Tryghedsvandringer i alle bydele",
        "politi-fa",
        "FRONTLINE",
        ("HOUSING_ENVIRONMENT",),
        partners=("ak-by", "himmerland", "alabu", "grundejere", "frivilligcenter"),
        areas=tuple(d.key for d in DISTRICTS),
        focus_areas=("inddragelse",),
    ),
)

PARTNERSHIP = PartnershipPlan(
    "tryghed",
    "Tryghedspartnerskabet i Aalborg",
    mandate="Den fælles tryghedsstrategi føres ud i livet af kommune og politi sammen: et "
    "fælles budskab fra politi og kommune vejer ti gange så tungt",
    authorised_by="Aalborg Byråd og Nordjyllands Politi",
    authorised_on="2025-01-15",
    coordinator="ak-borgmester",
    members=(
        ("politi", "PARTNER"),
        ("himmerland", "FUNDER"),
        ("alabu", "FUNDER"),
    ),
    hours_per_year=1200,
    budget_per_year=1_800_000,
)

FORA = (
    ForumPlan(
        "Styregruppen for tryghedsstrategien",
        "ak-borgmester",
        "STRATEGIC",
        "QUARTERLY",
        ("politi", "ak-skole", "ak-familie", "ak-ældre", "ak-by", "himmerland"),
        partnership="tryghed",
        meetings=(
            MeetingPlan(
                "2026-02-24",
                ("ak-borgmester", "politi", "ak-skole", "ak-by"),
                "Tryghedsindekset 2025: 89 % trygge i alle bydele",
                "Strategiens syv fokusområder fortsætter; belysningen i Midtbyen udvides",
            ),
        ),
    ),
    ForumPlan(
        "Nattelivsforum",
        "politi",
        "FRONTLINE",
        "MONTHLY",
        ("aalborg-city", "restauratører", "natteravne", "ak-by"),
        meetings=(
            MeetingPlan(
                "2026-05-06",
                ("politi", "restauratører", "natteravne"),
                "Sommerens natteliv i Jomfru Ane Gade",
            ),
        ),
    ),
)

WALKS = (
    WalkPlan(
        "øst",
        "øst",
        "2025-10-02",
        "Fra Aalborg Øst Bibliotek gennem Kildeparken",
        ("politi-fa", "ak-by", "himmerland", "frivilligcenter"),
        residents=18,
        findings=(
            FindingPlan(
                "LIGHTING",
                "Stien gennem Kildeparken",
                "Mørkt",
                ActionPlan("ak-by", "2025-12-01", "DONE"),
            ),
            FindingPlan(
                "VEGETATION",
                "Legepladsen ved blok 7",
                "Buske skjuler udsynet",
                ActionPlan("himmerland", "2025-11-15", "DONE"),
            ),
        ),
    ),
    WalkPlan(
        "vejgaard",
        "vejgaard",
        "2026-04-14",
        "Vejgaard Torv og skolevejen",
        ("politi-fa", "ak-by", "alabu", "ældresagen"),
        residents=22,
        findings=(
            FindingPlan(
                "TRAFFIC",
                "Skolevejen ved Vejgaard Torv",
                "Biler kører for stærkt",
                ActionPlan("ak-by", "2026-08-01", "IN_PROGRESS"),
            ),
            FindingPlan(
                "MEETING_PLACE",
                "Torvet",
                "Ældre savner et sted at mødes",
                ActionPlan("ældresagen", "2026-06-30", "DONE"),
            ),
        ),
    ),
    WalkPlan(
        "nørresundby",
        "nørresundby",
        "2026-09-10",
        "Havnefronten i Nørresundby",
        ("politi-fa", "ak-by", "grundejere", "frivilligcenter", "natteravne"),
        residents=27,
        findings=(
            FindingPlan(
                "LIGHTING",
                "Havnepromenaden",
                "Flere lamper ude",
                ActionPlan("ak-by", "2026-10-15"),
            ),
            FindingPlan(
                "LITTER",
                "Busstoppestedet",
                "Affald om morgenen",
                ActionPlan("ak-by", "2026-09-30", "DONE"),
            ),
            FindingPlan("OTHER", "Havnen", "Ønske om natteravne i weekenden"),
        ),
    ),
)

_EARLIER = {
    "midtby": (86.5, 87.5),
    "øst": (84.0, 86.5),
    "nørresundby": (88.0, 88.5),
    "vejgaard": (87.5, 88.0),
    "hasseris": (91.0, 90.0),
}
SAFETY_INDEX = tuple(
    SafetyIndexPlan(district.key, period, safe, round(100 - safe - 6.0, 1), 540, 1200)
    for district in DISTRICTS
    for period, safe in zip(
        ("2023", "2024", "2025"), (*_EARLIER[district.key], FEELING_SAFE), strict=True
    )
)


def world(code: str = "0851") -> World:
    return World(
        code=code,
        municipality="Aalborg",
        label="Aalborg",
        areas=DISTRICTS,
        actors=ACTORS,
        partner="ssp",
        partnerships=(PARTNERSHIP,),
        fora=FORA,
        activities=ACTIVITIES,
        walks=WALKS,
        strategy=STRATEGY,
        safety_index=SAFETY_INDEX,
    )
