"""The inputs of the situation picture's mutations."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.vocabulary import FollowUpStatus, ObservationCategory
from trygnet_gateway.writes import expected_version, optional

OBSERVATION = Target("observation_id", "The observation.")

ABOUT_WEEK = "The ISO week: 2026-W38 (Monday to Sunday)."


@strawberry.input(description="An observation of the week, by a trained reporter.")
class FileObservationInput:
    category: ObservationCategory = strawberry.field(description="What was seen.")
    area_id: strawberry.ID = strawberry.field(description="The area it was seen in.")
    place: str = strawberry.field(
        description="The public place, in words: the underpass at Ruten (never a home)."
    )
    reporting_actor_id: strawberry.ID = strawberry.field(
        description="The actor filing it (partner and police staff file for their own actor)."
    )
    observed_at: datetime | None = optional("When it was seen, if not now (ISO 8601 with offset).")
    description: str | None = optional(
        "What was seen, in a few words; it may name people, so it is sealed, "
        "can be erased, and never reaches the reports."
    )
    coordinates: JSON | None = optional("{lat, lon} in WGS 84 degrees.")
    incident_id: strawberry.ID | None = optional("The incident it led to, if any.")


@change_of(OBSERVATION, "The incident an observation led to.")
class LinkObservationToIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description="The incident it led to.")


@strawberry.input(description="Erase an observation's description (coordinators).")
class EraseObservationDescriptionInput:
    observation_id: strawberry.ID = strawberry.field(description="The observation.")


@strawberry.input(description="Observations from a CSV file, all or nothing.")
class ImportObservationsInput:
    csv: str = strawberry.field(
        description="The whole file as UTF-8 text, header row first: category, area, place, "
        "observed_at (required), reporting_actor, description, lat, lon, incident_id."
    )
    dry_run: bool = strawberry.field(
        default=False, description="Check every row and write nothing."
    )


@strawberry.input(description="The weekly situation picture a decision belongs to.")
class WeekOfArea:
    """The start of every decision's input: the picture it belongs to (the stream
    ``/situation/{area_id}/{week}``); not itself in the schema."""

    area_id: strawberry.ID = strawberry.field(description="The area.")
    week: str = strawberry.field(description=ABOUT_WEEK)


@strawberry.input(description="An action decided on an area's weekly situation picture.")
class RecordSituationDecisionInput(WeekOfArea):
    action: str = strawberry.field(description="What is to be done.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor who does it.")
    due: date = strawberry.field(description="By when: no earlier than the week's Monday.")
    expected_version: int | None = expected_version()


@strawberry.input(description="Follow a decision up: open, done or cancelled.")
class ChangeSituationDecisionStatusInput(WeekOfArea):
    decision_id: strawberry.ID = strawberry.field(description="The decision.")
    status: FollowUpStatus = strawberry.field(description="Its new status.")
    expected_version: int | None = expected_version()
