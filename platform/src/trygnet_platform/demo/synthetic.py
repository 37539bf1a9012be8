"""A small seeded world for any other municipality, so the national tables have real
figures: an area or two, 8-15 actors (municipality, police, SSP and a housing
association always, the rest drawn), a partnership and its forum, a few activities, an
incident or two with a short joint response, and the safety index over two to four
years. It is kept small on purpose (about 30 writes): every write costs the services
some 40 ms of CPU, and ``make run`` loads five of these at start.

Every choice comes from ``random.Random`` seeded with the seed and the municipality
code, so a municipality's world is the same whichever other municipalities are loaded
with it, and another seed draws another world."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from trygnet_platform.demo import world as plans

AREA_NAMES = (
    "Nørrevang", "Søndermarken", "Vestergården", "Skovparken", "Stjerneparken", "Solbakken",
    "Engparken", "Højvangen", "Østerbyen", "Lindevang", "Bøgeparken", "Kærgården",
    "Rosenhøj", "Fælledparken", "Havnekvarteret", "Bakkegården",
)  # fmt: skip
_S, _F, _C = ("STRATEGIC",), ("FRONTLINE",), ("CIVIL_SOCIETY",)
# key, name ({town}: the municipality, {area}: its first area), sector, levels, themes
CORE = (
    ("kommune", "{town} Kommune", "MUNICIPALITY", _S, ("YOUTH", "HOUSING_ENVIRONMENT")),
    ("politi", "Lokalpolitiet {town}", "POLICE", ("STRATEGIC", "FRONTLINE"), ("NIGHTLIFE",)),
    ("ssp", "SSP {town}", "SSP", _F, ("YOUTH",)),
    ("bolig", "Boligselskabet {area}", "HOUSING_ASSOCIATION", _S, ("HOUSING_ENVIRONMENT",)),
)
POOL = (
    ("skole", "{area} Skole", "SCHOOL", _F, ("EDUCATION",)),
    ("klub", "Ungdomsklubben {area}", "MUNICIPALITY", _F, ("YOUTH",)),
    ("boligsocial", "Boligsocial helhedsplan {area}", "HOUSING_ASSOCIATION", _F, ("YOUTH",)),
    ("jobcenter", "Jobcenter {town}", "MUNICIPALITY", _F, ("EMPLOYMENT",)),
    ("gadeplan", "Gadeplansteamet {town}", "MUNICIPALITY", _F, ("YOUTH", "ALCOHOL_AND_DRUGS")),
    ("sundhed", "Sundhedsplejen {town}", "HEALTH", _F, ("YOUTH",)),
    ("ungdomsskole", "{town} Ungdomsskole", "SCHOOL", _F, ("YOUTH", "EDUCATION")),
    ("natteravne", "Natteravnene {town}", "CIVIL_SOCIETY", _C, ("NIGHTLIFE",)),
    ("boldklub", "{area} Boldklub", "CIVIL_SOCIETY", _C, ("YOUTH",)),
    ("lektiecafe", "Lektiecaféen {area}", "CIVIL_SOCIETY", _C, ("EDUCATION",)),
    ("beboere", "Beboerforeningen {area}", "CIVIL_SOCIETY", _C, ("HOUSING_ENVIRONMENT",)),
    ("seniorer", "Ældre Sagen {town}", "CIVIL_SOCIETY", _C, ("ELDERLY",)),
    ("frivillig", "Frivilligcenter {town}", "CIVIL_SOCIETY", _C, ("OTHER",)),
    ("handel", "{town} Handelsstandsforening", "BUSINESS", _C, ("NIGHTLIFE",)),
    ("erhverv", "Erhvervsnetværket {town}", "BUSINESS", _C, ("EMPLOYMENT",)),
    ("hjemmeværn", "Hjemmeværnet, {town}", "HOME_GUARD", _C, ("OTHER",)),
)
# title, owner, level, themes, ages
ACTIVITY_KINDS = (
    ("Fritidsjob for unge i {area}", "boligsocial", "FRONTLINE", ("YOUTH", "EMPLOYMENT"), (13, 17)),
    ("Fritidsjob gennem jobcentret", "jobcenter", "FRONTLINE", ("YOUTH", "EMPLOYMENT"), (14, 17)),
    ("SSP i udskolingen", "ssp", "FRONTLINE", ("YOUTH",), (12, 17)),
    ("Gadeplan om aftenen", "gadeplan", "FRONTLINE", ("YOUTH", "ALCOHOL_AND_DRUGS"), (14, 24)),
    ("Natteravne i weekenden", "natteravne", "CIVIL_SOCIETY", ("NIGHTLIFE",), None),
    ("Fodbold om aftenen", "boldklub", "CIVIL_SOCIETY", ("YOUTH",), (10, 17)),
    ("Lektiehjælp", "lektiecafe", "CIVIL_SOCIETY", ("EDUCATION",), (7, 16)),
    ("Bedre belysning i {area}", "kommune", "STRATEGIC", ("HOUSING_ENVIRONMENT",), None),
    ("Tryghed i nattelivet", "politi", "FRONTLINE", ("NIGHTLIFE",), None),
    ("Seniorer i trygge rammer", "seniorer", "CIVIL_SOCIETY", ("ELDERLY",), None),
    ("Tryghedsvagter i boligområdet", "bolig", "STRATEGIC", ("HOUSING_ENVIRONMENT",), None),
)
# kind, severity, place, summary
INCIDENT_KINDS = (
    ("VANDALISM", 2, "Ved skolen", "Ruder knust og graffiti på skolen"),
    ("THREAT", 3, "Ved indkøbscentret", "Unge truer forbipasserende"),
    ("BURGLARY_SERIES", 2, "I boligområdet", "En række indbrud i kælderrum"),
    ("ARSON", 3, "På parkeringspladsen", "Bilbrand om natten"),
    ("UNREST", 3, "På pladsen ved centret", "Uro og knallertkørsel om aftenen"),
    ("STABBING", 4, "Ved stationen", "En ung mand stukket med kniv"),
    ("SHOOTING", 4, "I boligområdet", "Skud affyret; ingen kom til skade"),
)
ZONE = timezone(timedelta(hours=1))


def world(code: str, town: str, seed: int) -> plans.World:
    rng = random.Random(f"{seed}:{code}")
    areas = tuple(
        plans.AreaPlan(f"område-{n}", name, rng.choice(("HOUSING_AREA", "DISTRICT")))
        for n, name in enumerate(rng.sample(AREA_NAMES, rng.choice((1, 1, 2))))
    )
    names = {"town": town, "area": areas[0].name}
    drawn = rng.sample(POOL, rng.randint(4, 11))
    actors = tuple(
        plans.ActorPlan(key, name.format(**names), sector, levels, themes)
        for key, name, sector, levels, themes in (*CORE, *drawn)
    )
    keys = [a.key for a in actors]
    activities = _activities(rng, keys, names)
    incidents = tuple(
        _incident(rng, areas, keys, *kind)
        for kind in rng.sample(INCIDENT_KINDS, rng.choice((1, 1, 2)))
    )
    partnership = plans.PartnershipPlan(
        "partnerskab",
        f"Tryghedspartnerskabet {town}",
        mandate=f"Kommune, politi og boligselskab koordinerer det forebyggende arbejde i {town}",
        authorised_by=f"Byrådet i {town}",
        authorised_on=f"{rng.randint(2022, 2025)}-{rng.randint(1, 12):02}-01",
        coordinator="kommune",
        members=(("politi", "PARTNER"), ("bolig", "FUNDER")),
    )
    members = tuple(k for k in keys if k not in ("kommune", "politi", "bolig"))
    forum = plans.ForumPlan(
        f"Tryghedsforum {town}",
        "kommune",
        "STRATEGIC",
        "QUARTERLY",
        ("politi", "bolig", *rng.sample(members, min(2, len(members)))),
        partnership="partnerskab",
        meetings=(
            plans.MeetingPlan(
                f"2026-{rng.randint(1, 11):02}-{rng.randint(1, 28):02}",
                ("kommune", "politi", "bolig"),
                "Status på tryghedsindekset og årets indsatser",
            ),
        ),
    )
    safety = _safety_index(rng, areas)
    return plans.World(
        code=code,
        municipality=town,
        label=town,
        areas=areas,
        actors=actors,
        partner="ssp",
        partnerships=(partnership,),
        fora=(forum,),
        activities=activities,
        escalation=tuple(
            plans.EscalationRulePlan(f"regel-{i.kind.lower()}", i.kind, 2, None, ("ssp", "kommune"))
            for i in incidents
        ),
        incidents=incidents,
        strategy=plans.StrategyPlan(f"Tryghed i {town}"),
        safety_index=safety,
    )


def _activities(
    rng: random.Random, keys: list[str], names: dict[str, str]
) -> tuple[plans.ActivityPlan, ...]:
    possible = [kind for kind in ACTIVITY_KINDS if kind[1] in keys]
    chosen = rng.sample(possible, min(len(possible), rng.randint(2, 4)))
    return tuple(
        plans.ActivityPlan(
            title.format(**names),
            owner,
            level,
            themes,
            ages,
            partners=tuple(rng.sample([k for k in keys if k != owner], rng.randint(1, 2))),
            start=f"{rng.randint(2023, 2026)}-{rng.randint(1, 9):02}-01",
        )
        for title, owner, level, themes, ages in chosen
    )


def _incident(
    rng: random.Random,
    areas: tuple[plans.AreaPlan, ...],
    keys: list[str],
    kind: str,
    severity: int,
    place: str,
    summary: str,
) -> plans.IncidentPlan:
    occurred = datetime(
        2026, rng.randint(1, 10), rng.randint(1, 28), rng.randint(15, 23), 0, 0, 0, ZONE
    )
    reported = occurred + timedelta(minutes=rng.randint(5, 40))
    helper = next((k for k in ("klub", "boligsocial", "gadeplan") if k in keys), "bolig")
    due = (reported + timedelta(days=rng.randint(1, 5))).date().isoformat()
    response = (
        plans.StatusStep("ACTIVE", (reported + timedelta(minutes=10)).isoformat()),
        plans.RoleStep("ssp", "LEAD"),
        plans.EntryStep(
            "kontakt",
            "CONTACT_WITH_RESIDENTS",
            "SSP er i området og taler med de unge og beboerne",
            "ssp",
            (reported + timedelta(minutes=rng.randint(15, 120))).isoformat(),
        ),
        plans.TaskStep("gaderne", "Gå gaderne og tal med beboerne", "ssp", due, "HIGH"),
        plans.TaskStep("opfølgning", "Følg op med de unge", helper, due),
        plans.TaskDoneStep("gaderne"),
        *((plans.TaskDoneStep("opfølgning"),) if rng.random() < 0.5 else ()),
        plans.StatusStep("STABLE", (reported + timedelta(days=3)).isoformat()),
    )
    return plans.IncidentPlan(
        kind=kind,
        severity=severity,
        area=rng.choice(areas).key,
        place=place,
        occurred_at=occurred.isoformat(),
        reported_at=reported.isoformat(),
        reporter="politi",
        summary=summary,
        response=response,
    )


def _safety_index(
    rng: random.Random, areas: tuple[plans.AreaPlan, ...]
) -> tuple[plans.SafetyIndexPlan, ...]:
    years = [str(y) for y in range(2026 - rng.randint(2, 4), 2026)]
    results = []
    for area in areas:
        safe = rng.uniform(70, 90)
        for year in years:
            safe = min(95.0, max(55.0, safe + rng.uniform(-2.5, 3.0)))
            unsafe = rng.uniform(3.0, min(15.0, 100 - safe - 2))
            invited = rng.choice((800, 1000, 1200, 1500))
            respondents = int(invited * rng.uniform(0.35, 0.5))
            results.append(
                plans.SafetyIndexPlan(
                    area.key, year, round(safe, 1), round(unsafe, 1), respondents, invited
                )
            )
    return tuple(results)
