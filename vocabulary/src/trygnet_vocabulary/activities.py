"""The activities service's words: an activity's status and its partners' roles, the
follow-up of meetings, safety walks' findings and actions, the practice exchange's
directions and intensities, and the kinds of coordinating groups."""

from __future__ import annotations

from trygnet_vocabulary.words import Word


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
