"""The Observation aggregate: what a trained reporter saw, for the weekly situation picture.

Housing staff, municipal units, security guards and police file short observations
every week (the EST method's "lägesbild"); the partnership reads them as a weekly
picture per area. Each observation is its own stream, its description sealed under
the observation's own key, so one observation's description can be erased alone.

Rules: the observation's id is new; the category is one of the situation picture's;
the area and the reporting actor must be known (a merged actor is recorded as its
survivor); the place is named (a public place, at most 200 characters) and the
coordinates, if given, are a point; it was seen no later than it was filed; the
description is at most 4,000 characters; an observation leads to at most one
incident (linking it to the same incident again changes nothing, to another is a
conflict); erasing the description is done once (again changes nothing). That an
incident it names exists is the handler's to check.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from trygnet_core.aggregate import deciding, folding
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import model
from trygnet_incidents.domain.commands import (
    EraseObservationDescription,
    FileObservation,
    LinkObservationToIncident,
)
from trygnet_incidents.domain.events import (
    ObservationDescriptionErased,
    ObservationFiled,
    ObservationLinkedToIncident,
)
from trygnet_incidents.domain.model import NOTHING_KNOWN, Known, ObservationCategory

ObservationChange = LinkObservationToIncident | EraseObservationDescription
ObservationCommand = FileObservation | ObservationChange


@dataclass(frozen=True)
class Observation:
    """What the rules (and who may change it) need; the description stays in the events."""

    observation_id: str
    area_id: str
    reporting_actor_id: str
    incident_id: str | None = None
    description_erased: bool = False


def evolve(state: Observation | None, event: DomainEvent) -> Observation | None:
    match event:
        case ObservationFiled():
            return Observation(
                event.observation_id, event.area_id, event.reporting_actor_id, event.incident_id
            )
        case ObservationLinkedToIncident() if state is not None:
            return dataclasses.replace(state, incident_id=event.incident_id)
        case ObservationDescriptionErased() if state is not None:
            return dataclasses.replace(state, description_erased=True)
    return state


fold = folding(evolve)


def _change(command: ObservationChange, state: Observation, _known: Known) -> list[DomainEvent]:
    match command:
        case LinkObservationToIncident():
            incident_id = model.required_text(command.incident_id, field="incidentId")
            if state.incident_id == incident_id:
                return []
            if state.incident_id is not None:
                raise Conflict("the observation led to another incident", field="incidentId")
            return [
                ObservationLinkedToIncident(
                    observation_id=state.observation_id, incident_id=incident_id
                )
            ]
        case EraseObservationDescription():
            if state.description_erased:
                return []
            at = model.moment(command.at, field="at")
            return [ObservationDescriptionErased(observation_id=state.observation_id, at=at)]
    raise TypeError(f"not an observation command: {command!r}")


def filed(command: FileObservation, known: Known) -> ObservationFiled:
    """The event of a new observation, every field checked: the API and the CSV import
    both file through here."""
    observed_at = model.moment(command.observed_at, field="observedAt")
    filed_at = model.moment(command.filed_at, field="filedAt")
    if filed_at < observed_at:  # ISO moments in UTC sort as text
        raise BadUserInput("observedAt must not be later than the filing", field="observedAt")
    incident_id = command.incident_id
    return ObservationFiled(
        observation_id=model.required_text(command.observation_id, field="observationId"),
        category=model.one_of(ObservationCategory, command.category, field="category"),
        area_id=known.area(command.area_id),
        place=model.required_text(command.place, field="place", max_length=200),
        observed_at=observed_at,
        filed_at=filed_at,
        reporting_actor_id=known.actor(command.reporting_actor_id, field="reportingActorId"),
        coordinates=model.coordinates(command.coordinates),
        incident_id=model.required_text(incident_id, field="incidentId") if incident_id else None,
        description=model.optional_text(command.description, field="description", max_length=4000),
    )


decide = deciding(
    FileObservation,
    "an observation",
    field="observationId",
    create=filed,
    change=_change,
    nothing_known=NOTHING_KNOWN,
)
