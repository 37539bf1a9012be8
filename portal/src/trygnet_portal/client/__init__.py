from .actor_profile import (
    ActorProfile,
    ActorProfileActor,
    ActorProfileActorAreas,
    ActorProfileActorContacts,
    ActorProfileActorParent,
)
from .actor_work import (
    ActorWork,
    ActorWorkDirectory,
    ActorWorkDirectoryActors,
    ActorWorkDirectoryActorsWorkingOn,
)
from .areas import Areas, AreasAreas
from .async_base_client import AsyncBaseClient
from .base_model import BaseModel, Upload
from .enums import ActorStatus, AreaKind, Level, Sector, Theme
from .exceptions import (
    GraphQLClientError,
    GraphQLClientGraphQLError,
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
    GraphQLClientInvalidResponseError,
)
from .fragments import ContactCard, Pair
from .gaps import (
    Gaps,
    GapsCoordinationGaps,
    GapsCoordinationGapsActivities,
    GapsCoordinationGapsActivitiesActors,
    GapsCoordinationGapsAges,
    GapsCoordinationGapsArea,
)
from .gateway import Gateway
from .me import Me, MeMe
from .network import (
    Network,
    NetworkCollaborationNetwork,
    NetworkCollaborationNetworkEdges,
    NetworkCollaborationNetworkNodes,
    NetworkCollaborationNetworkNodesActor,
    NetworkCollaborationNetworkSurvey,
    NetworkCollaborationNetworkSurveyBoth,
    NetworkCollaborationNetworkSurveyObservedOnly,
    NetworkCollaborationNetworkSurveySurveyOnly,
)
from .overview import (
    Overview,
    OverviewDirectory,
    OverviewDirectoryActors,
    OverviewDirectoryActorsActor,
    OverviewDirectoryActorsActorContacts,
    OverviewDirectoryActorsAreas,
    OverviewDirectoryActorsWorkingOn,
    OverviewDirectoryByLevel,
    OverviewDirectoryByTheme,
)

__all__ = [
    "ActorProfile",
    "ActorProfileActor",
    "ActorProfileActorAreas",
    "ActorProfileActorContacts",
    "ActorProfileActorParent",
    "ActorStatus",
    "ActorWork",
    "ActorWorkDirectory",
    "ActorWorkDirectoryActors",
    "ActorWorkDirectoryActorsWorkingOn",
    "AreaKind",
    "Areas",
    "AreasAreas",
    "AsyncBaseClient",
    "BaseModel",
    "ContactCard",
    "Gaps",
    "GapsCoordinationGaps",
    "GapsCoordinationGapsActivities",
    "GapsCoordinationGapsActivitiesActors",
    "GapsCoordinationGapsAges",
    "GapsCoordinationGapsArea",
    "Gateway",
    "GraphQLClientError",
    "GraphQLClientGraphQLError",
    "GraphQLClientGraphQLMultiError",
    "GraphQLClientHttpError",
    "GraphQLClientInvalidResponseError",
    "Level",
    "Me",
    "MeMe",
    "Network",
    "NetworkCollaborationNetwork",
    "NetworkCollaborationNetworkEdges",
    "NetworkCollaborationNetworkNodes",
    "NetworkCollaborationNetworkNodesActor",
    "NetworkCollaborationNetworkSurvey",
    "NetworkCollaborationNetworkSurveyBoth",
    "NetworkCollaborationNetworkSurveyObservedOnly",
    "NetworkCollaborationNetworkSurveySurveyOnly",
    "Overview",
    "OverviewDirectory",
    "OverviewDirectoryActors",
    "OverviewDirectoryActorsActor",
    "OverviewDirectoryActorsActorContacts",
    "OverviewDirectoryActorsAreas",
    "OverviewDirectoryActorsWorkingOn",
    "OverviewDirectoryByLevel",
    "OverviewDirectoryByTheme",
    "Pair",
    "Sector",
    "Theme",
    "Upload",
]
