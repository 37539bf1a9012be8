"""Cost and return on the write side, given / when / then: the participants an activity
reached (recorded with its status, or alone) and the municipality's hourly rate."""

from __future__ import annotations

from typing import Any

import pytest

from tests.activities.test_domain_activities import CREATED, JOBS, status, when
from trygnet_activities.domain import hourly_rate
from trygnet_activities.domain.commands import ChangeActivityStatus, SetHourlyRate
from trygnet_activities.domain.events import HourlyRateSet, ParticipantsReachedRecorded
from trygnet_activities.domain.model import ActivityStatus
from trygnet_core.errors import BadUserInput, Conflict

ACTIVE, ENDED = ActivityStatus.ACTIVE, ActivityStatus.ENDED


COST_EVENTS = [
    ParticipantsReachedRecorded(activity_id=JOBS, participants_reached=40),
    HourlyRateSet(rate_id=hourly_rate.HOURLY_RATE, rate=425.5),
]


def reached(n: int) -> ParticipantsReachedRecorded:
    return ParticipantsReachedRecorded(activity_id=JOBS, participants_reached=n)


def test_participants_reached_are_recorded_with_the_status_they_came_with() -> None:
    events = when(ChangeActivityStatus(JOBS, ACTIVE, participants_reached=40), CREATED)
    assert events == [status(ACTIVE), reached(40)]


def test_participants_reached_are_recorded_alone_when_the_status_stays() -> None:
    given = (CREATED, status(ACTIVE), reached(40))
    assert when(ChangeActivityStatus(JOBS, ACTIVE, participants_reached=55), *given) == [
        reached(55)
    ]


def test_the_same_participants_and_status_again_record_nothing() -> None:
    given = (CREATED, status(ACTIVE), reached(40))
    assert when(ChangeActivityStatus(JOBS, ACTIVE, participants_reached=40), *given) == []


def test_the_latest_participants_reached_are_the_activitys() -> None:
    from trygnet_activities.domain import activity

    state = activity.fold([CREATED, status(ACTIVE), reached(40), reached(61)])
    assert state is not None and state.participants_reached == 61


@pytest.mark.parametrize("bad", [-1, 10_000_001, 2.5, "40", True])
def test_participants_reached_are_a_whole_number_up_to_ten_million(bad: Any) -> None:
    with pytest.raises(BadUserInput) as refused:
        when(ChangeActivityStatus(JOBS, ACTIVE, participants_reached=bad), CREATED)
    assert refused.value.field == "participantsReached"


def test_an_ended_activity_still_records_the_participants_it_reached() -> None:
    given = (CREATED, status(ENDED))
    assert when(ChangeActivityStatus(JOBS, ENDED, participants_reached=80), *given) == [reached(80)]


def test_a_status_the_activity_cannot_take_refuses_the_participants_too() -> None:
    with pytest.raises(Conflict) as refused:
        when(ChangeActivityStatus(JOBS, ACTIVE, participants_reached=5), CREATED, status(ENDED))
    assert refused.value.field == "status"


# The hourly rate


def test_the_first_hourly_rate_is_set_to_two_decimals() -> None:
    assert hourly_rate.decide(SetHourlyRate(rate=425.456), None) == [
        HourlyRateSet(rate_id=hourly_rate.HOURLY_RATE, rate=425.46)
    ]


def test_a_new_rate_replaces_the_old_and_the_same_rate_records_nothing() -> None:
    state = hourly_rate.fold([HourlyRateSet(rate_id=hourly_rate.HOURLY_RATE, rate=400.0)])
    assert hourly_rate.decide(SetHourlyRate(rate=400), state) == []
    assert hourly_rate.decide(SetHourlyRate(rate=450), state) == [
        HourlyRateSet(rate_id=hourly_rate.HOURLY_RATE, rate=450.0)
    ]


@pytest.mark.parametrize("bad", [-0.01, 100_000.01, float("nan"), "400", None, True])
def test_the_rate_is_a_number_from_0_to_100000(bad: Any) -> None:
    with pytest.raises(BadUserInput) as refused:
        hourly_rate.decide(SetHourlyRate(rate=bad), None)
    assert refused.value.field == "rate"
