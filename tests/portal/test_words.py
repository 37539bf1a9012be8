"""Every value of the API's vocabulary the screens name has words in both languages,
and so has every field a form can name in an error: a key the templates build at run
time (``t.label("incident_kind", …)``, ``"field." ~ name``) is not seen by the test of
the templates' literal keys."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from trygnet_portal.client import enums
from trygnet_portal.i18n import messages

LABELS = {
    "activity_status": enums.ActivityStatus,
    "partner_role": enums.PartnerRole,
    "cadence": enums.Cadence,
    "incident_kind": enums.IncidentKind,
    "incident_status": enums.IncidentStatus,
    "response_role": enums.ResponseRole,
    "priority": enums.TaskPriority,
    "task_status": enums.TaskStatus,
    "follow_up_status": enums.FollowUpStatus,
    "observation_category": enums.ObservationCategory,
    "timeline_kind": enums.TimelineKind,
    "finding_kind": enums.FindingKind,
    "action_status": enums.FindingActionStatus,
    "sensitivity": enums.Sensitivity,
    "outcomes.direction": enums.IndicatorDirection,
    "sector": enums.Sector,
    "theme": enums.Theme,
    "level": enums.Level,
}
TEMPLATES = Path(resources.files("trygnet_portal")) / "templates"  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_value_the_screens_name_has_words(language: str) -> None:
    words = messages(language)
    missing = [
        f"{kind}.{value.value}"
        for kind, values in LABELS.items()
        for value in values
        if f"{kind}.{value.value}" not in words
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_field_of_a_form_has_a_name_for_its_error(language: str) -> None:
    fields: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        fields |= set(re.findall(r'(?:input|choice|boxes)\("(\w+)"', template.read_text()))
    assert fields, "the forms' fields"
    assert sorted(f for f in fields if f"field.{f}" not in messages(language)) == []
