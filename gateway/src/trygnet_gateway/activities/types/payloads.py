"""What the activities' mutations answer: each payload carries the written object as the
service has it after the write, beside the write's ``position``."""

from __future__ import annotations

import strawberry

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.activities.types.fora import Forum, Meeting
from trygnet_gateway.activities.types.partnerships import Partnership
from trygnet_gateway.activities.types.safety_walks import Finding, FindingAction, SafetyWalk
from trygnet_gateway.activities.types.strategy import FocusArea, Indicator, Strategy
from trygnet_gateway.activities.types.surveys import SurveyWave
from trygnet_gateway.writes import Payload


@strawberry.type(description="What a write to a partnership answers.")
class PartnershipPayload(Payload):
    partnership: Partnership = strawberry.field(
        description="The partnership after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What a write to a forum answers.")
class ForumPayload(Payload):
    forum: Forum = strawberry.field(
        description="The forum after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What recording a meeting answers.")
class MeetingPayload(Payload):
    forum: Forum = strawberry.field(description="The forum after the write.")
    meeting: Meeting = strawberry.field(description="The meeting recorded.")


@strawberry.type(description="What a write to an activity answers.")
class ActivityPayload(Payload):
    activity: Activity = strawberry.field(
        description="The activity after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What recording a safety walk answers.")
class SafetyWalkPayload(Payload):
    safety_walk: SafetyWalk = strawberry.field(description="The walk after the write.")


@strawberry.type(description="What recording a finding answers.")
class FindingPayload(Payload):
    safety_walk: SafetyWalk = strawberry.field(description="The walk after the write.")
    finding: Finding = strawberry.field(description="The finding recorded.")


@strawberry.type(description="What a write to an action on a finding answers.")
class FindingActionPayload(Payload):
    safety_walk: SafetyWalk = strawberry.field(description="The walk after the write.")
    action: FindingAction = strawberry.field(description="The action written.")


@strawberry.type(description="What a write to the strategy answers.")
class StrategyPayload(Payload):
    strategy: Strategy = strawberry.field(
        description="The strategy after the write (null if only `position` was asked for)."
    )


@strawberry.type(description="What adding a focus area answers.")
class FocusAreaPayload(Payload):
    strategy: Strategy = strawberry.field(description="The strategy after the write.")
    focus_area: FocusArea = strawberry.field(description="The focus area added.")


@strawberry.type(description="What adding an indicator answers.")
class IndicatorPayload(Payload):
    strategy: Strategy = strawberry.field(description="The strategy after the write.")
    indicator: Indicator = strawberry.field(description="The indicator added.")


@strawberry.type(description="What a write to a survey wave answers.")
class SurveyWavePayload(Payload):
    survey_wave: SurveyWave = strawberry.field(
        description="The wave after the write (null if only `position` was asked for)."
    )
