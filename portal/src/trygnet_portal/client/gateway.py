from collections.abc import AsyncIterator
from datetime import date
from typing import Any, Optional, Union

from .activities import Activities
from .activity import Activity
from .actor_incidents import ActorIncidents
from .actor_profile import ActorProfile
from .actor_work import ActorWork
from .add_incident_task import AddIncidentTask
from .add_timeline_entry import AddTimelineEntry
from .areas import Areas
from .assign_finding_action import AssignFindingAction
from .async_base_client import AsyncBaseClient
from .base_model import UNSET, UnsetType
from .board import Board
from .change_incident_status import ChangeIncidentStatus
from .change_situation_decision_status import ChangeSituationDecisionStatus
from .choices import Choices
from .complete_incident_task import CompleteIncidentTask
from .contributions import Contributions
from .create_activity import CreateActivity
from .enums import ActivityStatus, Level, Sector, Theme
from .fora import Fora
from .forum import Forum
from .gaps import Gaps
from .incident import Incident
from .incident_events import IncidentEvents
from .input_types import (
    AddIncidentTaskInput,
    AddTimelineEntryInput,
    AssignFindingActionInput,
    ChangeIncidentStatusInput,
    ChangeSituationDecisionStatusInput,
    CompleteIncidentTaskInput,
    CreateActivityInput,
    JoinActivityInput,
    JoinForumInput,
    RecordFindingInput,
    RecordSituationDecisionInput,
    ReportIncidentInput,
    SharePracticeInput,
    UpdateActivityInput,
    WithdrawPracticeInput,
)
from .join_activity import JoinActivity
from .join_forum import JoinForum
from .me import Me
from .national_cells import NationalCells
from .national_tables import NationalTables
from .network import Network
from .outcomes import Outcomes
from .overview import Overview
from .practices import Practices
from .record_finding import RecordFinding
from .record_situation_decision import RecordSituationDecision
from .report_incident import ReportIncident
from .safety_walk import SafetyWalk
from .safety_walks import SafetyWalks
from .share_practice import SharePractice
from .shared_practices import SharedPractices
from .situation_picture import SituationPicture
from .support_offers import SupportOffers
from .update_activity import UpdateActivity
from .withdraw_practice import WithdrawPractice


def gql(q: str) -> str:
    return q


class Gateway(AsyncBaseClient):
    async def activities(
        self,
        area_id: Union[Optional[str], UnsetType] = UNSET,
        theme: Union[Optional[Theme], UnsetType] = UNSET,
        status: Union[Optional[ActivityStatus], UnsetType] = UNSET,
        level: Union[Optional[Level], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Activities:
        query = gql("""
            query Activities($areaId: ID, $theme: Theme, $status: ActivityStatus, $level: Level, $after: String) {
              activities(
                areaId: $areaId
                theme: $theme
                status: $status
                level: $level
                first: 50
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
                    title
                    level
                    status
                    themes
                    targetAgeFrom
                    targetAgeTo
                    owner {
                      id
                      name
                    }
                    areas {
                      name
                    }
                    partners {
                      role
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "areaId": area_id,
            "theme": theme,
            "status": status,
            "level": level,
            "after": after,
        }
        response = await self.execute(
            query=query, operation_name="Activities", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Activities.model_validate(data)

    async def fora(self, **kwargs: Any) -> Fora:
        query = gql("""
            query Fora {
              fora(first: 50) {
                edges {
                  node {
                    id
                    name
                    level
                    cadence
                    members {
                      id
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Fora", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Fora.model_validate(data)

    async def activity(self, id: str, **kwargs: Any) -> Activity:
        query = gql("""
            query Activity($id: ID!) {
              activity(id: $id) {
                ...ActivityDetail
              }
            }

            fragment ActivityDetail on Activity {
              id
              title
              level
              description
              themes
              targetAgeFrom
              targetAgeTo
              targetGroup
              start
              end
              hours
              budget
              status
              version
              incidentId
              owner {
                id
                name
              }
              areas {
                id
                name
              }
              focusAreas {
                id
                title
              }
              partners {
                role
                actor {
                  id
                  name
                  sector
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Activity", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Activity.model_validate(data)

    async def choices(self, **kwargs: Any) -> Choices:
        query = gql("""
            query Choices {
              actors(first: 100) {
                edges {
                  node {
                    id
                    name
                  }
                }
              }
              areas {
                id
                name
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Choices", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Choices.model_validate(data)

    async def create_activity(
        self, input: CreateActivityInput, **kwargs: Any
    ) -> CreateActivity:
        query = gql("""
            mutation CreateActivity($input: CreateActivityInput!) {
              createActivity(input: $input) {
                position
                activity {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="CreateActivity", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateActivity.model_validate(data)

    async def update_activity(
        self, input: UpdateActivityInput, **kwargs: Any
    ) -> UpdateActivity:
        query = gql("""
            mutation UpdateActivity($input: UpdateActivityInput!) {
              updateActivity(input: $input) {
                position
                activity {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="UpdateActivity", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateActivity.model_validate(data)

    async def join_activity(
        self, input: JoinActivityInput, **kwargs: Any
    ) -> JoinActivity:
        query = gql("""
            mutation JoinActivity($input: JoinActivityInput!) {
              joinActivity(input: $input) {
                position
                activity {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="JoinActivity", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return JoinActivity.model_validate(data)

    async def forum(self, id: str, **kwargs: Any) -> Forum:
        query = gql("""
            query Forum($id: ID!) {
              forum(id: $id) {
                id
                name
                level
                cadence
                version
                owner {
                  id
                  name
                }
                partnership {
                  name
                }
                members {
                  id
                  name
                  sector
                }
                meetings {
                  id
                  heldOn
                  agenda
                  decisions
                  attendees {
                    id
                    name
                  }
                  followUps {
                    ...FollowUpRow
                  }
                }
              }
            }

            fragment FollowUpRow on ForumFollowUp {
              id
              due
              status
              actor {
                id
                name
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Forum", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Forum.model_validate(data)

    async def join_forum(self, input: JoinForumInput, **kwargs: Any) -> JoinForum:
        query = gql("""
            mutation JoinForum($input: JoinForumInput!) {
              joinForum(input: $input) {
                position
                forum {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="JoinForum", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return JoinForum.model_validate(data)

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

    async def contributions(
        self,
        area_id: Union[Optional[str], UnsetType] = UNSET,
        from_: Union[Optional[date], UnsetType] = UNSET,
        to: Union[Optional[date], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Contributions:
        query = gql("""
            query Contributions($areaId: ID, $from: Date, $to: Date) {
              contributions(areaId: $areaId, from: $from, to: $to) {
                actorId
                name
                sector
                activitiesLed
                activitiesJoined
                hours
                budget
                foraMemberships
                meetingsAttended
                followUps {
                  done
                  open
                  overdue
                }
                responseRoles
                tasks {
                  taken
                  completed
                  completedOnTime
                }
                walkActions {
                  done
                  open
                  overdue
                }
                survey {
                  raters
                  trust
                  value
                }
                effect {
                  focusAreas {
                    focusAreaId
                    title
                    indicators {
                      indicatorId
                      name
                      latest
                      target
                      onTarget
                    }
                  }
                  safetyIndex {
                    areaId
                    period
                    feelingSafe
                    change
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"areaId": area_id, "from": from_, "to": to}
        response = await self.execute(
            query=query, operation_name="Contributions", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Contributions.model_validate(data)

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

    async def board(self, **kwargs: Any) -> Board:
        query = gql("""
            query Board {
              reported: incidents(status: REPORTED, first: 100) {
                ...BoardColumn
              }
              active: incidents(status: ACTIVE, first: 100) {
                ...BoardColumn
              }
              stable: incidents(status: STABLE, first: 100) {
                ...BoardColumn
              }
            }

            fragment BoardCard on Incident {
              id
              kind
              severity
              status
              sensitivity
              redacted
              occurredAt
              summary
              area {
                name
              }
              tasks {
                due
                status
              }
            }

            fragment BoardColumn on IncidentConnection {
              totalCount
              edges {
                node {
                  ...BoardCard
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="Board", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Board.model_validate(data)

    async def actor_incidents(self, actor_id: str, **kwargs: Any) -> ActorIncidents:
        query = gql("""
            query ActorIncidents($actorId: ID!) {
              incidents(actorId: $actorId, first: 50) {
                totalCount
                edges {
                  node {
                    id
                    kind
                    severity
                    status
                    redacted
                    occurredAt
                    area {
                      name
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"actorId": actor_id}
        response = await self.execute(
            query=query, operation_name="ActorIncidents", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ActorIncidents.model_validate(data)

    async def incident(self, id: str, **kwargs: Any) -> Incident:
        query = gql("""
            query Incident($id: ID!) {
              incident(id: $id) {
                id
                kind
                severity
                place
                occurredAt
                reportedAt
                sensitivity
                summary
                restrictedDetails
                status
                statusAt
                redacted
                version
                personalDataErased
                area {
                  id
                  name
                }
                reportingActor {
                  id
                  name
                }
                statusHistory {
                  status
                  at
                  reason
                }
                roles {
                  role
                  actor {
                    id
                    name
                  }
                }
                tasks {
                  id
                  title
                  due
                  priority
                  status
                  assignee {
                    id
                    name
                  }
                }
                timeline {
                  id
                  kind
                  at
                  text
                  pinned
                  author {
                    id
                    name
                  }
                }
                tacticalReport {
                  version
                  at
                  conditions
                  actions
                  needs
                  author {
                    name
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Incident", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Incident.model_validate(data)

    async def report_incident(
        self, input: ReportIncidentInput, **kwargs: Any
    ) -> ReportIncident:
        query = gql("""
            mutation ReportIncident($input: ReportIncidentInput!) {
              reportIncident(input: $input) {
                position
                incident {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="ReportIncident", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ReportIncident.model_validate(data)

    async def add_incident_task(
        self, input: AddIncidentTaskInput, **kwargs: Any
    ) -> AddIncidentTask:
        query = gql("""
            mutation AddIncidentTask($input: AddIncidentTaskInput!) {
              addIncidentTask(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="AddIncidentTask", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return AddIncidentTask.model_validate(data)

    async def complete_incident_task(
        self, input: CompleteIncidentTaskInput, **kwargs: Any
    ) -> CompleteIncidentTask:
        query = gql("""
            mutation CompleteIncidentTask($input: CompleteIncidentTaskInput!) {
              completeIncidentTask(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="CompleteIncidentTask",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CompleteIncidentTask.model_validate(data)

    async def add_timeline_entry(
        self, input: AddTimelineEntryInput, **kwargs: Any
    ) -> AddTimelineEntry:
        query = gql("""
            mutation AddTimelineEntry($input: AddTimelineEntryInput!) {
              addTimelineEntry(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="AddTimelineEntry",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return AddTimelineEntry.model_validate(data)

    async def change_incident_status(
        self, input: ChangeIncidentStatusInput, **kwargs: Any
    ) -> ChangeIncidentStatus:
        query = gql("""
            mutation ChangeIncidentStatus($input: ChangeIncidentStatusInput!) {
              changeIncidentStatus(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="ChangeIncidentStatus",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ChangeIncidentStatus.model_validate(data)

    async def incident_events(self, **kwargs: Any) -> AsyncIterator[IncidentEvents]:
        query = gql("""
            subscription IncidentEvents {
              incidentEvents {
                type
                incidentId
                incident {
                  status
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        async for data in self.execute_ws(
            query=query, operation_name="IncidentEvents", variables=variables, **kwargs
        ):
            yield IncidentEvents.model_validate(data)

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

    async def national_tables(
        self, from_: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> NationalTables:
        query = gql("""
            query NationalTables($from: String) {
              nationalOverview(from: $from) {
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
                  columnTotals {
                    figure {
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
        variables: dict[str, object] = {"from": from_}
        response = await self.execute(
            query=query, operation_name="NationalTables", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return NationalTables.model_validate(data)

    async def national_cells(
        self, from_: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> NationalCells:
        query = gql("""
            query NationalCells($from: String) {
              nationalOverview(from: $from) {
                tables {
                  rows {
                    cells {
                      figure {
                        value
                      }
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"from": from_}
        response = await self.execute(
            query=query, operation_name="NationalCells", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return NationalCells.model_validate(data)

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

    async def outcomes(
        self, area_id: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> Outcomes:
        query = gql("""
            query Outcomes($areaId: ID) {
              outcomes(areaId: $areaId) {
                strategy
                safetyIndex {
                  areaId
                  period
                  feelingSafe
                  respondents
                  invited
                  feelingSafeInterval {
                    low
                    high
                  }
                }
                incidentsPerMonth {
                  areaId
                  month
                  incidents
                }
                activitiesPerFocusArea {
                  focusAreaId
                  title
                  activities
                  active
                }
                indicators {
                  indicatorId
                  focusAreaId
                  name
                  unit
                  direction
                  target
                  latest
                  onTarget
                  measurements {
                    period
                    value
                    areaId
                  }
                }
                cost {
                  hourlyRate
                  activities {
                    id
                    title
                    hours
                    budget
                    participantsReached
                    cost
                    costPerParticipant
                  }
                  focusAreas {
                    focusAreaId
                    activities
                    withParticipants
                    cost
                    participantsReached
                    costPerParticipant
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"areaId": area_id}
        response = await self.execute(
            query=query, operation_name="Outcomes", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Outcomes.model_validate(data)

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

    async def practices(
        self,
        theme: Union[Optional[Theme], UnsetType] = UNSET,
        target_age: Union[Optional[int], UnsetType] = UNSET,
        search: Union[Optional[str], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Practices:
        query = gql("""
            query Practices($theme: Theme, $targetAge: Int, $search: String, $after: String) {
              practices(
                theme: $theme
                targetAge: $targetAge
                search: $search
                first: 20
                after: $after
              ) {
                totalCount
                edges {
                  node {
                    id
                    municipality {
                      code
                      name
                      country
                    }
                    sharedAt
                    title
                    description
                    themes
                    targetGroup
                    targetAgeFrom
                    targetAgeTo
                    partnerSectors
                    partners {
                      name
                      sector
                    }
                    hours
                    budget
                    results {
                      indicator
                      unit
                      value
                      target
                      period
                    }
                    contact {
                      name
                      sector
                    }
                    activityId
                  }
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "theme": theme,
            "targetAge": target_age,
            "search": search,
            "after": after,
        }
        response = await self.execute(
            query=query, operation_name="Practices", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Practices.model_validate(data)

    async def support_offers(
        self, theme: Union[Optional[Theme], UnsetType] = UNSET, **kwargs: Any
    ) -> SupportOffers:
        query = gql("""
            query SupportOffers($theme: Theme) {
              supportOffers(theme: $theme) {
                id
                title
                provider
                themes
                areaKinds
                eligibility
                deadline
                link
              }
            }
            """)
        variables: dict[str, object] = {"theme": theme}
        response = await self.execute(
            query=query, operation_name="SupportOffers", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SupportOffers.model_validate(data)

    async def shared_practices(
        self,
        activity_id: str,
        at_least: Union[Optional[list[str]], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> SharedPractices:
        query = gql("""
            query SharedPractices($activityId: ID!, $atLeast: [String!]) {
              practices(activityId: $activityId, first: 1, atLeast: $atLeast) {
                edges {
                  node {
                    id
                    sharedAt
                    activityId
                    partners {
                      name
                    }
                    contact {
                      name
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"activityId": activity_id, "atLeast": at_least}
        response = await self.execute(
            query=query, operation_name="SharedPractices", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SharedPractices.model_validate(data)

    async def share_practice(
        self, input: SharePracticeInput, **kwargs: Any
    ) -> SharePractice:
        query = gql("""
            mutation SharePractice($input: SharePracticeInput!) {
              sharePractice(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="SharePractice", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SharePractice.model_validate(data)

    async def withdraw_practice(
        self, input: WithdrawPracticeInput, **kwargs: Any
    ) -> WithdrawPractice:
        query = gql("""
            mutation WithdrawPractice($input: WithdrawPracticeInput!) {
              withdrawPractice(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="WithdrawPractice",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return WithdrawPractice.model_validate(data)

    async def situation_picture(
        self,
        area_id: str,
        week: str,
        at_least: Union[Optional[list[str]], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> SituationPicture:
        query = gql("""
            query SituationPicture($areaId: ID!, $week: String!, $atLeast: [String!]) {
              situationPicture(areaId: $areaId, week: $week, atLeast: $atLeast) {
                week
                observations
                categories {
                  category
                  thisWeek
                  previousWeeks
                  previousWeeksAverage
                  sameWeekLastYear
                }
                hotSpots {
                  place
                  observations
                  thisWeek
                  categories
                  lastObservedAt
                }
                incidents {
                  id
                  kind
                  severity
                  status
                  occurredAt
                }
                safetyWalkActions {
                  id
                  sourceId
                  due
                  overdue
                  owner: ownerActorId
                }
                incidentTasks {
                  id
                  sourceId
                  due
                  overdue
                  owner: ownerActorId
                }
                decisions {
                  id
                  week
                  action
                  due
                  status
                  overdue
                  owner {
                    id
                    name
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "areaId": area_id,
            "week": week,
            "atLeast": at_least,
        }
        response = await self.execute(
            query=query,
            operation_name="SituationPicture",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return SituationPicture.model_validate(data)

    async def record_situation_decision(
        self, input: RecordSituationDecisionInput, **kwargs: Any
    ) -> RecordSituationDecision:
        query = gql("""
            mutation RecordSituationDecision($input: RecordSituationDecisionInput!) {
              recordSituationDecision(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="RecordSituationDecision",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return RecordSituationDecision.model_validate(data)

    async def change_situation_decision_status(
        self, input: ChangeSituationDecisionStatusInput, **kwargs: Any
    ) -> ChangeSituationDecisionStatus:
        query = gql("""
            mutation ChangeSituationDecisionStatus($input: ChangeSituationDecisionStatusInput!) {
              changeSituationDecisionStatus(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="ChangeSituationDecisionStatus",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ChangeSituationDecisionStatus.model_validate(data)

    async def safety_walks(
        self, area_id: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> SafetyWalks:
        query = gql("""
            query SafetyWalks($areaId: ID) {
              safetyWalks(areaId: $areaId, first: 50) {
                totalCount
                edges {
                  node {
                    id
                    walkedOn
                    residents
                    area {
                      name
                    }
                    findings {
                      id
                    }
                    actions {
                      ...ActionRow
                    }
                  }
                }
              }
              safetyWalkReport(areaId: $areaId) {
                walks
                residents
                medianDaysToFix
                findingsByKind {
                  kind
                  findings
                }
              }
            }

            fragment ActionRow on FindingAction {
              id
              findingId
              deadline
              status
              reason
              owner {
                id
                name
              }
            }
            """)
        variables: dict[str, object] = {"areaId": area_id}
        response = await self.execute(
            query=query, operation_name="SafetyWalks", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SafetyWalks.model_validate(data)

    async def safety_walk(self, id: str, **kwargs: Any) -> SafetyWalk:
        query = gql("""
            query SafetyWalk($id: ID!) {
              safetyWalk(id: $id) {
                id
                walkedOn
                residents
                version
                area {
                  id
                  name
                }
                participants {
                  id
                  name
                }
                followsWalk {
                  id
                  walkedOn
                }
                findings {
                  id
                  kind
                  actions {
                    ...ActionRow
                  }
                }
              }
            }

            fragment ActionRow on FindingAction {
              id
              findingId
              deadline
              status
              reason
              owner {
                id
                name
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="SafetyWalk", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SafetyWalk.model_validate(data)

    async def record_finding(
        self, input: RecordFindingInput, **kwargs: Any
    ) -> RecordFinding:
        query = gql("""
            mutation RecordFinding($input: RecordFindingInput!) {
              recordFinding(input: $input) {
                position
                finding {
                  id
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="RecordFinding", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RecordFinding.model_validate(data)

    async def assign_finding_action(
        self, input: AssignFindingActionInput, **kwargs: Any
    ) -> AssignFindingAction:
        query = gql("""
            mutation AssignFindingAction($input: AssignFindingActionInput!) {
              assignFindingAction(input: $input) {
                position
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query,
            operation_name="AssignFindingAction",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return AssignFindingAction.model_validate(data)
