from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Level, Sector
from .fragments import Pair


class Network(BaseModel):
    collaboration_network: "NetworkCollaborationNetwork" = Field(
        alias="collaborationNetwork"
    )


class NetworkCollaborationNetwork(BaseModel):
    density: float
    components: int
    cross_sector_share: float = Field(alias="crossSectorShare")
    cross_level_share: float = Field(alias="crossLevelShare")
    computed_at: datetime = Field(alias="computedAt")
    stale: bool
    nodes: list["NetworkCollaborationNetworkNodes"]
    edges: list["NetworkCollaborationNetworkEdges"]
    survey: Optional["NetworkCollaborationNetworkSurvey"]


class NetworkCollaborationNetworkNodes(BaseModel):
    degree: int
    weighted_degree: int = Field(alias="weightedDegree")
    betweenness: float
    closeness: float
    is_broker: bool = Field(alias="isBroker")
    is_isolate: bool = Field(alias="isIsolate")
    is_articulation_point: bool = Field(alias="isArticulationPoint")
    levels: list[Level]
    actor: Optional["NetworkCollaborationNetworkNodesActor"]


class NetworkCollaborationNetworkNodesActor(BaseModel):
    id: str
    name: str
    sector: Sector


class NetworkCollaborationNetworkEdges(BaseModel):
    source: str
    target: str
    weight: int


class NetworkCollaborationNetworkSurvey(BaseModel):
    both: list["NetworkCollaborationNetworkSurveyBoth"]
    survey_only: list["NetworkCollaborationNetworkSurveySurveyOnly"] = Field(
        alias="surveyOnly"
    )
    observed_only: list["NetworkCollaborationNetworkSurveyObservedOnly"] = Field(
        alias="observedOnly"
    )


NetworkCollaborationNetworkSurveyBoth = Pair
NetworkCollaborationNetworkSurveySurveyOnly = Pair
NetworkCollaborationNetworkSurveyObservedOnly = Pair
Network.model_rebuild()
NetworkCollaborationNetwork.model_rebuild()
NetworkCollaborationNetworkNodes.model_rebuild()
NetworkCollaborationNetworkSurvey.model_rebuild()
