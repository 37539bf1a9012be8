"""Words every Trygnet service shares (DOMAIN.md), and each service's public words.

An actor works on levels and themes (actors service); an activity serves them
(activities service); the reporting service counts ties across levels and gaps
per theme. A service's own words (a sector, an activity's status, an incident's
kind) are on its topic and in its API, and the GraphQL gateway shows them as enums:
one definition here keeps the values the same in the service, on the topic, in
the reports and in the public schema. The services' domain models re-export them.
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


# -- the actors service's words ----------------------------------------------------


class AreaKind(enum.StrEnum):
    HOUSING_AREA = "housing_area"
    DISTRICT = "district"
    TOWN_CENTRE = "town_centre"
    MUNICIPALITY_WIDE = "municipality_wide"


class Sector(enum.StrEnum):
    MUNICIPALITY = "municipality"
    POLICE = "police"
    HOUSING_ASSOCIATION = "housing_association"
    SCHOOL = "school"
    SSP = "ssp"
    HEALTH = "health"
    CIVIL_SOCIETY = "civil_society"
    BUSINESS = "business"
    HOME_GUARD = "home_guard"
    OTHER = "other"


class ActorStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    MERGED = "merged"


class LegalBasis(enum.StrEnum):
    """GDPR article 6 basis for keeping a contact person's data."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTEREST = "legitimate_interest"


# -- the activities service's words ------------------------------------------------


class Cadence(enum.StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    AS_NEEDED = "as_needed"


class FollowUpStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class PartnerRole(enum.StrEnum):
    LEAD = "lead"
    PARTNER = "partner"
    FUNDER = "funder"
    VOLUNTEER = "volunteer"


class ActivityStatus(enum.StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class FindingKind(enum.StrEnum):
    LIGHTING = "lighting"
    VEGETATION = "vegetation"
    LITTER = "litter"
    VANDALISM = "vandalism"
    MEETING_PLACE = "meeting_place"
    TRAFFIC = "traffic"
    HOUSING_MAINTENANCE = "housing_maintenance"
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REJECTED = "rejected"


class Direction(enum.StrEnum):
    """Whether an indicator gets better as it goes up or as it goes down."""

    INCREASE = "increase"
    DECREASE = "decrease"


class Intensity(enum.StrEnum):
    """How closely two actors work together, as the PARTNER tool grades it."""

    AWARENESS = "awareness"
    COOPERATION = "cooperation"
    COORDINATION = "coordination"
    INTEGRATION = "integration"


# -- the incidents service's words -------------------------------------------------


class IncidentKind(enum.StrEnum):
    SHOOTING = "shooting"
    STABBING = "stabbing"
    EXPLOSION = "explosion"
    ARSON = "arson"
    EXTORTION = "extortion"
    THREAT = "threat"
    UNREST = "unrest"
    VANDALISM = "vandalism"
    BURGLARY_SERIES = "burglary_series"
    OTHER = "other"


class Sensitivity(enum.StrEnum):
    """Who may read the incident: every partner, or only those cleared for restricted
    details (the police share those)."""

    OPEN = "open"
    RESTRICTED = "restricted"


class IncidentStatus(enum.StrEnum):
    REPORTED = "reported"
    ACTIVE = "active"
    STABLE = "stable"
    CLOSED = "closed"


class LinkKind(enum.StrEnum):
    SAME_PLACE = "same_place"
    SAME_SERIES = "same_series"


class ResponseRole(enum.StrEnum):
    LEAD = "lead"
    LIAISON = "liaison"
    SCRIBE = "scribe"
    PARTICIPANT = "participant"


class TaskPriority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TimelineKind(enum.StrEnum):
    NOTE = "note"
    DECISION = "decision"
    CONTACT_WITH_RESIDENTS = "contact_with_residents"
    PRESS = "press"
    POLICE_UPDATE = "police_update"
    MEETING = "meeting"
