"""What every aggregate, service and error shares in the kernel: the error kinds' table,
folding, the existence checks and the decide made of them, who manages a tenant, and the
command table's routes."""

from __future__ import annotations

import types
from dataclasses import dataclass

import pytest

from trygnet_core.aggregate import deciding, folding, must_be_new, must_exist, started_by
from trygnet_core.auth import Principal
from trygnet_core.errors import (
    BY_CODE,
    Conflict,
    NotFound,
    TooLarge,
    TrygnetError,
)
from trygnet_core.events import DomainEvent
from trygnet_core.idempotency import KeyInUse
from trygnet_core.store import ConcurrencyConflict
from trygnet_core.tenancy import TenantId
from trygnet_core.unit_of_work import StreamRoute, routes_by_command


def test_each_error_kind_keeps_its_code_status_and_title() -> None:
    assert {code: (kind.status, kind.title) for code, kind in BY_CODE.items()} == {
        "INTERNAL": (500, "Internal error"),
        "BAD_USER_INPUT": (422, "Bad input"),
        "UNAUTHENTICATED": (401, "Not authenticated"),
        "FORBIDDEN": (403, "Forbidden"),
        "NOT_FOUND": (404, "Not found"),
        "CONFLICT": (409, "Conflict"),
        "UNAVAILABLE": (503, "Unavailable"),
        "TIMEOUT": (504, "Timed out"),
        "TOO_LARGE": (413, "Too large"),
        "RATE_LIMITED": (429, "Too many requests"),
    }
    assert isinstance(TooLarge("too big"), TrygnetError)


def test_a_narrower_error_keeps_the_code_of_its_kind() -> None:
    assert (KeyInUse.code, KeyInUse.status) == ("CONFLICT", 409)
    assert issubclass(ConcurrencyConflict, Conflict)
    assert ConcurrencyConflict.code == "CONFLICT"


@dataclass(frozen=True)
class Counted(DomainEvent):
    by: int


def _evolve(state: int | None, event: DomainEvent) -> int | None:
    assert isinstance(event, Counted)
    return (state or 0) * 10 + event.by


def test_folding_applies_the_events_in_order_to_nothing() -> None:
    fold = folding(_evolve)
    assert fold([]) is None
    assert fold([Counted(by=1), Counted(by=2), Counted(by=3)]) == 123


@dataclass(frozen=True)
class Tally:
    by: int


def test_a_creating_event_starts_the_state_with_its_own_fields() -> None:
    assert started_by(Tally, Counted(by=4)) == Tally(by=4)


def test_a_creating_command_that_finds_its_stream_is_a_conflict_naming_the_field() -> None:
    must_be_new(None, "an activity", field="activityId")
    with pytest.raises(Conflict) as raised:
        must_be_new(object(), "an activity", field="activityId")
    assert (raised.value.detail, raised.value.field) == (
        "an activity with that id exists already",
        "activityId",
    )


def test_any_other_command_needs_its_stream_and_gets_its_state() -> None:
    assert must_exist(7, "forum", field="forumId") == 7
    with pytest.raises(NotFound) as raised:
        must_exist(None, "forum", field="forumId")
    assert (raised.value.detail, raised.value.field) == ("no forum with that id", "forumId")


def _principal(*roles: str, actor_id: str | None = None, scopes: tuple[str, ...] = ()) -> Principal:
    return Principal(
        subject="s",
        tenant=TenantId("0101"),
        roles=frozenset(roles),
        actor_id=actor_id,
        scopes=frozenset(scopes),
    )


def test_a_coordinator_or_a_client_granted_the_scope_manages_a_service() -> None:
    assert _principal("coordinator").manages("incidents:write")
    assert _principal("integration", scopes=("incidents:write",)).manages("incidents:write")
    assert not _principal("integration", scopes=("actors:write",)).manages("incidents:write")
    assert not _principal("partner", actor_id="a").manages("incidents:write")


def test_staff_of_an_actor_is_partner_or_police_staff_with_that_actor_in_their_token() -> None:
    assert _principal("partner", actor_id="a").staff_of("b", "a")
    assert _principal("police", actor_id="a").staff_of("a")
    assert not _principal("partner", actor_id="a").staff_of("b", None)
    assert not _principal("partner").staff_of(None)
    assert not _principal("coordinator", actor_id="a").staff_of("a")


@dataclass(frozen=True)
class Open:
    thing_id: str


@dataclass(frozen=True)
class Close:
    thing_id: str


def test_the_command_table_routes_each_command_of_an_aggregate_to_its_stream() -> None:
    rules = types.ModuleType("thing")
    route = StreamRoute(rules, "Thing", "thing_id", Open, (Open, Close))
    assert routes_by_command(route) == {Open: route, Close: route}


@dataclass(frozen=True)
class Opened(DomainEvent):
    thing_id: str
    known: str


@dataclass(frozen=True)
class Closed(DomainEvent):
    thing_id: str
    known: str


def _open(command: Open, known: str) -> Opened:
    return Opened(thing_id=command.thing_id, known=known)


def _close(command: Close, state: Opened, known: str) -> list[DomainEvent]:
    return [Closed(thing_id=state.thing_id, known=known)]


decide_thing = deciding(
    Open, "a thing", field="thingId", create=_open, change=_close, nothing_known="nothing"
)


def test_deciding_creates_from_nothing_and_changes_what_exists_with_what_is_known() -> None:
    assert decide_thing(Open("t1"), None) == [Opened(thing_id="t1", known="nothing")]
    assert decide_thing(Open("t1"), None, known="looked up") == [
        Opened(thing_id="t1", known="looked up")
    ]
    opened = Opened(thing_id="t1", known="nothing")
    assert decide_thing(Close("t1"), opened, known="k") == [Closed(thing_id="t1", known="k")]


def test_deciding_refuses_creating_again_and_changing_nothing_naming_the_id_field() -> None:
    with pytest.raises(Conflict) as conflict:
        decide_thing(Open("t1"), Opened(thing_id="t1", known="nothing"))
    assert (conflict.value.detail, conflict.value.field) == (
        "a thing with that id exists already",
        "thingId",
    )
    with pytest.raises(NotFound) as missing:
        decide_thing(Close("t1"), None)
    assert (missing.value.detail, missing.value.field) == ("no thing with that id", "thingId")
