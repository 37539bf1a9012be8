"""Words every Trygnet service shares (DOMAIN.md), and each service's public words.

An actor works on levels and themes (actors service); an activity serves them
(activities service); the reporting service counts ties across levels and gaps
per theme. A service's own words (a sector, an activity's status, an incident's
kind) are on its topic and in its API, and the GraphQL gateway shows them as enums:
one definition here keeps the values the same in the service, on the topic, in
the reports and in the public schema. The services' domain models re-export them.

Each word says what it means (the class docstring, and each value's ``meaning``):
the public schema's descriptions are taken from here, so they are written once.
"""

from __future__ import annotations

import enum
from typing import Self


class Word(enum.StrEnum):
    """A value of the vocabulary and what it means, in the users' words:
    ``STRATEGIC = "strategic", "The municipality, the police and ..."``."""

    meaning: str

    def __new__(cls, value: str, meaning: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member


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


class Cadence(Word):
    """How often a forum meets."""

    WEEKLY = "weekly", "Every week."
    FORTNIGHTLY = "fortnightly", "Every second week."
    MONTHLY = "monthly", "Every month."
    QUARTERLY = "quarterly", "Every quarter."
    HALF_YEARLY = "half_yearly", "Twice a year."
    YEARLY = "yearly", "Once a year."
    AS_NEEDED = "as_needed", "When something calls for it."


class FollowUpStatus(Word):
    """Where a follow-up stands: something a meeting asked an actor to do."""

    OPEN = "open", "Still to be done."
    DONE = "done", "Done."
    CANCELLED = "cancelled", "No longer to be done."


class PartnerRole(Word):
    """What an actor does in an activity or a partnership."""

    LEAD = "lead", "Leads it and answers for it."
    PARTNER = "partner", "Takes part in the work."
    FUNDER = "funder", "Pays for it, or for part of it."
    VOLUNTEER = "volunteer", "Takes part with volunteers."
    OTHER = (
        "other",
        "Another role than these; also a partnership role given in words before roles "
        "were these words, when the words were none of them (such as 'politi').",
    )


class ActivityStatus(Word):
    """Where an activity stands: planned → active ⇄ paused, and from any of those to
    ended, which is final."""

    PLANNED = "planned", "Not started yet."
    ACTIVE = "active", "Running."
    PAUSED = "paused", "On hold; may become active again."
    ENDED = "ended", "Over, for good."


class FindingKind(Word):
    """What a safety walk found that makes the area feel unsafe."""

    LIGHTING = "lighting", "Poor or broken lighting."
    VEGETATION = "vegetation", "Overgrown hedges or trees that block the view."
    LITTER = "litter", "Litter or dumped waste."
    VANDALISM = "vandalism", "Graffiti or damage."
    MEETING_PLACE = "meeting_place", "A place where groups gather that others avoid."
    TRAFFIC = "traffic", "Unsafe traffic or crossings."
    HOUSING_MAINTENANCE = "housing_maintenance", "Doors, locks or buildings in poor repair."
    OTHER = "other", "Anything else."


class ActionStatus(Word):
    """Where an action on a finding stands; a rejection has a reason."""

    OPEN = "open", "Assigned, not started."
    IN_PROGRESS = "in_progress", "Being worked on."
    DONE = "done", "Fixed."
    REJECTED = "rejected", "Will not be done; the action's `reason` says why."


class Direction(Word):
    """Whether an indicator gets better as it goes up or as it goes down."""

    INCREASE = "increase", "Higher is better (share feeling safe)."
    DECREASE = "decrease", "Lower is better (school drop-outs, reported burglaries)."


class Intensity(Word):
    """How closely two actors work together, as the PARTNER tool grades it (weakest
    first)."""

    AWARENESS = "awareness", "They know of each other's work (the weakest tie)."
    COOPERATION = "cooperation", "They share information and help each other now and then."
    COORDINATION = "coordination", "They plan and divide the work between them."
    INTEGRATION = (
        "integration",
        "They work as one, with shared goals and resources (the strongest).",
    )


class GroupKind(Word):
    """What brings actors together in the reports: an activity or a forum."""

    ACTIVITY = "activity", "A collaborative prevention activity."
    FORUM = "forum", "A coordinating forum."


# -- the incidents service's words -------------------------------------------------


class IncidentKind(Word):
    """What happened."""

    SHOOTING = "shooting", "A shooting."
    STABBING = "stabbing", "A stabbing."
    EXPLOSION = "explosion", "An explosion or a bomb."
    ARSON = "arson", "Arson: a fire set on purpose (cars, bins, buildings)."
    EXTORTION = "extortion", "Extortion."
    THREAT = "threat", "Threats against residents, staff or businesses."
    UNREST = "unrest", "Unrest: riots or groups causing insecurity."
    VANDALISM = "vandalism", "Vandalism."
    BURGLARY_SERIES = "burglary_series", "A series of burglaries."
    OTHER = "other", "Anything else."


class Sensitivity(Word):
    """Who may read the incident: every partner, or only those cleared for restricted
    details (the police share those)."""

    OPEN = "open", "Every partner of the municipality reads it whole."
    RESTRICTED = (
        "restricted",
        "Coordinators and police read it whole; other partners see only that it "
        "exists, its area, kind, severity and times.",
    )


class IncidentStatus(Word):
    """Where an incident's response stands. How it moves is the status rule's
    (``trygnet_core.incident_status``), which also writes the schema's description."""

    REPORTED = "reported", "Reported; no response started yet."
    ACTIVE = "active", "The joint response is under way."
    STABLE = "stable", "Under control; follow-up continues."
    CLOSED = "closed", "Over (with a reason); may be reopened."


class LinkKind(Word):
    """How an incident relates to an earlier one."""

    SAME_PLACE = "same_place", "It happened at the same place."
    SAME_SERIES = "same_series", "It belongs to the same series (a conflict, a wave of arson)."


class ResponseRole(Word):
    """What an actor does in the joint response to an incident."""

    LEAD = "lead", "Leads the joint response."
    LIAISON = "liaison", "Keeps its own organisation informed and acts for it."
    SCRIBE = "scribe", "Keeps the timeline and the tactical report."
    PARTICIPANT = "participant", "Takes part."


class TaskPriority(Word):
    """How urgent a task of an incident response is (lowest first)."""

    LOW = "low", "When there is time."
    NORMAL = "normal", "In the normal course (the default)."
    HIGH = "high", "Before other work."
    URGENT = "urgent", "At once."


class TaskStatus(Word):
    """Where a task of an incident response stands."""

    OPEN = "open", "Still to be done."
    DONE = "done", "Done."
    CANCELLED = "cancelled", "No longer to be done."


class TimelineKind(Word):
    """What a timeline entry of an incident records."""

    NOTE = "note", "A note."
    DECISION = "decision", "A decision of the response (it may start a follow-up activity)."
    CONTACT_WITH_RESIDENTS = (
        "contact_with_residents",
        "Contact with residents: walks, talks, a meeting over coffee.",
    )
    PRESS = "press", "Press and media."
    POLICE_UPDATE = "police_update", "An update from the police."
    MEETING = "meeting", "A meeting of the partners."


class ObservationCategory(Word):
    """What a trained reporter saw in the week: the categories of the weekly situation
    picture (the EST method's "lägesbild")."""

    VANDALISM = "vandalism", "Damage to buildings, cars, bus shelters or other property."
    GRAFFITI = "graffiti", "Graffiti or tags."
    FIRE = "fire", "A fire set on purpose: bins, cars, cellars."
    LITTERING = "littering", "Littering or dumped waste."
    DRUG_DEALING = "drug_dealing", "Signs of drug dealing or drug use."
    LOITERING_GROUPS = "loitering_groups", "Groups gathering that others avoid or feel unsafe near."
    THREATS_OR_HARASSMENT = "threats_or_harassment", "Threats, harassment or intimidation."
    UNSAFE_PLACE = "unsafe_place", "A place that feels unsafe: dark, hidden, run down."
    OTHER = "other", "Anything else that bears on safety."
