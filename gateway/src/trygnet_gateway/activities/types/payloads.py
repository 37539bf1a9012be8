"""What the activities' mutations answer: each payload carries the written object as the
service has it after the write, beside the write's ``position``."""

from __future__ import annotations

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.activities.types.fora import Forum, Meeting
from trygnet_gateway.activities.types.partnerships import Partnership
from trygnet_gateway.activities.types.safety_walks import Finding, FindingAction, SafetyWalk
from trygnet_gateway.activities.types.strategy import FocusArea, Indicator, Strategy
from trygnet_gateway.activities.types.surveys import SurveyWave
from trygnet_gateway.payloads import ADDED, RECORDED, of_part, of_write, payload

THE_FORUM = (Forum, "The forum after the write.")
THE_WALK = (SafetyWalk, "The walk after the write.")
THE_STRATEGY = (Strategy, "The strategy after the write.")

PartnershipPayload = of_write("PartnershipPayload", "a partnership", Partnership)
ForumPayload = of_write("ForumPayload", "a forum", Forum)
MeetingPayload = of_part("MeetingPayload", RECORDED, "a meeting", forum=THE_FORUM, meeting=Meeting)
ActivityPayload = of_write("ActivityPayload", "an activity", Activity)
SafetyWalkPayload = payload(
    "SafetyWalkPayload", "What recording a safety walk answers.", safety_walk=THE_WALK
)
FindingPayload = of_part(
    "FindingPayload", RECORDED, "a finding", safety_walk=THE_WALK, finding=Finding
)
FindingActionPayload = payload(
    "FindingActionPayload",
    "What a write to an action on a finding answers.",
    safety_walk=THE_WALK,
    action=(FindingAction, "The action written."),
)
StrategyPayload = of_write("StrategyPayload", "the strategy", Strategy)
FocusAreaPayload = of_part(
    "FocusAreaPayload", ADDED, "a focus area", strategy=THE_STRATEGY, focus_area=FocusArea
)
IndicatorPayload = of_part(
    "IndicatorPayload", ADDED, "an indicator", strategy=THE_STRATEGY, indicator=Indicator
)
SurveyWavePayload = payload(
    "SurveyWavePayload",
    "What a write to a survey wave answers.",
    survey_wave=(SurveyWave, "The wave after the write (null if only `position` was asked for)."),
)
