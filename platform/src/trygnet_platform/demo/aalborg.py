"""Aalborg (0851): the joint safety strategy of the municipality and North Jutland Police
(DOMAIN.md): its districts, actors, activities, partnership, fora and safety walks in
three districts. The strategy's figures and the safety index are in ``aalborg_figures``."""

from __future__ import annotations

from trygnet_platform.demo.aalborg_figures import SAFETY_INDEX, STRATEGY
from trygnet_platform.demo.world import (
    ActionPlan,
    ActivityPlan,
    ActorPlan,
    AreaPlan,
    FindingPlan,
    ForumPlan,
    MeetingPlan,
    PartnershipPlan,
    WalkPlan,
    World,
)

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
