"""Which of an incident's forms the page offers each person: the incidents service's
rules of who may do what, read from what the person sees of the incident."""

from __future__ import annotations

from typing import Any

from trygnet_portal.client.incident import IncidentIncident
from trygnet_portal.pages.incident import ALL, may_complete, offered
from trygnet_portal.sessions import Identity


def incident(**given: Any) -> IncidentIncident:
    return IncidentIncident.model_validate(
        {
            "id": "incident-1",
            "kind": "SHOOTING",
            "severity": 4,
            "place": None,
            "occurredAt": "2026-03-14T20:40:00Z",
            "reportedAt": "2026-03-14T21:05:00Z",
            "sensitivity": "OPEN",
            "summary": None,
            "restrictedDetails": None,
            "status": "ACTIVE",
            "statusAt": None,
            "redacted": False,
            "version": 3,
            "personalDataErased": False,
            "area": None,
            "reportingActor": {"id": "police", "name": "Politiet"},
            "statusHistory": [],
            "roles": [{"role": "LEAD", "actor": {"id": "ssp", "name": "SSP"}}],
            "tasks": [
                {
                    "id": "t1",
                    "title": "Besøg",
                    "due": "2026-03-16",
                    "priority": "NORMAL",
                    "status": "OPEN",
                    "assignee": {"id": "club", "name": "Klubben"},
                },
            ],
            "timeline": [],
            "tacticalReport": None,
            **given,
        }
    )


def test_coordinators_and_the_leads_staff_run_the_response() -> None:
    seen = incident()
    assert offered(Identity("c", "0101", ("coordinator",)), seen) == ALL
    assert offered(Identity("s", "0101", ("partner",), "ssp"), seen) == ALL
    assert may_complete(Identity("s", "0101", ("partner",), "ssp"), seen, "club")


def test_staff_of_an_actor_taking_part_add_to_it_and_complete_only_their_own_tasks() -> None:
    seen = incident()
    club = Identity("k", "0101", ("partner",), "club")
    police = Identity("p", "0101", ("police",), "police")
    assert offered(club, seen) == {"task", "timeline", "complete"}, "it has a task"
    assert offered(police, seen) == {"task", "timeline", "complete"}, "it reported it"
    assert may_complete(club, seen, "club") and not may_complete(police, seen, "club")
    school = Identity("s", "0101", ("partner",), "school")
    assert offered(school, seen) == {"complete"}, "an actor not taking part adds nothing"
    assert offered(Identity("n", "0000", ("national",)), seen) == frozenset()
