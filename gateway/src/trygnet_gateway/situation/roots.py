"""The situation picture's root fields: the picture (reporting), an observation and the
writes (the incidents service)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

import strawberry

from trygnet_core.errors import NotFound
from trygnet_core.weeks import iso_week
from trygnet_gateway import writes
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.reporting.reads import AsOf, AtLeast, report
from trygnet_gateway.situation.inputs import (
    ABOUT_WEEK,
    ChangeSituationDecisionStatusInput,
    EraseObservationDescriptionInput,
    FileObservationInput,
    ImportObservationsInput,
    LinkObservationToIncidentInput,
    RecordSituationDecisionInput,
)
from trygnet_gateway.situation.types import (
    SERVICE,
    ImportObservationsPayload,
    Observation,
    ObservationPayload,
    SituationDecision,
    SituationDecisionPayload,
    SituationPicture,
)

WEEK_PATH = "/situation/{area_id}/{week}"


async def observation_by_id(info: Info, observation_id: str) -> Observation | None:
    try:
        answer = await info.context.call(
            SERVICE, "GET", f"/observations/{quote(observation_id, safe='')}"
        )
    except NotFound:
        return None
    return Observation.of(answer)


@writes.answers(ObservationPayload)
async def _observation_payload(info: Info, written: writes.Written) -> Any:
    observation = found(await observation_by_id(info, written.id), "observation")
    return ObservationPayload(observation=observation, position=written.position)


async def _decision_payload(
    info: Info, written: writes.Written, area_id: str, week: str, decision_id: str
) -> Any:
    path = f"/situation/{quote(area_id, safe='')}/{week}"
    answer = await info.context.call(SERVICE, "GET", path)
    item = next((d for d in answer["decisions"] if d["decisionId"] == decision_id), None)
    decision = found(item, "decision")
    today = date.today()
    return SituationDecisionPayload(
        decision=SituationDecision.of(decision, week, today=today), position=written.position
    )


_observation_command = writes.commands(SERVICE, _observation_payload)


@strawberry.type
class Query:
    @strawberry.field(
        description="An area's weekly situation picture: observations by category against "
        "the four weeks before and the same week last year, hot spots, the week's incidents, "
        "open and overdue safety-walk actions and incident tasks, and the decisions of the "
        "week. A week that is not an ISO week is BAD_USER_INPUT naming `week`."
    )
    async def situation_picture(
        self,
        info: Info,
        area_id: Annotated[strawberry.ID, strawberry.argument(description="The area.")],
        week: Annotated[str, strawberry.argument(description=ABOUT_WEEK)],
        as_of: AsOf = None,
        at_least: AtLeast = None,
    ) -> SituationPicture:
        params = {"week": iso_week(week), "asOf": as_of}
        answer = await report(
            info, "/situation-picture", area_id=area_id, at_least=at_least, params=params
        )
        return SituationPicture.of(answer)

    @strawberry.field(
        description="One observation, as you may see it (NOT_FOUND when there is none)."
    )
    async def observation(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The observation's id.")],
    ) -> Observation:
        return found(await observation_by_id(info, id), "observation")


@strawberry.type
class Mutation:
    file_observation = _observation_command(
        "POST /observations",
        FileObservationInput,
        "File an observation for the weekly situation picture.",
    )
    link_observation_to_incident = _observation_command(
        "POST /observations/{observation_id}/incident",
        LinkObservationToIncidentInput,
        "Record the incident an observation led to.",
    )
    erase_observation_description = _observation_command(
        "DELETE /observations/{observation_id}/description",
        EraseObservationDescriptionInput,
        "Erase an observation's description, for good (coordinators).",
    )

    @strawberry.mutation(
        description="File observations from a CSV file, all or nothing: a file with a bad "
        "row writes nothing, and every bad row is named by line and column."
    )
    async def import_observations(
        self, info: Info, input: writes.Input[ImportObservationsInput]
    ) -> ImportObservationsPayload:
        answer = await writes.import_file(info, SERVICE, "/imports/observations", input)
        return ImportObservationsPayload.of(answer)

    @writes.mutation(
        SituationDecisionPayload, "Record an action decided on an area's weekly picture."
    )
    async def record_situation_decision(
        self, info: Info, input: writes.Input[RecordSituationDecisionInput]
    ) -> Any:
        input.week = iso_week(input.week)
        written = await writes.write(info, SERVICE, "POST", f"{WEEK_PATH}/decisions", input)
        decision_id = written.made("decisionId")
        return await _decision_payload(info, written, input.area_id, input.week, decision_id)

    @writes.mutation(SituationDecisionPayload, "Follow a decision up: open, done or cancelled.")
    async def change_situation_decision_status(
        self, info: Info, input: writes.Input[ChangeSituationDecisionStatusInput]
    ) -> Any:
        input.week = iso_week(input.week)
        path = f"{WEEK_PATH}/decisions/{{decision_id}}/status"
        written = await writes.write(info, SERVICE, "POST", path, input)
        return await _decision_payload(
            info, written, input.area_id, input.week, str(input.decision_id)
        )
