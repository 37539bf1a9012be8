from pydantic import Field

from .base_model import BaseModel


class JoinForum(BaseModel):
    join_forum: "JoinForumJoinForum" = Field(alias="joinForum")


class JoinForumJoinForum(BaseModel):
    position: str
    forum: "JoinForumJoinForumForum"


class JoinForumJoinForumForum(BaseModel):
    id: str


JoinForum.model_rebuild()
JoinForumJoinForum.model_rebuild()
