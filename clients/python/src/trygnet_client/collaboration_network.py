from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Sector


class CollaborationNetwork(BaseModel):
    collaboration_network: "CollaborationNetworkCollaborationNetwork" = Field(
        alias="collaborationNetwork"
    )


class CollaborationNetworkCollaborationNetwork(BaseModel):
    density: float
    components: int
    cross_sector_share: float = Field(alias="crossSectorShare")
    cross_level_share: float = Field(alias="crossLevelShare")
    computed_at: datetime = Field(alias="computedAt")
    stale: bool
    nodes: list["CollaborationNetworkCollaborationNetworkNodes"]
    edges: list["CollaborationNetworkCollaborationNetworkEdges"]


class CollaborationNetworkCollaborationNetworkNodes(BaseModel):
    actor: Optional["CollaborationNetworkCollaborationNetworkNodesActor"]
    degree: int
    betweenness: float
    is_broker: bool = Field(alias="isBroker")
    is_isolate: bool = Field(alias="isIsolate")


class CollaborationNetworkCollaborationNetworkNodesActor(BaseModel):
    id: str
    name: str
    sector: Sector


class CollaborationNetworkCollaborationNetworkEdges(BaseModel):
    weight: int
    source_actor: Optional[
        "CollaborationNetworkCollaborationNetworkEdgesSourceActor"
    ] = Field(alias="sourceActor")
    target_actor: Optional[
        "CollaborationNetworkCollaborationNetworkEdgesTargetActor"
    ] = Field(alias="targetActor")
    activities: list["CollaborationNetworkCollaborationNetworkEdgesActivities"]
    fora: list["CollaborationNetworkCollaborationNetworkEdgesFora"]


class CollaborationNetworkCollaborationNetworkEdgesSourceActor(BaseModel):
    id: str
    name: str


class CollaborationNetworkCollaborationNetworkEdgesTargetActor(BaseModel):
    id: str
    name: str


class CollaborationNetworkCollaborationNetworkEdgesActivities(BaseModel):
    id: str
    title: str


class CollaborationNetworkCollaborationNetworkEdgesFora(BaseModel):
    id: str
    name: str


CollaborationNetwork.model_rebuild()
CollaborationNetworkCollaborationNetwork.model_rebuild()
CollaborationNetworkCollaborationNetworkNodes.model_rebuild()
CollaborationNetworkCollaborationNetworkEdges.model_rebuild()
