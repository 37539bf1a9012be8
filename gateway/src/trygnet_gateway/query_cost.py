"""What a query costs, priced from its text (and its variables) before anything runs.

A unit of cost is one value in the answer, about 10 µs of the platform's work on two
cores (a value of a report's table costs less, an entity fetched for it more). A query is
priced as the sum of its fields:

- a field costs its **own** cost: 1, or, for a root field, the work its service does to
  answer it (``ROOT_COSTS``: one call to a service, a report computed, a write);
- a field with a selection adds the cost of that selection, **times** the number of
  objects it can answer: ``first`` for a connection (the largest page when ``first`` is
  absent or null; its value when it is a variable), the bound in ``LIST_BOUNDS`` for any
  other list (``DEFAULT_LIST_BOUND`` when none is declared), 1 for a single object;
- a list of scalars costs its bound (that many values);
- a field of objects in a list whose work the request shares across them (a loader reads
  once per distinct arguments: ``Actor.contribution``) costs its ``SHARED_COSTS`` once
  each time it appears in the text, outside the list's multiplier, so a page of actors
  with their contributions is one report and aliases over many periods are many;
- every alias, every field of a fragment and every spread of a fragment (named or
  inline) counts each time it appears: ``{ a: directory {…} b: directory {…} }`` costs
  two directories, and a fragment spread twice costs twice. Each fragment is priced
  once per request (then remembered), so a fan-out of fragments spreading fragments is
  priced in time proportional to the text, not to the paths it would make;
- introspection (``__schema``, ``__type``) is priced like any selection, its lists
  bounded by the schema's own average sizes (``introspection_cost``: the types, a
  type's fields, a field's arguments…), so aliases of it count as every alias does; its
  values are answered from memory, at about a fifth of a unit each
  (``INTROSPECTION_VALUES_PER_UNIT``). GraphiQL's whole introspection fits many times
  under the limit; fifty copies of it in one request do not.

The bounds are the sizes a large municipality has (the demo's largest has 60 actors,
124 ties, 215 coordination gaps): a query's price is what it would cost there. A test
checks that every root field of the schema has a cost here, so a new one cannot be
forgotten.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

from trygnet_gateway.fragment_walk import FragmentWalk, fragments_of
from trygnet_gateway.introspection_cost import INTROSPECTION_VALUES_PER_UNIT, introspection_bounds

READ: Final = 300
"""One call to a service answering one entity or one page (its rows are priced apart):
about 3 ms of the platform's work, most of it the HTTP round trip between processes."""
WRITE: Final = 1_000
"""One command: a transaction and an event (mutations run one after another)."""
REPORT: Final = 400
"""A report read from reporting's projections."""

ROOT_COSTS: Final[Mapping[str, Mapping[str, int]]] = {
    "Query": {
        "me": 1,
        "areas": READ,
        "actors": READ,
        "actor": READ,
        "partnerships": READ,
        "partnership": READ,
        "fora": READ,
        "forum": READ,
        "activities": READ,
        "activity": READ,
        "safetyWalks": READ,
        "safetyWalk": READ,
        "strategy": READ,
        "hourlyRate": READ,
        "surveyWaves": READ,
        "incidents": READ,
        "incident": READ,
        "escalationMatrix": READ,
        "directory": REPORT,
        "collaborationNetwork": REPORT,
        "coordinationGaps": 2 * REPORT,  # compared pair by pair at each read
        "incidentResponse": REPORT,
        "safetyWalkReport": REPORT,
        "outcomes": REPORT,
        "contributions": REPORT,
        "nationalOverview": 4 * REPORT,  # every municipality's figures, suppressed
        "practices": 2 * REPORT,  # every municipality's shared practices, filtered at each read
        "supportOffers": REPORT,
        "observation": READ,
        "situationPicture": 2 * REPORT,  # observations, incidents, actions and decisions
    },
    "Mutation": {
        **{
            name: WRITE
            for name in [
                "defineArea",
                "renameArea",
                "registerActor",
                "updateActor",
                "setActorAreas",
                "setActorLevels",
                "setActorThemes",
                "deactivateActor",
                "reactivateActor",
                "addContact",
                "updateContact",
                "removeContact",
                "eraseContact",
                "retireArea",
                "createPartnership",
                "joinPartnership",
                "leavePartnership",
                "createForum",
                "joinForum",
                "leaveForum",
                "createActivity",
                "updateActivity",
                "joinActivity",
                "leaveActivity",
                "adoptStrategy",
                "recordMeasurement",
                "openSurveyWave",
                "closeSurveyWave",
                "recordSurveyResponse",
                "recordMeeting",
                "changeFollowUpStatus",
                "changeActivityStatus",
                "recordSafetyWalk",
                "recordFinding",
                "assignFindingAction",
                "updateFindingAction",
                "addFocusArea",
                "addIndicator",
                "reportIncident",
                "linkIncidents",
                "eraseIncidentPersonalData",
                "assignIncidentRole",
                "releaseIncidentRole",
                "changeIncidentTaskStatus",
                "pinTimelineEntry",
                "unpinTimelineEntry",
                "updateTacticalReport",
                "recordFollowUpActivity",
                "changeIncidentStatus",
                "addIncidentTask",
                "completeIncidentTask",
                "addTimelineEntry",
                "setHourlyRate",
                "setEscalationRules",
                "removeEscalationRule",
                "sharePractice",
                "withdrawPractice",
                "publishSupportOffer",
                "fileObservation",
                "linkObservationToIncident",
                "eraseObservationDescription",
                "recordSituationDecision",
                "changeSituationDecisionStatus",
            ]
        },
        "mergeActors": 2 * WRITE,  # two streams, and the merged actor's references
        "importActors": 10 * WRITE,  # a file of rows, one command each
        "importObservations": 10 * WRITE,  # a file of rows, one command each
        "recordSafetyIndexResults": 4 * WRITE,  # a file of results
    },
    "Subscription": {"incidentEvents": READ},
}

DEFAULT_LIST_BOUND: Final = 10
"""Objects a list without a declared bound is priced at."""

LIST_BOUNDS: Final[Mapping[str, int]] = {
    # the collaboration network (the demo's largest: 60 nodes, 124 ties, 26 sector pairs)
    "CollaborationNetwork.nodes": 100,
    "CollaborationNetwork.edges": 250,
    "CollaborationNetwork.componentSizes": 30,
    "CollaborationNetwork.sectorPairs": 30,
    "CollaborationNetwork.levelPairs": 10,
    "NetworkEdge.groups": 5,
    "NetworkNode.levels": 3,
    "SurveyComparison.ties": 250,
    "SurveyComparison.surveyOnly": 250,
    "SurveyComparison.observedOnly": 250,
    "SurveyComparison.both": 250,
    # the directory and the coordination gaps (60 actors; 215 gaps of 2 activities)
    "Directory.actors": 100,
    "Directory.byLevel": 3,
    "DirectoryEntry.levels": 3,
    "Query.coordinationGaps": 250,
    "CoordinationGap.activities": 2,
    "GapActivity.actors": 5,
    # incident response, outcomes, the national tables (98 municipalities)
    "IncidentResponse.incidents": 100,
    "IncidentResponse.byAreaAndMonth": 100,
    "Outcomes.safetyIndex": 30,
    "Outcomes.incidentsPerMonth": 60,
    "Query.contributions": 100,
    "ContributionEffect.focusAreas": 8,
    "FocusAreaEffect.indicators": 4,
    "ContributionEffect.safetyIndex": 3,
    "Contribution.activities": 10,
    "OutcomeCosts.activities": 60,
    "NationalOverview.tables": 5,
    "NationalTable.rows": 100,
    "NationalTable.columns": 12,
    "NationalTable.columnTotals": 12,
    "NationalRow.cells": 12,
    # entities
    "Query.areas": 30,
    "Actor.levels": 3,
    "Partnership.members": 60,
    "Forum.meetings": 30,
    "Forum.members": 30,
    "Forum.followUps": 30,
    "Meeting.attendees": 30,
    "SafetyWalk.findings": 15,
    "Finding.actions": 3,
    "SafetyWalk.actions": 30,
    "SafetyWalk.participants": 20,
    "Strategy.measurements": 50,
    "Strategy.safetyIndexResults": 30,
    "SurveyWave.responses": 60,
    "SurveyResponse.ratings": 20,
    "Incident.timeline": 100,
    "Incident.tasks": 20,
    "Incident.alerts": 20,
    "Incident.roles": 20,
    "EscalationMatrix.rules": 20,
    "ImportActorsPayload.errors": 100,
}

SHARED_COSTS: Final[Mapping[str, int]] = {
    "Actor.contribution": REPORT,
}
"""Fields of an object in a list whose work every object of the request shares (one
read per distinct arguments, made by a loader): priced once for each time the field
appears in the text, not once per object. ``actors { edges { node { contribution } } }``
is one report; every alias of it with another period is one more."""

_META: Final = frozenset({"__schema", "__type"})


def price(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    *,
    max_page: int,
) -> int:
    """The cost of the operation the request runs (0 when the document names none)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name is not None and o.name.value == operation_name)
    ]
    if len(chosen) != 1:
        return 0
    operation = chosen[0]
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    pricing = _Pricing(schema, fragments_of(document), variables or {}, max_page)
    return pricing.selection(operation.selection_set, root) + pricing.shared


class _Pricing(FragmentWalk):
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        max_page: int,
    ) -> None:
        super().__init__(fragments)
        self.schema = schema
        self.variables = variables
        self.max_page = max_page
        self.shared = 0
        """``SHARED_COSTS`` of the fields seen, outside every list's multiplier."""

    def selection(self, selection: SelectionSetNode | None, parent: GraphQLNamedType) -> int:
        if selection is None:
            return 0
        total = 0
        for node in selection.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection(node.selection_set, inner or parent)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
        return total

    def of_fragment(self, definition: FragmentDefinitionNode) -> int:
        on = self.schema.get_type(definition.type_condition.name.value)
        return 0 if on is None else self.selection(definition.selection_set, on)

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        name = node.name.value
        if name in _META:
            meta = self.schema.get_type("__Schema" if name == "__schema" else "__Type")
            values = self.selection(node.selection_set, meta) if meta is not None else 1
            return max(1, -(-values // INTROSPECTION_VALUES_PER_UNIT))
        if name == "__typename" or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 1
        definition = parent.fields.get(name)
        if definition is None:
            return 1
        own = ROOT_COSTS.get(parent.name, {}).get(name, 1)
        self.shared += SHARED_COSTS.get(f"{parent.name}.{name}", 0)
        times = self.times(node, definition, parent)
        if node.selection_set is None:
            return own + (times if is_list_type(get_nullable_type(definition.type)) else 0)
        inner = self.selection(node.selection_set, get_named_type(definition.type))
        return own + times * inner

    def times(self, node: FieldNode, definition: GraphQLField, parent: GraphQLNamedType) -> int:
        """How many objects the field can answer."""
        if "first" in definition.args:
            return self.first(node)
        if not is_list_type(get_nullable_type(definition.type)):
            return 1
        if parent.name.endswith("Connection"):
            return 1  # a connection's edges: its field's ``first`` priced them
        key = f"{parent.name}.{node.name.value}"
        if parent.name.startswith("__"):
            return introspection_bounds(self.schema).get(key, DEFAULT_LIST_BOUND)
        return LIST_BOUNDS.get(key, DEFAULT_LIST_BOUND)

    def first(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(1, int(value.value))
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int) and not isinstance(given, bool):
                    return max(1, given)
        return self.max_page
