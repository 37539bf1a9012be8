"""docs/events.md is generated from the code and must not drift from it."""

from __future__ import annotations

from pathlib import Path

from trygnet_actors.domain.events import catalogue
from trygnet_core import event_docs

DOC = Path(__file__).parents[2] / "docs" / "events.md"


def test_the_published_catalogue_is_the_one_the_code_generates() -> None:
    assert DOC.read_text() == event_docs.markdown(), "run `make docs` and commit docs/events.md"
    assert catalogue.markdown(level=2) in DOC.read_text()


def test_the_catalogue_marks_every_field_about_a_contact_person_as_personal() -> None:
    doc = catalogue.markdown()
    section = doc[doc.index("## ContactAdded") : doc.index("## ContactChanged")]
    for field in ("name", "title", "phone", "email"):
        assert f"| `{field}` | " in section
        row = next(line for line in section.splitlines() if line.startswith(f"| `{field}` |"))
        assert row.endswith("| personal |")
