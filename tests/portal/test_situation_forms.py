"""Which of the situation picture's forms the page offers each person, checked against
the incidents service's own rule (``situation_handlers.authorize``): the page restates
the rule to choose its forms, so the two must agree for every kind of person."""

from __future__ import annotations

from typing import Final

import pytest

from trygnet_core.auth import Principal
from trygnet_core.errors import Forbidden
from trygnet_core.tenancy import TenantId
from trygnet_incidents.domain.commands import (
    ChangeSituationDecisionStatus,
    RecordSituationDecision,
)
from trygnet_incidents.domain.model import FollowUpStatus
from trygnet_incidents.domain.situation import Decision, SituationWeek
from trygnet_incidents.situation_handlers import authorize
from trygnet_portal.client.situation_picture import SituationPictureSituationPictureDecisions
from trygnet_portal.pages.situation import follows_up, records
from trygnet_portal.sessions import Identity

WEEK: Final = "2026-W48"
ACTORS: Final = ("club", "police", "school", None)
ROLE_SETS: Final = (
    ("coordinator",),
    ("partner",),
    ("police",),
    ("national",),
    ("partner", "coordinator"),
    ("police", "partner"),
)


def owned_by_the_club() -> SituationPictureSituationPictureDecisions:
    """A decision of the week as the page reads it, owned by the club."""
    return SituationPictureSituationPictureDecisions.model_validate(
        {
            "id": "d1",
            "week": WEEK,
            "action": "Ny belysning",
            "due": "2026-11-27",
            "status": "OPEN",
            "overdue": False,
            "owner": {"id": "club", "name": "Klubben"},
        }
    )


def service_allows(principal: Principal, command: object, state: SituationWeek) -> bool:
    try:
        authorize(principal, command, state)
    except Forbidden:
        return False
    return True


@pytest.mark.parametrize("roles", ROLE_SETS, ids="+".join)
def test_the_forms_offered_are_what_the_incidents_service_allows(roles: tuple[str, ...]) -> None:
    state = SituationWeek("area", WEEK, {"d1": Decision("Mere lys", "club", "2026-11-27")})
    seen = owned_by_the_club()
    record = RecordSituationDecision("area", WEEK, "d2", "Mere lys", "club", "2026-11-27")
    follow = ChangeSituationDecisionStatus("area", WEEK, "d1", FollowUpStatus.DONE)
    for actor in ACTORS:
        identity = Identity("someone", "0101", roles, actor)
        principal = Principal("someone", TenantId("0101"), frozenset(roles), actor)
        assert records(identity) == service_allows(principal, record, state), actor
        assert follows_up(identity, seen) == service_allows(principal, follow, state), actor


def test_the_owners_staff_follow_their_decision_up_and_no_one_elses() -> None:
    seen = owned_by_the_club()
    assert follows_up(Identity("k", "0101", ("partner",), "club"), seen)
    assert not follows_up(Identity("s", "0101", ("partner",), "school"), seen)
    assert not records(Identity("k", "0101", ("partner",), "club"))
