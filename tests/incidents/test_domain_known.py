"""What the handler knows, the checks every incidents command shares, and the world
every incidents domain test is set in.

Tingbjerg-Husum, Copenhagen: the municipality, the police, SSP, a housing
association and the night ravens. The SSP of old was merged into today's SSP, so a
reference by its id must be recorded as today's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from trygnet_core.errors import BadUserInput
from trygnet_incidents.domain import model
from trygnet_incidents.domain.model import NOTHING_KNOWN, Known

TINGBJERG, HUSUM = "area-tingbjerg", "area-husum"
KK, POLICE, SSP = "actor-kk", "actor-police", "actor-ssp"
FSB, NIGHT_RAVENS = "actor-fsb", "actor-night-ravens"
OLD_SSP = "actor-ssp-old"

KNOWN = Known(
    areas=frozenset({TINGBJERG, HUSUM}),
    actors=frozenset({KK, POLICE, SSP, FSB, NIGHT_RAVENS}),
    survivors={OLD_SSP: SSP},
)


def test_a_merged_actor_is_its_survivor() -> None:
    assert KNOWN.actor(OLD_SSP, field="actorId") == SSP


def test_an_unknown_actor_is_refused_naming_the_field_not_the_id() -> None:
    with pytest.raises(BadUserInput) as refused:
        KNOWN.actor("actor-nobody", field="assigneeActorId")
    assert refused.value.field == "assigneeActorId"
    assert "actor-nobody" not in str(refused.value)  # the value sent is not repeated


def test_an_unknown_area_is_refused_naming_the_field() -> None:
    with pytest.raises(BadUserInput) as refused:
        KNOWN.area("area-elsewhere")
    assert refused.value.field == "areaId"


def test_nothing_is_known_by_default() -> None:
    with pytest.raises(BadUserInput):
        NOTHING_KNOWN.actor(POLICE, field="actorId")


def test_a_moment_is_kept_as_iso_text_in_utc() -> None:
    copenhagen = timezone(timedelta(hours=1))
    given = datetime(2026, 3, 14, 22, 40, tzinfo=copenhagen)
    assert model.moment(given, field="at") == "2026-03-14T21:40:00+00:00"
    assert model.moment("2026-03-14T22:40:00+01:00", field="at") == "2026-03-14T21:40:00+00:00"
    assert model.moment("2026-03-14T21:40:00Z", field="at") == "2026-03-14T21:40:00+00:00"


@pytest.mark.parametrize(
    "value", ["2026-03-14T21:40:00", datetime(2026, 3, 14, 21, 40), "yesterday", date(2026, 3, 14)]
)
def test_a_moment_without_a_time_zone_or_not_a_moment_is_refused(value: object) -> None:
    with pytest.raises(BadUserInput) as refused:
        model.moment(value, field="occurredAt")
    assert refused.value.field == "occurredAt"


@pytest.mark.parametrize("value", [0, 5, True, "3", 2.0])
def test_a_severity_is_a_whole_number_from_1_to_4(value: object) -> None:
    with pytest.raises(BadUserInput) as refused:
        model.severity(value)
    assert refused.value.field == "severity"


def test_the_severities_from_1_to_4_are_accepted() -> None:
    assert [model.severity(n) for n in (1, 2, 3, 4)] == [1, 2, 3, 4]


def test_a_moment_sorts_as_text_across_offsets() -> None:
    earlier = model.moment(
        datetime(2026, 3, 14, 23, 0, tzinfo=timezone(timedelta(hours=2))), field="a"
    )
    later = model.moment(datetime(2026, 3, 14, 21, 30, tzinfo=UTC), field="b")
    assert earlier < later
