"""One REST route per command of the activities service, from one table.

The routes are built by the kernel (``trygnet_core.command_routes``): a body is camelCase
JSON holding the command's fields; ids in the path are the
stream (and, where one is named, the member, follow-up or action). A command that
creates something gets its id from the server. Every route answers
``{"id", "version", "position"}`` like the actors service, and bad input is 422
``BAD_USER_INPUT`` naming the field (dotted, camelCase) with nothing written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request

from trygnet_activities.api.reads import read_document
from trygnet_activities.domain import commands as cmd
from trygnet_activities.domain.hourly_rate import HOURLY_RATE
from trygnet_activities.domain.strategy import STRATEGY_ID
from trygnet_core.auth import Principal
from trygnet_core.command_routes import CommandRoute, command_router
from trygnet_core.unit_of_work import Outcome

"""A tenant has one joint strategy; its stream id is the same in every tenant."""


TABLE = (
    CommandRoute(
        "POST", "/partnerships", cmd.EstablishPartnership, ("partnership_id", "partnership")
    ),
    CommandRoute("POST", "/partnerships/{partnership_id}/members", cmd.JoinPartnership),
    CommandRoute(
        "DELETE", "/partnerships/{partnership_id}/members/{actor_id}", cmd.LeavePartnership
    ),
    CommandRoute("POST", "/fora", cmd.EstablishForum, ("forum_id", "forum")),
    CommandRoute("POST", "/fora/{forum_id}/members", cmd.JoinForum),
    CommandRoute("DELETE", "/fora/{forum_id}/members/{actor_id}", cmd.LeaveForum),
    CommandRoute("POST", "/fora/{forum_id}/meetings", cmd.RecordMeeting, ("meeting_id", "meeting")),
    CommandRoute(
        "POST", "/fora/{forum_id}/follow-ups/{follow_up_id}/status", cmd.ChangeFollowUpStatus
    ),
    CommandRoute("POST", "/activities", cmd.CreateActivity, ("activity_id", "activity")),
    CommandRoute("PATCH", "/activities/{activity_id}", cmd.ChangeActivityDetails, nest="changes"),
    CommandRoute("POST", "/activities/{activity_id}/partners", cmd.JoinActivity),
    CommandRoute("DELETE", "/activities/{activity_id}/partners/{actor_id}", cmd.LeaveActivity),
    CommandRoute("POST", "/activities/{activity_id}/status", cmd.ChangeActivityStatus),
    CommandRoute("POST", "/safety-walks", cmd.RecordSafetyWalk, ("walk_id", "walk")),
    CommandRoute(
        "POST", "/safety-walks/{walk_id}/findings", cmd.RecordFinding, ("finding_id", "finding")
    ),
    CommandRoute(
        "POST", "/safety-walks/{walk_id}/actions", cmd.AssignFindingAction, ("action_id", "action")
    ),
    CommandRoute(
        "POST", "/safety-walks/{walk_id}/actions/{action_id}/status", cmd.ChangeFindingActionStatus
    ),
    CommandRoute(
        "POST", "/strategy", cmd.AdoptStrategy, fixed={"strategy_id": STRATEGY_ID}, creates=True
    ),
    CommandRoute(
        "POST",
        "/strategy/focus-areas",
        cmd.AddFocusArea,
        ("focus_area_id", "focus"),
        fixed={"strategy_id": STRATEGY_ID},
    ),
    CommandRoute(
        "POST",
        "/strategy/indicators",
        cmd.AddIndicator,
        ("indicator_id", "indicator"),
        fixed={"strategy_id": STRATEGY_ID},
    ),
    CommandRoute(
        "POST", "/strategy/measurements", cmd.RecordMeasurement, fixed={"strategy_id": STRATEGY_ID}
    ),
    CommandRoute(
        "POST",
        "/strategy/safety-index-results",
        cmd.RecordSafetyIndexResults,
        fixed={"strategy_id": STRATEGY_ID},
    ),
    CommandRoute("POST", "/surveys", cmd.OpenSurveyWave, ("wave_id", "wave")),
    CommandRoute("POST", "/surveys/{wave_id}/close", cmd.CloseSurveyWave),
    CommandRoute("POST", "/surveys/{wave_id}/responses", cmd.RecordSurveyResponse),
    CommandRoute("PUT", "/hourly-rate", cmd.SetHourlyRate, fixed={"rate_id": HOURLY_RATE}),
)


async def represent(
    request: Request, principal: Principal, command: Any, outcome: Outcome
) -> Mapping[str, Any] | None:
    """The partnership, forum, activity, safety walk, strategy or survey wave the command
    changed, as the caller reads it."""
    return await read_document(request, principal, outcome.id)


router = command_router(TABLE, represent=represent)
