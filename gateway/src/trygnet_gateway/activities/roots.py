"""The activities domain's root fields: queries, mutations (one command each) and subscriptions."""

from __future__ import annotations

import enum
import uuid
from typing import Annotated

import strawberry

from trygnet_gateway.activities.inputs.activity import (
    ChangeActivityStatusInput,
    CreateActivityInput,
    JoinActivityInput,
    LeaveActivityInput,
    UpdateActivityInput,
)
from trygnet_gateway.activities.inputs.fora import (
    ChangeFollowUpStatusInput,
    CreateForumInput,
    JoinForumInput,
    LeaveForumInput,
    RecordMeetingInput,
)
from trygnet_gateway.activities.inputs.partnerships import (
    CreatePartnershipInput,
    JoinPartnershipInput,
    LeavePartnershipInput,
)
from trygnet_gateway.activities.inputs.safety_walks import (
    AssignFindingActionInput,
    RecordFindingInput,
    RecordSafetyWalkInput,
    UpdateFindingActionInput,
)
from trygnet_gateway.activities.inputs.strategy import (
    AddFocusAreaInput,
    AddIndicatorInput,
    AdoptStrategyInput,
    RecordMeasurementInput,
    RecordSafetyIndexResultsInput,
)
from trygnet_gateway.activities.inputs.surveys import (
    CloseSurveyWaveInput,
    OpenSurveyWaveInput,
    RecordSurveyResponseInput,
)
from trygnet_gateway.activities.reads import SERVICE, page_of, strategy_read
from trygnet_gateway.activities.types.activity import Activity, activity_by_id
from trygnet_gateway.activities.types.fora import Forum, forum_by_id
from trygnet_gateway.activities.types.partnerships import Partnership, partnership_by_id
from trygnet_gateway.activities.types.payloads import (
    ActivityPayload,
    FindingActionPayload,
    FindingPayload,
    FocusAreaPayload,
    ForumPayload,
    IndicatorPayload,
    MeetingPayload,
    PartnershipPayload,
    SafetyWalkPayload,
    StrategyPayload,
    SurveyWavePayload,
)
from trygnet_gateway.activities.types.safety_walks import SafetyWalk, safety_walk_by_id
from trygnet_gateway.activities.types.strategy import Indicator, Strategy, strategy_of
from trygnet_gateway.activities.types.surveys import SurveyWave, survey_wave_by_id
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.relay import After, Connection, First
from trygnet_gateway.vocabulary import ActivityStatus, Level, Theme
from trygnet_gateway.writes import ABOUT_INPUT, Written, command, write

# -- roots ---------------------------------------------------------------------------


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex}"


def _value(value: enum.Enum | None) -> str | None:
    return str(value.value) if value is not None else None


@strawberry.type
class Query:
    @strawberry.field(description="Partnerships, by name.")
    async def partnerships(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only partnerships covering this area."),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Partnership]:
        return await page_of(info, "partnerships", Partnership.of, first, after, areaId=area_id)

    @strawberry.field(description="One partnership; NOT_FOUND for an id not in the municipality.")
    async def partnership(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The partnership's id.")],
    ) -> Partnership:
        return found(await partnership_by_id(info, id), "partnership")

    @strawberry.field(description="Coordinating fora, by name.")
    async def fora(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only fora of this area. Fora hold no area of their own, so today any"
                " area answers an empty list."
            ),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Forum]:
        return await page_of(info, "fora", Forum.of, first, after, areaId=area_id)

    @strawberry.field(
        description="One forum with its meetings; NOT_FOUND if not in the municipality."
    )
    async def forum(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The forum's id.")],
    ) -> Forum:
        return found(await forum_by_id(info, id), "forum")

    @strawberry.field(description="Activities, filtered, by title.")
    async def activities(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only activities in this area.")
        ] = None,
        theme: Annotated[
            Theme | None, strawberry.argument(description="Only activities with this theme.")
        ] = None,
        status: Annotated[
            ActivityStatus | None,
            strawberry.argument(description="Only activities with this status."),
        ] = None,
        level: Annotated[
            Level | None, strawberry.argument(description="Only activities on this level.")
        ] = None,
        focus_area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only activities serving this focus area of the strategy."
            ),
        ] = None,
        owner_actor_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only activities this actor owns."),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Activity]:
        return await page_of(
            info,
            "activities",
            Activity.of,
            first,
            after,
            areaId=area_id,
            theme=_value(theme),
            status=_value(status),
            level=_value(level),
            focusAreaId=focus_area_id,
            ownerActorId=owner_actor_id,
        )

    @strawberry.field(description="One activity; NOT_FOUND for an id not in the municipality.")
    async def activity(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The activity's id.")],
    ) -> Activity:
        return found(await activity_by_id(info, id), "activity")

    @strawberry.field(description="Safety walks, by area.")
    async def safety_walks(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only walks in this area.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[SafetyWalk]:
        return await page_of(info, "safety-walks", SafetyWalk.of, first, after, areaId=area_id)

    @strawberry.field(description="One safety walk; NOT_FOUND for an id not in the municipality.")
    async def safety_walk(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The walk's id.")],
    ) -> SafetyWalk:
        return found(await safety_walk_by_id(info, id), "safety walk")

    @strawberry.field(description="The joint strategy, or null before it is adopted.")
    async def strategy(self, info: Info) -> Strategy | None:
        return await strategy_of(info)

    @strawberry.field(description="Relationship-survey waves, by title.")
    async def survey_waves(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[SurveyWave]:
        return await page_of(info, "surveys", SurveyWave.of, first, after)


async def _partnership_payload(info: Info, written: Written) -> PartnershipPayload:
    partnership = found(await partnership_by_id(info, written.id, fresh=True), "partnership")
    return PartnershipPayload(partnership=partnership, position=written.position)


async def _forum_payload(info: Info, written: Written) -> ForumPayload:
    forum = found(await forum_by_id(info, written.id, fresh=True), "forum")
    return ForumPayload(forum=forum, position=written.position)


async def _activity_payload(info: Info, written: Written) -> ActivityPayload:
    activity = found(await activity_by_id(info, written.id, fresh=True), "activity")
    return ActivityPayload(activity=activity, position=written.position)


async def _action_payload(info: Info, written: Written, action_id: str) -> FindingActionPayload:
    walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
    action = next(a for a in walk.actions if a.id == action_id)
    return FindingActionPayload(safety_walk=walk, action=action, position=written.position)


async def _strategy_payload(info: Info, written: Written) -> StrategyPayload:
    strategy = found(await strategy_of(info, fresh=True), "strategy")
    return StrategyPayload(strategy=strategy, position=written.position)


async def _wave_payload(info: Info, written: Written) -> SurveyWavePayload:
    wave = found(await survey_wave_by_id(info, written.id, fresh=True), "survey wave")
    return SurveyWavePayload(survey_wave=wave, position=written.position)


@strawberry.type
class Mutation:
    # partnerships and fora

    create_partnership: PartnershipPayload = command(
        SERVICE,
        "POST",
        "/partnerships",
        CreatePartnershipInput,
        _partnership_payload,
        description="Establish a partnership (coordinators).",
    )

    join_partnership: PartnershipPayload = command(
        SERVICE,
        "POST",
        "/partnerships/{partnership_id}/members",
        JoinPartnershipInput,
        _partnership_payload,
        description="An actor joins a partnership, or changes its role there.",
    )

    leave_partnership: PartnershipPayload = command(
        SERVICE,
        "DELETE",
        "/partnerships/{partnership_id}/members/{actor_id}",
        LeavePartnershipInput,
        _partnership_payload,
        description="An actor leaves a partnership.",
    )

    create_forum: ForumPayload = command(
        SERVICE,
        "POST",
        "/fora",
        CreateForumInput,
        _forum_payload,
        description="Establish a coordinating forum.",
    )

    join_forum: ForumPayload = command(
        SERVICE,
        "POST",
        "/fora/{forum_id}/members",
        JoinForumInput,
        _forum_payload,
        description="An actor joins a forum.",
    )

    leave_forum: ForumPayload = command(
        SERVICE,
        "DELETE",
        "/fora/{forum_id}/members/{actor_id}",
        LeaveForumInput,
        _forum_payload,
        description="An actor leaves a forum.",
    )

    @strawberry.mutation(description="Record a forum's meeting, its minutes and follow-ups.")
    async def record_meeting(
        self,
        info: Info,
        input: Annotated[RecordMeetingInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> MeetingPayload:
        follow_ups = [
            {
                "followUpId": f.follow_up_id if f.follow_up_id else new_id("follow-up"),
                "description": f.description,
                "actorId": f.actor_id,
                "due": f.due,
            }
            for f in input.follow_ups
        ]
        path = "/fora/{forum_id}/meetings"
        written = await write(info, SERVICE, "POST", path, input, extra={"followUps": follow_ups})
        forum = found(await forum_by_id(info, written.id, fresh=True), "forum")
        meeting_id = written.made("meetingId")
        meeting = next(m for m in forum.meetings if m.id == meeting_id)
        return MeetingPayload(forum=forum, meeting=meeting, position=written.position)

    @strawberry.mutation(description="A follow-up is open, done or cancelled.")
    async def change_follow_up_status(
        self,
        info: Info,
        input: Annotated[ChangeFollowUpStatusInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> ForumPayload:
        path = "/fora/{forum_id}/follow-ups/{follow_up_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _forum_payload(info, written)

    # activities

    create_activity: ActivityPayload = command(
        SERVICE,
        "POST",
        "/activities",
        CreateActivityInput,
        _activity_payload,
        description="Create an activity (its owner's staff or coordinators).",
    )

    update_activity: ActivityPayload = command(
        SERVICE,
        "PATCH",
        "/activities/{activity_id}",
        UpdateActivityInput,
        _activity_payload,
        description="Change an activity's details: only the fields given.",
    )

    join_activity: ActivityPayload = command(
        SERVICE,
        "POST",
        "/activities/{activity_id}/partners",
        JoinActivityInput,
        _activity_payload,
        description="An actor joins an activity, or changes its role there.",
    )

    leave_activity: ActivityPayload = command(
        SERVICE,
        "DELETE",
        "/activities/{activity_id}/partners/{actor_id}",
        LeaveActivityInput,
        _activity_payload,
        description="An actor leaves an activity.",
    )

    @strawberry.mutation(description="planned → active ⇄ paused, and to ended, which is final.")
    async def change_activity_status(
        self,
        info: Info,
        input: Annotated[ChangeActivityStatusInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> ActivityPayload:
        path = "/activities/{activity_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _activity_payload(info, written)

    # safety walks

    @strawberry.mutation(description="Record a safety walk (a follow-up names an earlier walk).")
    async def record_safety_walk(
        self,
        info: Info,
        input: Annotated[RecordSafetyWalkInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> SafetyWalkPayload:
        written = await write(info, SERVICE, "POST", "/safety-walks", input)
        walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
        return SafetyWalkPayload(safety_walk=walk, position=written.position)

    @strawberry.mutation(description="Record what a safety walk found.")
    async def record_finding(
        self,
        info: Info,
        input: Annotated[RecordFindingInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FindingPayload:
        path = "/safety-walks/{walk_id}/findings"
        written = await write(info, SERVICE, "POST", path, input)
        walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
        finding_id = written.made("findingId")
        finding = next(f for f in walk.findings if f.id == finding_id)
        return FindingPayload(safety_walk=walk, finding=finding, position=written.position)

    @strawberry.mutation(description="An actor is to act on a finding by a deadline.")
    async def assign_finding_action(
        self,
        info: Info,
        input: Annotated[AssignFindingActionInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FindingActionPayload:
        path = "/safety-walks/{walk_id}/actions"
        written = await write(info, SERVICE, "POST", path, input)
        return await _action_payload(info, written, written.made("actionId"))

    @strawberry.mutation(description="Where an action stands; a rejection needs a reason.")
    async def update_finding_action(
        self,
        info: Info,
        input: Annotated[UpdateFindingActionInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FindingActionPayload:
        path = "/safety-walks/{walk_id}/actions/{action_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _action_payload(info, written, str(input.action_id))

    # the strategy

    adopt_strategy: StrategyPayload = command(
        SERVICE,
        "POST",
        "/strategy",
        AdoptStrategyInput,
        _strategy_payload,
        description="Adopt the municipality's joint strategy (coordinators).",
    )

    @strawberry.mutation(description="Add a focus area to the strategy.")
    async def add_focus_area(
        self,
        info: Info,
        input: Annotated[AddFocusAreaInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FocusAreaPayload:
        written = await write(info, SERVICE, "POST", "/strategy/focus-areas", input)
        strategy = found(await strategy_of(info, fresh=True), "strategy")
        focus_area_id = written.made("focusAreaId")
        focus_area = next(f for f in strategy.focus_areas if f.id == focus_area_id)
        return FocusAreaPayload(strategy=strategy, focus_area=focus_area, position=written.position)

    @strawberry.mutation(description="Add an indicator to a focus area.")
    async def add_indicator(
        self,
        info: Info,
        input: Annotated[AddIndicatorInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> IndicatorPayload:
        written = await write(info, SERVICE, "POST", "/strategy/indicators", input)
        strategy = found(await strategy_of(info, fresh=True), "strategy")
        indicator_id = written.made("indicatorId")
        page = await strategy_read(info, "/strategy/indicators")
        [indicator] = [
            Indicator.of(item)
            for item in (page or {}).get("items", ())
            if item["indicator_id"] == indicator_id
        ]
        return IndicatorPayload(strategy=strategy, indicator=indicator, position=written.position)

    record_measurement: StrategyPayload = command(
        SERVICE,
        "POST",
        "/strategy/measurements",
        RecordMeasurementInput,
        _strategy_payload,
        description="Record a value of an indicator for a period.",
    )

    @strawberry.mutation(description="Record safety-index results, all or none.")
    async def record_safety_index_results(
        self,
        info: Info,
        input: Annotated[
            RecordSafetyIndexResultsInput, strawberry.argument(description=ABOUT_INPUT)
        ],
    ) -> StrategyPayload:
        written = await write(info, SERVICE, "POST", "/strategy/safety-index-results", input)
        return await _strategy_payload(info, written)

    # relationship surveys

    open_survey_wave: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys",
        OpenSurveyWaveInput,
        _wave_payload,
        description="Open a relationship-survey wave.",
    )

    close_survey_wave: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys/{wave_id}/close",
        CloseSurveyWaveInput,
        _wave_payload,
        description="Close a wave: it takes no more answers.",
    )

    record_survey_response: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys/{wave_id}/responses",
        RecordSurveyResponseInput,
        _wave_payload,
        description="Record one actor's answer in an open wave.",
    )
