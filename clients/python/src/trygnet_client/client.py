from typing import Any, Optional, Union

from .actor_by_external_id import ActorByExternalId
from .actors import Actors
from .areas import Areas
from .async_base_client import AsyncBaseClient
from .base_model import UNSET, UnsetType
from .collaboration_network import CollaborationNetwork
from .define_area import DefineArea
from .directory import Directory
from .enums import IncidentKind, IncidentStatus, Level, Sector, Theme
from .incidents import Incidents
from .input_types import DefineAreaInput, RegisterActorInput
from .me import Me
from .national_overview import NationalOverview
from .register_actor import RegisterActor


def gql(q: str) -> str:
    return q


class Trygnet(AsyncBaseClient):
    async def areas(self, **kwargs: Any) -> Areas:
        query = gql("""
            query Areas {
              areas {
                ...AreaFields
              }
            }

            fragment AreaFields on Area {
              id
              name
              kind
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Areas", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Areas.model_validate(data)

    async def define_area(self, input: DefineAreaInput, **kwargs: Any) -> DefineArea:
        query = gql("""
            mutation DefineArea($input: DefineAreaInput!) {
              defineArea(input: $input) {
                position
                area {
                  ...AreaFields
                }
              }
            }

            fragment AreaFields on Area {
              id
              name
              kind
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="DefineArea", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DefineArea.model_validate(data)

    async def actor_by_external_id(
        self, external_id: str, **kwargs: Any
    ) -> ActorByExternalId:
        query = gql("""
            query ActorByExternalId($externalId: String!) {
              actor(externalId: $externalId) {
                ...ActorFields
              }
            }

            fragment ActorFields on Actor {
              id
              externalId
              name
              sector
              department
              levels
              themes
              status
              version
              areas {
                id
                name
              }
            }
            """)
        variables: dict[str, object] = {"externalId": external_id}
        response = await self.execute(
            query=query,
            operation_name="ActorByExternalId",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ActorByExternalId.model_validate(data)

    async def actors(
        self,
        external_id: Union[Optional[str], UnsetType] = UNSET,
        area_id: Union[Optional[str], UnsetType] = UNSET,
        sector: Union[Optional[Sector], UnsetType] = UNSET,
        search: Union[Optional[str], UnsetType] = UNSET,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Actors:
        query = gql("""
            query Actors($externalId: String, $areaId: ID, $sector: Sector, $search: String, $first: Int, $after: String) {
              actors(
                externalId: $externalId
                areaId: $areaId
                sector: $sector
                search: $search
                first: $first
                after: $after
              ) {
                totalCount
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...ActorFields
                  }
                }
              }
            }

            fragment ActorFields on Actor {
              id
              externalId
              name
              sector
              department
              levels
              themes
              status
              version
              areas {
                id
                name
              }
            }
            """)
        variables: dict[str, object] = {
            "externalId": external_id,
            "areaId": area_id,
            "sector": sector,
            "search": search,
            "first": first,
            "after": after,
        }
        response = await self.execute(
            query=query, operation_name="Actors", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Actors.model_validate(data)

    async def register_actor(
        self, input: RegisterActorInput, **kwargs: Any
    ) -> RegisterActor:
        query = gql("""
            mutation RegisterActor($input: RegisterActorInput!) {
              registerActor(input: $input) {
                position
                actor {
                  ...ActorFields
                }
              }
            }

            fragment ActorFields on Actor {
              id
              externalId
              name
              sector
              department
              levels
              themes
              status
              version
              areas {
                id
                name
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="RegisterActor", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RegisterActor.model_validate(data)

    async def incidents(
        self,
        area_id: Union[Optional[str], UnsetType] = UNSET,
        status: Union[Optional[IncidentStatus], UnsetType] = UNSET,
        kind: Union[Optional[IncidentKind], UnsetType] = UNSET,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Incidents:
        query = gql("""
            query Incidents($areaId: ID, $status: IncidentStatus, $kind: IncidentKind, $first: Int, $after: String) {
              incidents(
                areaId: $areaId
                status: $status
                kind: $kind
                first: $first
                after: $after
              ) {
                totalCount
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    id
                    kind
                    severity
                    sensitivity
                    status
                    occurredAt
                    reportedAt
                    summary
                    redacted
                    area {
                      id
                      name
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "areaId": area_id,
            "status": status,
            "kind": kind,
            "first": first,
            "after": after,
        }
        response = await self.execute(
            query=query, operation_name="Incidents", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Incidents.model_validate(data)

    async def me(self, **kwargs: Any) -> Me:
        query = gql("""
            query Me {
              me {
                subject
                tenant
                roles
                actorId
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Me", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Me.model_validate(data)

    async def national_overview(
        self,
        from_: Union[Optional[str], UnsetType] = UNSET,
        to: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> NationalOverview:
        query = gql("""
            query NationalOverview($from: String, $to: String) {
              nationalOverview(from: $from, to: $to) {
                period
                from
                to
                tables {
                  name
                  title
                  period
                  incidentKinds
                  themes
                  findingKinds
                  sectors
                  rows {
                    code
                    name
                    country
                    total {
                      ...Figure
                    }
                  }
                  grandTotal {
                    ...Figure
                  }
                }
              }
            }

            fragment Figure on NationalFigure {
              value
              suppressed
            }
            """)
        variables: dict[str, object] = {"from": from_, "to": to}
        response = await self.execute(
            query=query,
            operation_name="NationalOverview",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return NationalOverview.model_validate(data)

    async def directory(
        self,
        area_id: Union[Optional[str], UnsetType] = UNSET,
        sector: Union[Optional[Sector], UnsetType] = UNSET,
        level: Union[Optional[Level], UnsetType] = UNSET,
        theme: Union[Optional[Theme], UnsetType] = UNSET,
        at_least: Union[Optional[list[str]], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Directory:
        query = gql("""
            query Directory($areaId: ID, $sector: Sector, $level: Level, $theme: Theme, $atLeast: [String!]) {
              directory(
                areaId: $areaId
                sector: $sector
                level: $level
                theme: $theme
                atLeast: $atLeast
              ) {
                count
                area {
                  id
                  name
                }
                actors {
                  actorId
                  name
                  sector
                  levels
                  themes
                  phone
                  email
                  website
                  areas {
                    id
                    name
                  }
                  workingOn {
                    id
                    kind
                    title
                  }
                }
                byLevel {
                  level
                  actors
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "areaId": area_id,
            "sector": sector,
            "level": level,
            "theme": theme,
            "atLeast": at_least,
        }
        response = await self.execute(
            query=query, operation_name="Directory", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Directory.model_validate(data)

    async def collaboration_network(
        self,
        area_id: Union[Optional[str], UnsetType] = UNSET,
        at_least: Union[Optional[list[str]], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> CollaborationNetwork:
        query = gql("""
            query CollaborationNetwork($areaId: ID, $atLeast: [String!]) {
              collaborationNetwork(areaId: $areaId, atLeast: $atLeast) {
                density
                components
                crossSectorShare
                crossLevelShare
                computedAt
                stale
                nodes {
                  actor {
                    id
                    name
                    sector
                  }
                  degree
                  betweenness
                  isBroker
                  isIsolate
                }
                edges {
                  weight
                  sourceActor {
                    id
                    name
                  }
                  targetActor {
                    id
                    name
                  }
                  activities {
                    id
                    title
                  }
                  fora {
                    id
                    name
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"areaId": area_id, "atLeast": at_least}
        response = await self.execute(
            query=query,
            operation_name="CollaborationNetwork",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CollaborationNetwork.model_validate(data)
