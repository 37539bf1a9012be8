"""Typed domain events: personal fields sealed on the way into the store, revealed (or
read as erased) on the way out, and a catalogue written from the same declarations."""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.envelope import NewEvent
from trygnet_core.errors import Conflict
from trygnet_core.events import DomainEvent, EventCatalogue, personal, revive
from trygnet_core.personal_data import SEALED, Erased, PersonalData, is_sealed
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId

COPENHAGEN = TenantId("0101")


class IncidentKind(enum.StrEnum):
    SHOOTING = "shooting"
    EXTORTION = "extortion"


@dataclass(frozen=True)
class WitnessHeard(DomainEvent):
    """A witness told the police what they saw;
    the statement may name other people."""

    subject_field = "witness_id"
    incident_id: str
    witness_id: str
    kind: IncidentKind
    name: str = personal()
    phone: str | None = personal(None)
    statement: str | None = personal(None)
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class IncidentReported(DomainEvent):
    version = 2
    incident_id: str
    kind: IncidentKind
    area_id: str | None = None
    location: dict[str, Any] | None = None
    reported_by: int | str | None = None


@dataclass(frozen=True)
class TipReceived(DomainEvent):
    """An anonymous tip: personal data with nobody to erase it for."""

    tip_id: str
    text: str | None = personal(None)


@dataclass(frozen=True)
class NotCatalogued(DomainEvent):
    incident_id: str


catalogue = EventCatalogue("incidents", [WitnessHeard, IncidentReported, TipReceived])

JENS = WitnessHeard(
    incident_id="incident-7",
    witness_id="witness-jens",
    kind=IncidentKind.SHOOTING,
    name="Jens Hansen",
    phone="+45 12 34 56 78",
    statement="Saw two men run towards Ruddalsvej",
    places=("Tingbjerg Torv", "Ruddalsvej"),
)
METTE = WitnessHeard(
    incident_id="incident-7",
    witness_id="witness-mette",
    kind=IncidentKind.SHOOTING,
    name="Mette Holm",
    statement="Heard three shots around 22:10",
)
REPORTED = IncidentReported(
    incident_id="incident-7",
    kind=IncidentKind.SHOOTING,
    area_id="area-tingbjerg",
    location={"type": "Point", "coordinates": [12.48, 55.70]},
    reported_by=114,
)


async def seal(engine: AsyncEngine, *events: DomainEvent) -> list[NewEvent]:
    async with engine.begin() as conn:
        return await catalogue.seal(conn, PersonalData(), tenant=COPENHAGEN, events=events)


async def store_and_reveal(engine: AsyncEngine, events: Sequence[DomainEvent]) -> EventStore:
    store = EventStore(engine)
    async with store.transaction() as tx:
        sealed = await catalogue.seal(tx, PersonalData(), tenant=COPENHAGEN, events=events)
        await store.append(
            tx,
            tenant=COPENHAGEN,
            stream_id="incident-7",
            stream_type="Incident",
            expected_version=0,
            events=sealed,
        )
    return store


async def revealed(engine: AsyncEngine, store: EventStore) -> list[DomainEvent]:
    recorded = await store.read_stream(tenant=COPENHAGEN, stream_id="incident-7")
    async with engine.connect() as conn:
        return await catalogue.reveal(conn, PersonalData(), tenant=COPENHAGEN, recorded=recorded)


# Seal


async def test_sealing_leaves_no_personal_value_in_clear_text(engine: AsyncEngine) -> None:
    [sealed] = await seal(engine, JENS)
    raw = json.dumps(sealed.data)
    for value in ("Jens Hansen", "Jens", "+45 12 34 56 78", "12 34", "Saw two men", "two men"):
        assert value not in raw
    assert is_sealed(sealed.data["name"]) and is_sealed(sealed.data["statement"])
    assert sealed.data["name"]["$pd"]["s"] == "witness-jens"


async def test_sealing_keeps_the_other_fields_readable(engine: AsyncEngine) -> None:
    [sealed, reported] = await seal(engine, JENS, REPORTED)
    assert (sealed.type, sealed.schema_version) == ("WitnessHeard", 1)
    assert {k: sealed.data[k] for k in ("incident_id", "witness_id", "kind", "places")} == {
        "incident_id": "incident-7",
        "witness_id": "witness-jens",
        "kind": "shooting",
        "places": ["Tingbjerg Torv", "Ruddalsvej"],
    }
    assert (reported.type, reported.schema_version) == ("IncidentReported", 2)
    assert reported.data == {
        "incident_id": "incident-7",
        "kind": "shooting",
        "area_id": "area-tingbjerg",
        "location": {"type": "Point", "coordinates": [12.48, 55.70]},
        "reported_by": 114,
    }


async def test_an_empty_personal_field_stays_empty_and_needs_no_subject(
    engine: AsyncEngine,
) -> None:
    [sealed_mette, tip] = await seal(engine, METTE, TipReceived(tip_id="tip-1"))
    assert sealed_mette.data["phone"] is None
    assert tip.data == {"tip_id": "tip-1", "text": None}


async def test_personal_data_without_a_subject_is_refused(engine: AsyncEngine) -> None:
    with pytest.raises(ValueError, match="TipReceived has personal data but no subject"):
        await seal(engine, TipReceived(tip_id="tip-1", text="The Nørrebro gang meets at the kiosk"))
    nobody = WitnessHeard(
        incident_id="incident-7", witness_id="", kind=IncidentKind.SHOOTING, name="Jens Hansen"
    )
    with pytest.raises(ValueError, match="no subject"):
        await seal(engine, nobody)


async def test_an_event_not_in_the_catalogue_is_refused_when_sealed(engine: AsyncEngine) -> None:
    with pytest.raises(KeyError, match="NotCatalogued"):
        await seal(engine, REPORTED, NotCatalogued(incident_id="incident-7"))


async def test_an_erased_subject_cannot_be_sealed_again(engine: AsyncEngine) -> None:
    await seal(engine, JENS)
    async with engine.begin() as conn:
        await PersonalData().erase(conn, tenant=COPENHAGEN, subject_id="witness-jens")
    with pytest.raises(Conflict):
        await seal(engine, JENS)


# Reveal


async def test_revealed_events_equal_the_typed_events_stored(engine: AsyncEngine) -> None:
    events = [REPORTED, JENS, METTE]
    store = await store_and_reveal(engine, events)
    opened = await revealed(engine, store)
    assert opened == events
    assert repr(opened) == repr(events)  # enums stay enums, tuples stay tuples


async def test_after_erasure_personal_fields_read_as_erased_and_the_rest_stays(
    engine: AsyncEngine,
) -> None:
    store = await store_and_reveal(engine, [REPORTED, JENS, METTE])
    async with store.transaction() as tx:
        assert await PersonalData().erase(tx, tenant=COPENHAGEN, subject_id="witness-jens")

    reported, jens, mette = await revealed(engine, store)

    gone = Erased("witness-jens")
    assert jens == WitnessHeard(
        incident_id="incident-7",
        witness_id="witness-jens",
        kind=IncidentKind.SHOOTING,
        name=gone,
        phone=gone,
        statement=gone,
        places=("Tingbjerg Torv", "Ruddalsvej"),
    )
    assert mette == METTE
    assert reported == REPORTED


def test_a_type_not_in_the_catalogue_is_refused_when_decoded() -> None:
    with pytest.raises(KeyError, match="unknown incidents event type NotCatalogued"):
        catalogue.decode("NotCatalogued", {"incident_id": "incident-7"})


def test_decoding_gives_the_typed_event_from_its_stored_data() -> None:
    data = json.loads(json.dumps(REPORTED.to_data()))
    assert catalogue.decode("IncidentReported", data) == REPORTED


# The catalogue in Markdown


def sections(markdown: str) -> dict[str, list[str]]:
    """Each event's heading and the lines under it, up to the next heading."""
    found: dict[str, list[str]] = {}
    heading = None
    for line in markdown.splitlines():
        if line.startswith("## "):
            heading = line
            found[heading] = []
        elif heading is not None:
            found[heading].append(line)
    return found


def test_the_catalogue_lists_every_event_with_its_version() -> None:
    assert list(sections(catalogue.markdown())) == [
        "## WitnessHeard (v1)",
        "## IncidentReported (v2)",
        "## TipReceived (v1)",
    ]


def test_every_table_row_has_three_cells_so_no_type_breaks_the_table() -> None:
    rows = [line for line in catalogue.markdown().splitlines() if line.startswith("|")]
    assert len(rows) == 3 * 2 + 7 + 5 + 2  # header and rule per event, then its fields
    for row in rows:
        assert row.startswith("| ") and row.endswith(" |")
        assert len(row.split("|")) == 5, row  # three cells between four bars


def test_every_field_is_listed_and_personal_ones_are_marked() -> None:
    for cls in catalogue:
        lines = sections(catalogue.markdown())[f"## {cls.event_type()} (v{cls.version})"]
        cells = [
            [cell.strip() for cell in line.strip("|").split("|")]
            for line in lines
            if line.startswith("| `")
        ]
        assert [name for name, _, _ in cells] == [f"`{f.name}`" for f in dataclasses.fields(cls)]
        assert {name.strip("`") for name, _, mark in cells if mark == "personal"} == set(
            cls.personal_fields()
        )
    witness = sections(catalogue.markdown())["## WitnessHeard (v1)"]
    assert "| `name` | text | personal |" in witness
    assert "| `phone` | text (optional) | personal |" in witness
    assert "| `kind` | one of `shooting`, `extortion` |  |" in witness
    assert "| `places` | list of text |  |" in witness
    assert "Data subject: `witness_id`." in witness


def test_the_docstring_is_the_description_and_a_missing_one_gives_none() -> None:
    found = sections(catalogue.markdown())
    witness = [line for line in found["## WitnessHeard (v1)"] if line]
    assert witness[0] == (
        "A witness told the police what they saw; the statement may name other people."
    )
    reported = [line for line in found["## IncidentReported (v2)"] if line]
    assert reported[0] == "| field | type | personal data |"
    assert "IncidentReported(" not in catalogue.markdown()


@dataclass(frozen=True)
class Note:
    kind: IncidentKind
    seen_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    case_id: str
    kinds: frozenset[IncidentKind]
    notes: dict[str, Note]
    heard: WitnessHeard | None = None
    witness: str | None = None


def test_a_state_written_as_json_revives_as_itself_with_sealed_values_still_sealed() -> None:
    sealed_name = {SEALED: {"s": "w-1", "n": "bm9uY2U=", "c": "Y2lwaGVy"}}
    case = Case(
        case_id="c-1",
        kinds=frozenset({IncidentKind.SHOOTING}),
        notes={"n-1": Note(IncidentKind.EXTORTION, ("officer-1", "officer-2"))},
        heard=WitnessHeard(
            incident_id="i-1", witness_id="w-1", kind=IncidentKind.SHOOTING, name="x"
        ),
        witness=sealed_name,  # type: ignore[arg-type]
    )
    written = json.loads(
        json.dumps(
            {
                "case_id": "c-1",
                "kinds": ["shooting"],
                "notes": {"n-1": {"kind": "extortion", "seen_by": ["officer-1", "officer-2"]}},
                "heard": case.heard.to_data() if case.heard else None,
                "witness": sealed_name,
            }
        )
    )

    assert revive(Case | None, written) == case
    assert revive(Case | None, None) is None
