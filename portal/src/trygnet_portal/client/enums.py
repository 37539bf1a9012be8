from enum import Enum


class ActivityStatus(str, Enum):
    PLANNED = "PLANNED"
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    ENDED = "ENDED"


class ActorStatus(str, Enum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    MERGED = "MERGED"


class AreaKind(str, Enum):
    HOUSING_AREA = "HOUSING_AREA"
    DISTRICT = "DISTRICT"
    TOWN_CENTRE = "TOWN_CENTRE"
    MUNICIPALITY_WIDE = "MUNICIPALITY_WIDE"


class Cadence(str, Enum):
    WEEKLY = "WEEKLY"
    FORTNIGHTLY = "FORTNIGHTLY"
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    HALF_YEARLY = "HALF_YEARLY"
    YEARLY = "YEARLY"
    AS_NEEDED = "AS_NEEDED"


class ContactStatus(str, Enum):
    ACTIVE = "ACTIVE"
    REMOVED = "REMOVED"
    ERASED = "ERASED"


class FindingActionStatus(str, Enum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    REJECTED = "REJECTED"


class FindingKind(str, Enum):
    LIGHTING = "LIGHTING"
    VEGETATION = "VEGETATION"
    LITTER = "LITTER"
    VANDALISM = "VANDALISM"
    MEETING_PLACE = "MEETING_PLACE"
    TRAFFIC = "TRAFFIC"
    HOUSING_MAINTENANCE = "HOUSING_MAINTENANCE"
    OTHER = "OTHER"


class FollowUpStatus(str, Enum):
    OPEN = "OPEN"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class GroupKind(str, Enum):
    ACTIVITY = "ACTIVITY"
    FORUM = "FORUM"


class IncidentKind(str, Enum):
    SHOOTING = "SHOOTING"
    STABBING = "STABBING"
    EXPLOSION = "EXPLOSION"
    ARSON = "ARSON"
    EXTORTION = "EXTORTION"
    THREAT = "THREAT"
    UNREST = "UNREST"
    VANDALISM = "VANDALISM"
    BURGLARY_SERIES = "BURGLARY_SERIES"
    OTHER = "OTHER"


class IncidentStatus(str, Enum):
    REPORTED = "REPORTED"
    ACTIVE = "ACTIVE"
    STABLE = "STABLE"
    CLOSED = "CLOSED"


class IndicatorDirection(str, Enum):
    INCREASE = "INCREASE"
    DECREASE = "DECREASE"


class Level(str, Enum):
    STRATEGIC = "STRATEGIC"
    FRONTLINE = "FRONTLINE"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"


class PartnerRole(str, Enum):
    LEAD = "LEAD"
    PARTNER = "PARTNER"
    FUNDER = "FUNDER"
    VOLUNTEER = "VOLUNTEER"


class ResponseRole(str, Enum):
    LEAD = "LEAD"
    LIAISON = "LIAISON"
    SCRIBE = "SCRIBE"
    PARTICIPANT = "PARTICIPANT"


class Sector(str, Enum):
    MUNICIPALITY = "MUNICIPALITY"
    POLICE = "POLICE"
    HOUSING_ASSOCIATION = "HOUSING_ASSOCIATION"
    SCHOOL = "SCHOOL"
    SSP = "SSP"
    HEALTH = "HEALTH"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    BUSINESS = "BUSINESS"
    HOME_GUARD = "HOME_GUARD"
    OTHER = "OTHER"


class Sensitivity(str, Enum):
    OPEN = "OPEN"
    RESTRICTED = "RESTRICTED"


class TaskPriority(str, Enum):
    LOW = "LOW"
    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"


class TaskStatus(str, Enum):
    OPEN = "OPEN"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class Theme(str, Enum):
    YOUTH = "YOUTH"
    EMPLOYMENT = "EMPLOYMENT"
    EDUCATION = "EDUCATION"
    NIGHTLIFE = "NIGHTLIFE"
    ALCOHOL_AND_DRUGS = "ALCOHOL_AND_DRUGS"
    ELDERLY = "ELDERLY"
    INTEGRATION = "INTEGRATION"
    HOUSING_ENVIRONMENT = "HOUSING_ENVIRONMENT"
    CRIME_VICTIMS = "CRIME_VICTIMS"
    OTHER = "OTHER"


class TimelineKind(str, Enum):
    NOTE = "NOTE"
    DECISION = "DECISION"
    CONTACT_WITH_RESIDENTS = "CONTACT_WITH_RESIDENTS"
    PRESS = "PRESS"
    POLICE_UPDATE = "POLICE_UPDATE"
    MEETING = "MEETING"
