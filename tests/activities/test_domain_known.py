"""What the handler knows, and the world every activities domain test is set in.

Tingbjerg-Husum, Copenhagen: the municipality, the police, SSP, a housing
association, a youth club and the night ravens. The SSP of old was merged into
today's SSP, so a reference by its id must be recorded as today's.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from trygnet_activities.domain.model import NOTHING_KNOWN, Known
from trygnet_core.errors import BadUserInput

TINGBJERG, HUSUM = "area-tingbjerg", "area-husum"
KK, POLICE, SSP = "actor-kk", "actor-police", "actor-ssp"
FSB, CLUB, NIGHT_RAVENS = "actor-fsb", "actor-youth-club", "actor-night-ravens"
OLD_SSP = "actor-ssp-old"
PARTNERSHIP = "partnership-tingbjerg-husum"
NIGHTLIFE_FOCUS, EDUCATION_FOCUS = "focus-safe-nightlife", "focus-education"

KNOWN = Known(
    areas=frozenset({TINGBJERG, HUSUM}),
    actors=frozenset({KK, POLICE, SSP, FSB, CLUB, NIGHT_RAVENS}),
    survivors={OLD_SSP: SSP},
    partnerships=frozenset({PARTNERSHIP}),
    focus_areas=frozenset({NIGHTLIFE_FOCUS, EDUCATION_FOCUS}),
)


def test_a_known_actor_is_its_own_id() -> None:
    assert KNOWN.actor(POLICE, field="ownerActorId") == POLICE


def test_a_merged_actor_is_its_survivor() -> None:
    assert KNOWN.actor(OLD_SSP, field="ownerActorId") == SSP


def test_an_actor_merged_twice_is_the_last_survivor() -> None:
    known = Known(actors=frozenset({KK}), survivors={"actor-a": "actor-b", "actor-b": KK})
    assert known.actor("actor-a", field="partners") == KK


def test_survivors_that_point_in_a_circle_end_and_are_unknown() -> None:
    known = Known(actors=frozenset({KK}), survivors={"actor-a": "actor-b", "actor-b": "actor-a"})
    with pytest.raises(BadUserInput) as refused:
        known.actor("actor-a", field="partners")
    assert refused.value.field == "partners"


def test_an_unknown_actor_is_refused_naming_the_field_not_the_id() -> None:
    with pytest.raises(BadUserInput) as refused:
        KNOWN.actor("actor-nobody", field="ownerActorId")
    assert refused.value.field == "ownerActorId"
    assert "actor-nobody" not in str(refused.value)  # the value sent is not repeated


def test_a_merged_actor_whose_survivor_is_unknown_is_refused() -> None:
    known = Known(actors=frozenset({KK}), survivors={OLD_SSP: SSP})
    with pytest.raises(BadUserInput) as refused:
        known.actor(OLD_SSP, field="members")
    assert refused.value.field == "members"
    assert OLD_SSP not in str(refused.value)


def test_actor_ids_are_survivors_without_repeats_in_the_order_given() -> None:
    assert KNOWN.actor_ids([POLICE, OLD_SSP, SSP, POLICE], field="members") == (POLICE, SSP)


@pytest.mark.parametrize(
    ("members", "given", "member"),
    [
        ((SSP,), OLD_SSP, SSP),
        ((OLD_SSP,), OLD_SSP, OLD_SSP),
        ((POLICE,), POLICE, POLICE),
        ((POLICE,), SSP, None),
    ],
    ids=["survivor-by-old-id", "old-id-itself", "own-id", "not-a-member"],
)
def test_a_member_is_found_by_its_own_id_or_its_survivors(
    members: tuple[str, ...], given: str, member: str | None
) -> None:
    assert KNOWN.member(members, given) == member


def test_areas_in_use_are_kept_without_repeats() -> None:
    assert KNOWN.area(HUSUM) == HUSUM
    assert KNOWN.area_ids([HUSUM, TINGBJERG, HUSUM]) == (HUSUM, TINGBJERG)


def test_focus_areas_and_partnerships_that_exist_are_kept() -> None:
    assert KNOWN.focus_area_ids([NIGHTLIFE_FOCUS, NIGHTLIFE_FOCUS]) == (NIGHTLIFE_FOCUS,)
    assert KNOWN.partnership(PARTNERSHIP) == PARTNERSHIP


@pytest.mark.parametrize(
    ("check", "field"),
    [
        (lambda: KNOWN.area("area-atlantis"), "areaId"),
        (lambda: KNOWN.area_ids([TINGBJERG, "area-atlantis"]), "areas"),
        (lambda: KNOWN.focus_area_ids(["focus-nothing"]), "focusAreas"),
        (lambda: KNOWN.partnership("partnership-nowhere"), "partnershipId"),
        (lambda: NOTHING_KNOWN.actor(SSP, field="actorId"), "actorId"),
        (lambda: NOTHING_KNOWN.area(TINGBJERG), "areaId"),
    ],
    ids=[
        "area",
        "areas",
        "focus-areas",
        "partnership",
        "nothing-known-actor",
        "nothing-known-area",
    ],
)
def test_an_unknown_reference_is_refused_naming_its_field(
    check: Callable[[], object], field: str
) -> None:
    with pytest.raises(BadUserInput) as refused:
        check()
    assert refused.value.field == field
