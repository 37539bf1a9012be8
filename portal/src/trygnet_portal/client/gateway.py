from typing import Any, Optional, Union

from .actor_profile import ActorProfile
from .actor_work import ActorWork
from .areas import Areas
from .async_base_client import AsyncBaseClient
from .base_model import UNSET, UnsetType
from .enums import Level, Sector, Theme
from .gaps import Gaps
from .me import Me
from .network import Network
from .overview import Overview


def gql(q: str) -> str:
    return q


class Gateway(AsyncBaseClient):
    async def actor_profile(self, id: str, **kwargs: Any) -> ActorProfile:
        query = gql("""
            query ActorProfile($id: ID!) {
              actor(id: $id) {
                id
                name
                sector
                department
                levels
                themes
                description
                phone
                email
                website
                status
                parent {
                  id
                  name
                }
                areas {
                  id
                  name
                }
                contacts {
                  ...ContactCard
                }
              }
            }

            fragment ContactCard on Contact {
              id
              name
              title
              phone
              email
              status
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="ActorProfile", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ActorProfile.model_validate(data)

    async def actor_work(self, **kwargs: Any) -> ActorWork:
        query = gql("""
            query ActorWork {
              directory {
                actors {
                  actorId
                  workingOn {
                    id
                    kind
                    title
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="ActorWork", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ActorWork.model_validate(data)

    async def gaps(
        self, area_id: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> Gaps:
        query = gql("""
            query Gaps($areaId: ID) {
              coordinationGaps(areaId: $areaId) {
                themes
                ages {
                  from
                  to
                }
                area {
                  id
                  name
                }
                activities {
                  id
                  title
                  actors {
                    id
                    name
                    sector
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"areaId": area_id}
        response = await self.execute(
            query=query, operation_name="Gaps", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Gaps.model_validate(data)

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

    async def network(
        self, area_id: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> Network:
        query = gql("""
            query Network($areaId: ID) {
              collaborationNetwork(areaId: $areaId) {
                density
                components
                crossSectorShare
                crossLevelShare
                computedAt
                stale
                nodes {
                  degree
                  weightedDegree
                  betweenness
                  closeness
                  isBroker
                  isIsolate
                  isArticulationPoint
                  levels
                  actor {
                    id
                    name
                    sector
                  }
                }
                edges {
                  source
                  target
                  weight
                }
                survey {
                  both {
                    ...Pair
                  }
                  surveyOnly {
                    ...Pair
                  }
                  observedOnly {
                    ...Pair
                  }
                }
              }
            }

            fragment Pair on ActorPair {
              source
              target
            }
            """)
        variables: dict[str, object] = {"areaId": area_id}
        response = await self.execute(
            query=query, operation_name="Network", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Network.model_validate(data)

    async def areas(self, **kwargs: Any) -> Areas:
        query = gql("""
            query Areas {
              areas {
                id
                name
                kind
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Areas", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Areas.model_validate(data)

    async def overview(
        self,
        area_id: Union[Optional[str], UnsetType] = UNSET,
        sector: Union[Optional[Sector], UnsetType] = UNSET,
        level: Union[Optional[Level], UnsetType] = UNSET,
        theme: Union[Optional[Theme], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Overview:
        query = gql("""
            query Overview($areaId: ID, $sector: Sector, $level: Level, $theme: Theme) {
              directory(areaId: $areaId, sector: $sector, level: $level, theme: $theme) {
                count
                byLevel {
                  level
                  actors
                }
                byTheme {
                  theme
                  actors
                }
                actors {
                  actorId
                  name
                  sector
                  department
                  levels
                  themes
                  description
                  phone
                  email
                  contactPersons
                  workingOn {
                    id
                    kind
                    title
                  }
                  areas {
                    id
                    name
                  }
                  actor {
                    contacts {
                      ...ContactCard
                    }
                  }
                }
              }
            }

            fragment ContactCard on Contact {
              id
              name
              title
              phone
              email
              status
            }
            """)
        variables: dict[str, object] = {
            "areaId": area_id,
            "sector": sector,
            "level": level,
            "theme": theme,
        }
        response = await self.execute(
            query=query, operation_name="Overview", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Overview.model_validate(data)
