"""The actors service's words: where and how an actor works (levels, themes, areas),
what kind of organisation it is, and its contact persons' legal basis.

The levels and themes are shared by every service: an activity serves them and the
reporting service counts ties across levels and gaps per theme."""

from __future__ import annotations

from trygnet_vocabulary.words import Word


class Level(Word):
    """Where in the partnership the work happens (the Tingbjerg-Husum study's three
    levels)."""

    STRATEGIC = (
        "strategic",
        "Management: municipality, police and housing associations in the formal "
        "safety partnership, deciding and funding.",
    )
    FRONTLINE = (
        "frontline",
        "Frontline staff meeting residents: street workers, SSP, teachers, youth "
        "club and housing staff, local police.",
    )
    CIVIL_SOCIETY = (
        "civil_society",
        "Associations, sports clubs, volunteers (night ravens, neighbourhood watch) "
        "and local businesses.",
    )


class Theme(Word):
    """What the work is about: the target groups and problems of the joint strategy."""

    YOUTH = "youth", "Children and young people: leisure, after-school jobs, gangs."
    EMPLOYMENT = "employment", "Jobs and job training."
    EDUCATION = "education", "School and further education, fewer drop-outs."
    NIGHTLIFE = "nightlife", "Safe nightlife: patrols, street lighting, licensed premises."
    ALCOHOL_AND_DRUGS = "alcohol_and_drugs", "Fewer using alcohol and drugs."
    ELDERLY = "elderly", "Quality of life and safety of elderly residents."
    INTEGRATION = "integration", "Newcomers' integration and participation."
    HOUSING_ENVIRONMENT = (
        "housing_environment",
        "The physical surroundings: maintenance, lighting, meeting places.",
    )
    CRIME_VICTIMS = "crime_victims", "Support for victims of crime."
    OTHER = "other", "Anything the other themes do not cover."


# -- the actors service's words ----------------------------------------------------


class AreaKind(Word):
    """What kind of place an area is."""

    HOUSING_AREA = "housing_area", "A housing area (boligområde), often a vulnerable one."
    DISTRICT = "district", "A district or neighbourhood of the municipality."
    TOWN_CENTRE = "town_centre", "A town centre or nightlife area."
    MUNICIPALITY_WIDE = "municipality_wide", "The whole municipality."


class Sector(Word):
    """What kind of organisation an actor is."""

    MUNICIPALITY = (
        "municipality",
        "A municipal department: social services, schools, youth, planning.",
    )
    POLICE = "police", "The police: local police, crime prevention."
    HOUSING_ASSOCIATION = "housing_association", "A housing association or property owner."
    SCHOOL = "school", "A school or educational institution."
    SSP = "ssp", "SSP: the school, social services and police cooperation."
    HEALTH = "health", "Health services."
    CIVIL_SOCIETY = (
        "civil_society",
        "An association, sports club or volunteer group (night ravens, neighbourhood watch).",
    )
    BUSINESS = "business", "A business or business association."
    HOME_GUARD = "home_guard", "The home guard."
    OTHER = "other", "Any other organisation."


class ActorStatus(Word):
    """Whether an actor takes part: active, inactive, or merged into another actor."""

    ACTIVE = "active", "Takes part; shown in the directory."
    INACTIVE = "inactive", "Deactivated: kept in the history, left out of the directory."
    MERGED = "merged", "A duplicate folded into another actor (`mergedInto`)."


class ContactStatus(Word):
    """Whether a contact person is on their actor's list."""

    ACTIVE = "active", "On the actor's list of contact persons."
    REMOVED = "removed", "Taken off the list; the person's data is kept until erased."
    ERASED = "erased", "Erased for good: the person's data reads as `[erased]` everywhere."


class LegalBasis(Word):
    """Why Trygnet may keep a contact person's data (GDPR article 6)."""

    CONSENT = "consent", "The person consented (article 6(1)(a))."
    CONTRACT = "contract", "A contract with the person (article 6(1)(b))."
    LEGAL_OBLIGATION = "legal_obligation", "A legal obligation (article 6(1)(c))."
    PUBLIC_TASK = "public_task", "A task in the public interest (article 6(1)(e))."
    LEGITIMATE_INTEREST = "legitimate_interest", "A legitimate interest (article 6(1)(f))."


# -- the activities service's words ------------------------------------------------
