"""The incident status rule is written once (``trygnet_vocabulary.incident_status``): the
domain decides and folds by it, and the incidents read model, the reporting projection, the
gateway's choice of command and the schema's description derive from it. Changing
the rule changes all of them; a copy of it anywhere would not follow, and fails here."""

from __future__ import annotations

import dataclasses
from typing import Any

import graphql
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.incidents.test_domain_incidents import (
    ACTIVATED,
    CLOSED,
    REOPENED,
    REPORTED,
    SHOOTING,
    STABILISED,
    when,
)
from tests.reporting.conftest import project, snapshot
from tests.support.feed import Feed
from trygnet_core.database import migrate
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.events import DomainEvent
from trygnet_gateway.incidents.status_move import status_move
from trygnet_gateway.schema import build_schema
from trygnet_incidents import read_model
from trygnet_incidents.domain import incident
from trygnet_incidents.domain.commands import StabiliseIncident
from trygnet_incidents.domain.model import IncidentStatus
from trygnet_reporting.bootstrap import migrations
from trygnet_vocabulary import incident_status

ACTIVE, STABLE, CLOSED_STATUS = IncidentStatus.ACTIVE, IncidentStatus.STABLE, IncidentStatus.CLOSED
STABILISE = StabiliseIncident(SHOOTING, at="2026-03-16T09:00:00Z")


def changed(moves: tuple[incident_status.Move, ...]) -> tuple[incident_status.Move, ...]:
    """Another rule: a reopened incident is stable, and a reported one may be stabilised."""
    return tuple(
        dataclasses.replace(m, target=STABLE)
        if m.step == "reopen"
        else dataclasses.replace(m, sources=m.sources | {IncidentStatus.REPORTED})
        if m.step == "stabilise"
        else m
        for m in moves
    )


@pytest.fixture(params=["as it is", "changed"])
def rule(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "changed":
        monkeypatch.setattr(incident_status, "MOVES", changed(incident_status.MOVES))
    return str(request.param)


def reopened_as(rule: str) -> IncidentStatus:
    return ACTIVE if rule == "as it is" else STABLE


def view_of(*events: DomainEvent) -> dict[str, Any]:
    body: dict[str, Any] | None = None
    for event in events:
        body = read_model.apply(body, event)
    assert body is not None
    return body


async def reported_status(engine: AsyncEngine, *events: DomainEvent) -> str:
    await migrate(engine, version_locations=[migrations()])
    feed = Feed()
    for event in events:
        feed.add("incidents", "Incident", SHOOTING, event)
    await project(engine, feed.events)
    docs = [body for body in (await snapshot(engine)).values() if body.get("incidentId")]
    assert len(docs) == 1
    return str(docs[0]["status"])


def test_the_domain_folds_and_decides_by_the_rule(rule: str) -> None:
    state = incident.fold([REPORTED, ACTIVATED, CLOSED, REOPENED])
    assert state is not None and state.status is reopened_as(rule)
    if rule == "as it is":
        with pytest.raises(Conflict) as refused:
            when(STABILISE, REPORTED)
        assert refused.value.field == "status"
    else:
        assert when(STABILISE, REPORTED) == [STABILISED]


def test_the_incidents_view_follows_the_rule(rule: str) -> None:
    body = view_of(REPORTED, ACTIVATED, CLOSED, REOPENED)
    assert body["status"] == reopened_as(rule).value
    assert [change["status"] for change in body["statusHistory"]] == [
        "reported",
        "active",
        "closed",
        reopened_as(rule).value,
    ]


async def test_the_reporting_projection_follows_the_rule(rule: str, engine: AsyncEngine) -> None:
    status = await reported_status(engine, REPORTED, ACTIVATED, CLOSED, REOPENED)
    assert status == reopened_as(rule).value


async def test_the_gateway_chooses_the_command_by_the_rule(rule: str) -> None:
    read: list[IncidentStatus] = []

    def standing(status: IncidentStatus) -> Any:
        async def now() -> IncidentStatus:
            read.append(status)
            return status

        return now

    # one move leads to stable under the rule as it is, two (stabilise, reopen) when changed
    from_closed = await status_move(STABLE, standing(CLOSED_STATUS))
    assert from_closed.step == ("stabilise" if rule == "as it is" else "reopen")
    assert read == ([] if rule == "as it is" else [CLOSED_STATUS])
    to_active = await status_move(ACTIVE, standing(CLOSED_STATUS))
    assert to_active.step == ("reopen" if rule == "as it is" else "activate")
    assert (await status_move(ACTIVE, standing(STABLE))).step == "activate"
    assert (await status_move(CLOSED_STATUS, standing(ACTIVE))).reason
    with pytest.raises(BadUserInput) as refused:
        await status_move(IncidentStatus.REPORTED, standing(ACTIVE))
    assert refused.value.field == "status"


def test_the_description_names_every_move_of_the_rule(rule: str) -> None:
    described = incident_status.description()
    if rule == "as it is":
        for move in ("stable → active or closed", "reported → active or closed", "closed → active"):
            assert move in described
    else:
        assert "closed → stable" in described
        assert "reported → active or stable or closed" in described


def test_the_schema_describes_the_status_by_the_rule() -> None:
    status = build_schema()._schema.get_type("IncidentStatus")
    assert isinstance(status, graphql.GraphQLEnumType)
    assert status.description == incident_status.description()
