"""Aalborg's (0851) figures: the joint safety strategy's seven focus areas with their
indicators and yearly measurements, and the safety index per district (2023-2025):
89 % of residents feel safe in their neighbourhood, in every district (2025).
Aalborg's actors, activities, walks and fora are in ``aalborg``."""

from __future__ import annotations

from trygnet_platform.demo.world import (
    FocusAreaPlan,
    IndicatorPlan,
    MeasurementPlan,
    SafetyIndexPlan,
    StrategyPlan,
)

INDEX = "Politiets Tryghedsindeks"
FEELING_SAFE = 89.0


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


_EARLIER = {
    "midtby": (86.5, 87.5),
    "øst": (84.0, 86.5),
    "nørresundby": (88.0, 88.5),
    "vejgaard": (87.5, 88.0),
    "hasseris": (91.0, 90.0),
}
"""Per district (``aalborg.DISTRICTS``, in their order), the share feeling safe in 2023
and 2024; 2025 is ``FEELING_SAFE`` everywhere."""
SAFETY_INDEX = tuple(
    SafetyIndexPlan(district, period, safe, round(100 - safe - 6.0, 1), 540, 1200)
    for district, earlier in _EARLIER.items()
    for period, safe in zip(("2023", "2024", "2025"), (*earlier, FEELING_SAFE), strict=True)
)
