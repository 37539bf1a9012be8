"""What an actor import did, or would do on a dry run: the rows read, the actors and
contacts created and changed, the rows left as they were, every bad row, and whether
(and up to which event position) the file was written."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from trygnet_core.events import DomainEvent
from trygnet_core.spreadsheets import RowError
from trygnet_core.unit_of_work import PlanWritten


@dataclass
class ImportReport:
    rows: int = 0
    actors_created: int = 0
    actors_changed: int = 0
    contacts_added: int = 0
    contacts_changed: int = 0
    unchanged_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    position: int | None = None
    versions: dict[str, int] = field(default_factory=dict)
    """The version each stream written reached (``{streamId: version}``), for ``atLeast``."""

    def wrote(self, planned: PlanWritten) -> None:
        self.written = True
        self.position = planned.position
        self.versions = planned.versions

    def count(self, new: list[DomainEvent]) -> None:
        """Count one stream's planned events."""
        kinds = {type(e).__name__ for e in new}
        self.actors_created += "ActorRegistered" in kinds
        self.actors_changed += bool(
            kinds & {"ActorDetailsChanged", "ActorAreasSet", "ActorLevelsSet", "ActorThemesSet"}
        )
        self.contacts_added += "ContactAdded" in kinds
        self.contacts_changed += "ContactChanged" in kinds

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "actorsCreated": self.actors_created,
            "actorsChanged": self.actors_changed,
            "contactsAdded": self.contacts_added,
            "contactsChanged": self.contacts_changed,
            "unchangedRows": self.unchanged_rows,
            "written": self.written,
            "position": self.position,
            "versions": self.versions,
            "errors": [dataclasses.asdict(e) for e in self.errors],
        }
