"""What the activities' mutations answer: each payload carries the written object as the
service has it after the write, beside the write's ``position``."""

from __future__ import annotations

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.activities.types.fora import Forum, Meeting
from trygnet_gateway.activities.types.partnerships import Partnership
from trygnet_gateway.activities.types.safety_walks import Finding, FindingAction, SafetyWalk
from trygnet_gateway.activities.types.strategy import FocusArea, Indicator, Strategy
from trygnet_gateway.activities.types.surveys import SurveyWave
from trygnet_gateway.payloads import AFTER_WRITE, payload

THE_FORUM = (Forum, "The forum after the write.")
THE_WALK = (SafetyWalk, "The walk after the write.")
THE_STRATEGY = (Strategy, "The strategy after the write.")

PartnershipPayload = payload(
    "PartnershipPayload",
    "What a write to a partnership answers.",
    partnership=(Partnership, AFTER_WRITE % "partnership"),
)
ForumPayload = payload(
    "ForumPayload", "What a write to a forum answers.", forum=(Forum, AFTER_WRITE % "forum")
)
MeetingPayload = payload(
    "MeetingPayload",
    "What recording a meeting answers.",
    forum=THE_FORUM,
    meeting=(Meeting, "The meeting recorded."),
)
ActivityPayload = payload(
    "ActivityPayload",
    "What a write to an activity answers.",
    activity=(Activity, AFTER_WRITE % "activity"),
)
SafetyWalkPayload = payload(
    "SafetyWalkPayload", "What recording a safety walk answers.", safety_walk=THE_WALK
)
FindingPayload = payload(
    "FindingPayload",
    "What recording a finding answers.",
    safety_walk=THE_WALK,
    finding=(Finding, "The finding recorded."),
)
FindingActionPayload = payload(
    "FindingActionPayload",
    "What a write to an action on a finding answers.",
    safety_walk=THE_WALK,
    action=(FindingAction, "The action written."),
)
StrategyPayload = payload(
    "StrategyPayload",
    "What a write to the strategy answers.",
    strategy=(Strategy, AFTER_WRITE % "strategy"),
)
FocusAreaPayload = payload(
    "FocusAreaPayload",
    "What adding a focus area answers.",
    strategy=THE_STRATEGY,
    focus_area=(FocusArea, "The focus area added."),
)
IndicatorPayload = payload(
    "IndicatorPayload",
    "What adding an indicator answers.",
    strategy=THE_STRATEGY,
    indicator=(Indicator, "The indicator added."),
)
SurveyWavePayload = payload(
    "SurveyWavePayload",
    "What a write to a survey wave answers.",
    survey_wave=(SurveyWave, "The wave after the write (null if only `position` was asked for)."),
)
