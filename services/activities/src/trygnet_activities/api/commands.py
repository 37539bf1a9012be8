"""One REST route per command of the activities service, from one table.

A body is camelCase JSON holding the command's fields; ids in the path are the
stream (and, where one is named, the member, follow-up or action). A command that
creates something gets its id from the server. Every route answers
``{"id", "version", "position"}`` like the actors service, and bad input is 422
``BAD_USER_INPUT`` naming the field (dotted, camelCase) with nothing written.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from pydantic import TypeAdapter, ValidationError

from trygnet_activities.domain import commands as cmd
from trygnet_activities.handlers import ActivitiesHandlers
from trygnet_core.auth import CurrentPrincipal
from trygnet_core.errors import BadUserInput

STRATEGY_ID = "strategy"
"""A tenant has one joint strategy; its stream id is the same in every tenant."""


@dataclass(frozen=True)
class CommandRoute:
    method: str
    path: str
    command: type
    new_id: tuple[str, str] | None = None  # (field, prefix) of a server-made id
    fixed: Mapping[str, str] = field(default_factory=dict)  # fields with a fixed value


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
    CommandRoute("PATCH", "/activities/{activity_id}", cmd.ChangeActivityDetails),
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
    CommandRoute("POST", "/strategy", cmd.AdoptStrategy, fixed={"strategy_id": STRATEGY_ID}),
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
)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _snake_keys(value: Any) -> Any:
    """camelCase keys to the commands' snake_case, in nested records too."""
    if isinstance(value, dict):
        return {_snake(str(k)): _snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_snake_keys(item) for item in value]
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def build(route: CommandRoute, body: Any, path: Mapping[str, str]) -> Any:
    """The command from the body and the path; pydantic's errors become BadUserInput."""
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise BadUserInput("the body must be a JSON object", field="body")
    values: dict[str, Any] = _snake_keys(body)
    if route.command is cmd.ChangeActivityDetails:
        values = {"changes": values}
    values.update(path)
    values.update(route.fixed)
    if route.new_id:
        field_name, prefix = route.new_id
        values[field_name] = f"{prefix}-{uuid.uuid4().hex}"
    try:
        return TypeAdapter(route.command).validate_python(values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(_camel(str(part)) for part in first["loc"]) or "body"
        raise BadUserInput(f"{where}: {first['msg']}", field=where) from None


def _endpoint(route: CommandRoute) -> Callable[..., Any]:
    async def endpoint(request: Request, principal: CurrentPrincipal) -> dict[str, Any]:
        raw = await request.body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            raise BadUserInput("the body is not JSON", field="body") from None
        command = build(route, body, dict(request.path_params))
        handlers: ActivitiesHandlers = request.app.state.handlers
        outcome = await handlers.handle(principal, command)
        return {"id": outcome.id, "version": outcome.version, "position": outcome.position}

    endpoint.__name__ = _snake(route.command.__name__)
    return endpoint


router = APIRouter()
for _route in TABLE:
    router.add_api_route(
        _route.path,
        _endpoint(_route),
        methods=[_route.method],
        status_code=201 if _route.new_id or _route.command is cmd.AdoptStrategy else 200,
        summary=(_route.command.__doc__ or _route.command.__name__).split("\n")[0],
    )
