from datetime import date
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Cadence, Level, Sector
from .fragments import FollowUpRow


class Forum(BaseModel):
    forum: "ForumForum"


class ForumForum(BaseModel):
    id: str
    name: str
    level: Level
    cadence: Cadence
    version: int
    owner: Optional["ForumForumOwner"]
    partnership: Optional["ForumForumPartnership"]
    members: list["ForumForumMembers"]
    meetings: list["ForumForumMeetings"]


class ForumForumOwner(BaseModel):
    id: str
    name: str


class ForumForumPartnership(BaseModel):
    name: str


class ForumForumMembers(BaseModel):
    id: str
    name: str
    sector: Sector


class ForumForumMeetings(BaseModel):
    id: str
    held_on: Optional[date] = Field(alias="heldOn")
    agenda: Optional[str]
    decisions: Optional[str]
    attendees: list["ForumForumMeetingsAttendees"]
    follow_ups: list["ForumForumMeetingsFollowUps"] = Field(alias="followUps")


class ForumForumMeetingsAttendees(BaseModel):
    id: str
    name: str


ForumForumMeetingsFollowUps = FollowUpRow
Forum.model_rebuild()
ForumForum.model_rebuild()
ForumForumMeetings.model_rebuild()
