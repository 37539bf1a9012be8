"""The incidents service's words: an incident's kind, sensitivity and status, its
links, the roles and tasks of the response, its timeline, and the categories of the
weekly situation picture's observations."""

from __future__ import annotations

from trygnet_vocabulary.words import Word


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
    (``trygnet_vocabulary.incident_status``), which also writes the schema's description."""

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
