"""Tingbjerg-Husum, Copenhagen (municipality 0101), as the study counted it: 60
organisations in 37 collaborative activities and 7 coordinating fora. Thirteen of them
run after-school jobs for overlapping age groups and share no forum, so the
coordination gaps show.

Two of the 37 activities are started by the joint responses to a shooting and an
extortion case (``response.py``), so 35 are listed here."""

from __future__ import annotations

from trygnet_platform.demo.world import ActivityPlan, ActorPlan, ForumPlan

AREA = "Tingbjerg-Husum"


_STRATEGIC = (
    ("kk-sof", "Københavns Kommune, Socialforvaltningen", "MUNICIPALITY"),
    ("kk-buf", "Københavns Kommune, Børne- og Ungdomsforvaltningen", "MUNICIPALITY"),
    ("kk-bif", "Københavns Kommune, Beskæftigelses- og Integrationsforvaltningen", "MUNICIPALITY"),
    ("kk-tmf", "Københavns Kommune, Teknik- og Miljøforvaltningen", "MUNICIPALITY"),
    ("kk-kff", "Københavns Kommune, Kultur- og Fritidsforvaltningen", "MUNICIPALITY"),
    ("politi", "Københavns Politi, Station Bellahøj", "POLICE"),
    ("politi-fa", "Københavns Politi, Forebyggelsesafdelingen", "POLICE"),
    ("fsb", "fsb, Tingbjerg", "HOUSING_ASSOCIATION"),
    ("sab", "SAB, Tingbjerg", "HOUSING_ASSOCIATION"),
    ("lejerbo", "Lejerbo, Husum", "HOUSING_ASSOCIATION"),
)
_FRONTLINE = (
    ("ssp", "SSP København", "SSP"),
    ("ssp-bh", "SSP Brønshøj-Husum", "SSP"),
    ("nærpoliti", "Nærpolitiet Tingbjerg", "POLICE"),
    ("skole-tb", "Tingbjerg Skole", "SCHOOL"),
    ("skole-hu", "Husum Skole", "SCHOOL"),
    ("skole-br", "Brønshøj Skole", "SCHOOL"),
    ("ungdomsskole", "Ungdomsskolen Brønshøj-Husum", "SCHOOL"),
    ("uu", "Ungdommens Uddannelsesvejledning", "MUNICIPALITY"),
    ("jobcenter", "Jobcenter København, Ungeindsatsen", "MUNICIPALITY"),
    ("klub-tb", "Fritidscenter Tingbjerg", "MUNICIPALITY"),
    ("klub-hu", "Klubben Husum", "MUNICIPALITY"),
    ("opsøgende", "Opsøgende Team Nordvest", "MUNICIPALITY"),
    ("områdefornyelse", "Områdefornyelsen Tingbjerg-Husum", "MUNICIPALITY"),
    ("boligsocial-fsb", "Boligsocial helhedsplan, fsb", "HOUSING_ASSOCIATION"),
    ("boligsocial-sab", "Boligsocial helhedsplan, SAB", "HOUSING_ASSOCIATION"),
    ("boligsocial-lb", "Boligsocial helhedsplan, Lejerbo", "HOUSING_ASSOCIATION"),
    ("ejendomskontor", "Ejendomskontoret Tingbjerg", "HOUSING_ASSOCIATION"),
    ("sundhedspleje", "Sundhedsplejen Brønshøj-Husum", "HEALTH"),
    ("bibliotek", "Tingbjerg Bibliotek", "MUNICIPALITY"),
    ("familiehus", "Familiehuset Tingbjerg", "MUNICIPALITY"),
)
_CIVIL = (
    ("natteravne", "Natteravnene Tingbjerg", "CIVIL_SOCIETY"),
    ("boldklub", "Tingbjerg Boldklub", "CIVIL_SOCIETY"),
    ("husum-if", "Husum Idrætsforening", "CIVIL_SOCIETY"),
    ("bokseklub", "Bokseklubben Nordvest", "CIVIL_SOCIETY"),
    ("lektiecafe", "Lektiecaféen Tingbjerg", "CIVIL_SOCIETY"),
    ("mødrenetværk", "Mødrenetværket Tingbjerg", "CIVIL_SOCIETY"),
    ("fædrenetværk", "Fædregruppen Husum", "CIVIL_SOCIETY"),
    ("røde-kors", "Røde Kors Brønshøj", "CIVIL_SOCIETY"),
    ("beboerråd-tb", "Beboerrådet Tingbjerg", "CIVIL_SOCIETY"),
    ("beboerråd-hu", "Beboerrådet Husum", "CIVIL_SOCIETY"),
    ("kirke", "Tingbjerg Kirke", "CIVIL_SOCIETY"),
    ("moské", "Moskéforeningen Nordvest", "CIVIL_SOCIETY"),
    ("kulturforening", "Kulturforeningen Tingbjerg", "CIVIL_SOCIETY"),
    ("spejdere", "Spejderne i Husum", "CIVIL_SOCIETY"),
    ("seniorklub", "Seniorklubben Tingbjerg", "CIVIL_SOCIETY"),
    ("frivilligcenter", "Frivilligcenter Brønshøj-Husum", "CIVIL_SOCIETY"),
    ("centret", "Tingbjerg Butikscenter", "BUSINESS"),
    ("netto", "Netto Tingbjerg", "BUSINESS"),
    ("brugsen", "Brugsen Husum", "BUSINESS"),
    ("håndværkere", "Håndværkerforeningen Nordvest", "BUSINESS"),
    ("erhvervsnetværk", "Erhvervsnetværk Brønshøj-Husum", "BUSINESS"),
    ("apoteket", "Husum Apotek", "BUSINESS"),
    ("køreskole", "Køreskolen Tingbjerg", "BUSINESS"),
    ("frisør", "Frisørsalonen i Centret", "BUSINESS"),
    ("café", "Café Tingbjerg", "BUSINESS"),
    ("fonden", "Tingbjerg Fonden", "OTHER"),
    ("hjemmeværn", "Hjemmeværnet, Københavns Politihjemmeværn", "HOME_GUARD"),
    ("dgi", "DGI Storkøbenhavn", "CIVIL_SOCIETY"),
    ("ungdomsråd", "Ungdomsrådet Tingbjerg", "CIVIL_SOCIETY"),
    ("lokaludvalg", "Brønshøj-Husum Lokaludvalg", "MUNICIPALITY"),
)

ACTORS: tuple[ActorPlan, ...] = (
    *(
        ActorPlan(k, n, s, ("STRATEGIC",), ("YOUTH", "HOUSING_ENVIRONMENT"))
        for k, n, s in _STRATEGIC
    ),
    *(ActorPlan(k, n, s, ("FRONTLINE",), ("YOUTH", "EMPLOYMENT")) for k, n, s in _FRONTLINE),
    *(ActorPlan(k, n, s, ("CIVIL_SOCIETY",)) for k, n, s in _CIVIL),
)

AFTER_SCHOOL_OWNERS = (
    "boligsocial-fsb",
    "boligsocial-sab",
    "boligsocial-lb",
    "ejendomskontor",
    "jobcenter",
    "uu",
    "klub-tb",
    "klub-hu",
    "ungdomsskole",
    "opsøgende",
    "områdefornyelse",
    "familiehus",
    "bibliotek",
)
"""The 13 actors running after-school jobs for overlapping age groups, in no forum together."""

_AFTER_SCHOOL = tuple(
    ActivityPlan(
        f"Fritidsjob for unge ({owner})",
        owner,
        "FRONTLINE",
        ("YOUTH", "EMPLOYMENT"),
        ages=(13 + n % 3, 17 + n % 2),
    )
    for n, owner in enumerate(AFTER_SCHOOL_OWNERS)
)
_OTHER = (
    ActivityPlan(
        "Tryghedspartnerskabets styregruppe",
        "kk-sof",
        "STRATEGIC",
        ("HOUSING_ENVIRONMENT",),
        partners=("politi", "fsb", "sab", "lejerbo"),
    ),
    ActivityPlan(
        "Natteravne i weekenden",
        "natteravne",
        "CIVIL_SOCIETY",
        ("NIGHTLIFE",),
        partners=("nærpoliti", "boldklub"),
    ),
    ActivityPlan(
        "Fodbold for alle",
        "boldklub",
        "CIVIL_SOCIETY",
        ("YOUTH",),
        (8, 16),
        partners=("dgi", "husum-if"),
    ),
    ActivityPlan(
        "Boksning mod vold",
        "bokseklub",
        "CIVIL_SOCIETY",
        ("YOUTH",),
        (12, 20),
        partners=("ssp-bh",),
    ),
    ActivityPlan(
        "Lektiehjælp",
        "lektiecafe",
        "CIVIL_SOCIETY",
        ("EDUCATION",),
        (7, 16),
        partners=("bibliotek", "røde-kors"),
    ),
    ActivityPlan(
        "Mødrenetværk",
        "mødrenetværk",
        "CIVIL_SOCIETY",
        ("INTEGRATION",),
        partners=("sundhedspleje",),
    ),
    ActivityPlan(
        "Fædregruppe", "fædrenetværk", "CIVIL_SOCIETY", ("INTEGRATION",), partners=("familiehus",)
    ),
    ActivityPlan(
        "Tryghedsvandringer",
        "områdefornyelse",
        "FRONTLINE",
        ("HOUSING_ENVIRONMENT",),
        partners=("nærpoliti", "beboerråd-tb", "beboerråd-hu"),
    ),
    ActivityPlan(
        "Bedre belysning",
        "kk-tmf",
        "STRATEGIC",
        ("HOUSING_ENVIRONMENT",),
        partners=("fsb", "ejendomskontor"),
    ),
    ActivityPlan(
        "Skolernes trivselsindsats",
        "skole-tb",
        "FRONTLINE",
        ("EDUCATION",),
        (6, 16),
        partners=("skole-hu", "skole-br", "ssp"),
    ),
    ActivityPlan(
        "SSP-netværk for forældre", "ssp", "FRONTLINE", ("YOUTH",), partners=("moské", "kirke")
    ),
    ActivityPlan(
        "Gadeplansarbejde",
        "ssp-bh",
        "FRONTLINE",
        ("YOUTH", "ALCOHOL_AND_DRUGS"),
        (14, 25),
        partners=("nærpoliti",),
    ),
    ActivityPlan(
        "Ungdomsrådet", "ungdomsråd", "CIVIL_SOCIETY", ("YOUTH",), partners=("lokaludvalg",)
    ),
    ActivityPlan(
        "Kulturnat i Tingbjerg",
        "kulturforening",
        "CIVIL_SOCIETY",
        ("INTEGRATION",),
        partners=("kk-kff", "café"),
    ),
    ActivityPlan(
        "Seniorer i centret", "seniorklub", "CIVIL_SOCIETY", ("ELDERLY",), partners=("centret",)
    ),
    ActivityPlan(
        "Lærlinge fra området",
        "håndværkere",
        "CIVIL_SOCIETY",
        ("EMPLOYMENT",),
        (18, 25),
        partners=("erhvervsnetværk",),
    ),
    ActivityPlan("Spejder i Husum", "spejdere", "CIVIL_SOCIETY", ("YOUTH",), (7, 14)),
    ActivityPlan(
        "Frivillige i Tingbjerg",
        "frivilligcenter",
        "CIVIL_SOCIETY",
        ("OTHER",),
        partners=("røde-kors",),
    ),
    ActivityPlan(
        "Hjemmeværnet i lokalområdet",
        "hjemmeværn",
        "CIVIL_SOCIETY",
        ("OTHER",),
        partners=("politi",),
    ),
    ActivityPlan(
        "Kørekort til unge",
        "køreskole",
        "CIVIL_SOCIETY",
        ("EMPLOYMENT",),
        (17, 24),
        partners=("fonden",),
    ),
    ActivityPlan(
        "Sundhed for unge",
        "sundhedspleje",
        "FRONTLINE",
        ("YOUTH",),
        (12, 18),
        partners=("apoteket",),
    ),
    ActivityPlan(
        "Beskæftigelse i boligområdet", "kk-bif", "STRATEGIC", ("EMPLOYMENT",), partners=("kk-buf",)
    ),
)
ACTIVITIES: tuple[ActivityPlan, ...] = (*_AFTER_SCHOOL, *_OTHER)

FORA: tuple[ForumPlan, ...] = (
    ForumPlan(
        "Tryghedspartnerskabet Tingbjerg-Husum",
        "kk-sof",
        "STRATEGIC",
        "QUARTERLY",
        ("politi", "fsb", "sab", "lejerbo", "kk-buf", "kk-tmf"),
    ),
    ForumPlan(
        "SSP-lokaludvalget Brønshøj-Husum",
        "ssp",
        "FRONTLINE",
        "MONTHLY",
        ("ssp-bh", "skole-tb", "skole-hu", "nærpoliti", "boligsocial-fsb"),
    ),
    ForumPlan(
        "Boligsocialt netværk", "sab", "FRONTLINE", "MONTHLY", ("boligsocial-sab", "lejerbo")
    ),
    ForumPlan(
        "Foreningsforum Tingbjerg",
        "kulturforening",
        "CIVIL_SOCIETY",
        "QUARTERLY",
        ("boldklub", "husum-if", "spejdere", "lektiecafe", "dgi"),
    ),
    ForumPlan(
        "Erhvervsforum",
        "erhvervsnetværk",
        "CIVIL_SOCIETY",
        "QUARTERLY",
        ("centret", "netto", "brugsen", "håndværkere"),
    ),
    ForumPlan(
        "Beboerdemokratiets tryghedsgruppe",
        "beboerråd-tb",
        "CIVIL_SOCIETY",
        "MONTHLY",
        ("beboerråd-hu", "natteravne", "ejendomskontor"),
    ),
    ForumPlan(
        "Forældrenetværk",
        "familiehus",
        "FRONTLINE",
        "AS_NEEDED",
        ("mødrenetværk", "fædrenetværk", "moské", "kirke"),
    ),
)
