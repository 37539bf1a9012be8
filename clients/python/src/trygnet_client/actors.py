from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import ActorFields


class Actors(BaseModel):
    actors: "ActorsActors"


class ActorsActors(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "ActorsActorsPageInfo" = Field(alias="pageInfo")
    edges: list["ActorsActorsEdges"]


class ActorsActorsPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class ActorsActorsEdges(BaseModel):
    node: "ActorsActorsEdgesNode"


ActorsActorsEdgesNode = ActorFields
Actors.model_rebuild()
ActorsActors.model_rebuild()
ActorsActorsEdges.model_rebuild()
