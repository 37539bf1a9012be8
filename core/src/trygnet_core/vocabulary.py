"""Words every Trygnet service shares (DOMAIN.md): the levels partners work on and the themes.

An actor works on levels and themes (actors service); an activity serves them
(activities service); the reporting service counts ties across levels and gaps
per theme. One definition keeps the values the same on every topic.
"""

from __future__ import annotations

import enum


class Level(enum.StrEnum):
    """Where in the partnership the work happens (the Tingbjerg-Husum study's three levels)."""

    STRATEGIC = "strategic"
    FRONTLINE = "frontline"
    CIVIL_SOCIETY = "civil_society"


class Theme(enum.StrEnum):
    YOUTH = "youth"
    EMPLOYMENT = "employment"
    EDUCATION = "education"
    NIGHTLIFE = "nightlife"
    ALCOHOL_AND_DRUGS = "alcohol_and_drugs"
    ELDERLY = "elderly"
    INTEGRATION = "integration"
    HOUSING_ENVIRONMENT = "housing_environment"
    CRIME_VICTIMS = "crime_victims"
    OTHER = "other"
