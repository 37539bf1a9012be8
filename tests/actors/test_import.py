"""The CSV import: every bad row reported, all or nothing, idempotent by external id."""

from __future__ import annotations

import csv
import io
import json

from tests.actors.conftest import Actors, token
from tests.actors.test_api import event_count

HEADER = (
    "external_id,name,sector,department,parent_external_id,levels,areas,themes,description,"
    "phone,email,website,contact_name,contact_title,contact_phone,contact_email,contact_legal_basis"
)
SECTORS = [
    "municipality",
    "police",
    "housing_association",
    "school",
    "ssp",
    "Civil society",  # written as people write it: normalised on every import
    "business",
]
BAD = {57: ("sector", "bank"), 211: ("phone", "call me"), 430: ("areas", "Atlantis")}


def actors_file(
    rows: int = 500, *, bad: dict[int, tuple[str, str]] | None = None, rename: int | None = None
) -> str:
    bad = bad or {}
    lines: list[list[str]] = [HEADER.split(",")]
    for n in range(1, rows + 1):
        sector = SECTORS[n % len(SECTORS)]
        area = "Tingbjerg" if n % 2 else "Tingbjerg|Husum"
        phone = f"+45 3{n % 10} {n:03d} 0{n % 9}0"
        name = f"Organisation {n:03d}" + (" (renamed)" if n == rename else "")
        fields = [
            f"ext-{n:03d}",
            name,
            sector,
            "Social services" if sector == "municipality" else "",
            "",
            "frontline|strategic" if n % 3 else "civil society",
            area,
            "youth|employment",
            f"Works with young people, team {n}",
            phone,
            f"post{n}@example.dk",
            "https://example.dk",
            f"Person {n:03d}",
            "Coordinator",
            "+45 20 30 40 50",
            f"p{n}@example.dk",
            "legitimate_interest",
        ]
        if n in bad:
            column, value = bad[n]
            fields[HEADER.split(",").index(column)] = value
        lines.append(fields)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(lines)
    return out.getvalue()


async def post_file(service: Actors, text: str, *, dry_run: bool, **headers: str):
    return await service.http.post(
        "/imports/actors",
        params={"dryRun": str(dry_run).lower()},
        content=text.encode(),
        headers={**token(), "Content-Type": "text/csv", **headers},
    )


async def test_a_500_row_file_with_3_bad_rows_reports_exactly_those_and_writes_nothing(
    service: Actors,
) -> None:
    await service.area("Tingbjerg")
    await service.area("Husum")
    before = await event_count(service)
    text = actors_file(bad=BAD)
    dry = await post_file(service, text, dry_run=True)
    assert dry.status_code == 422
    report = dry.json()
    assert report["rows"] == 500 and not report["written"]
    assert [(e["line"], e["column"]) for e in report["errors"]] == [
        (58, "sector"),
        (212, "phone"),
        (431, "areas"),
    ]
    reasons = [error["reason"] for error in report["errors"]]
    assert reasons[0].startswith("sector is one of") and "area with that name" in reasons[2]
    assert not any(value in reason for value in ("bank", "Atlantis") for reason in reasons)
    real = await post_file(service, text, dry_run=False)
    assert real.status_code == 422 and not real.json()["written"]
    assert await event_count(service) == before


async def test_a_clean_import_writes_everything_and_a_second_import_changes_nothing(
    service: Actors,
) -> None:
    tingbjerg = await service.area("Tingbjerg")
    await service.area("Husum")
    text = actors_file()
    first = await post_file(service, text, dry_run=False)
    assert first.status_code == 200, first.text
    report = first.json()
    assert report["written"] and report["actorsCreated"] == 500 and report["contactsAdded"] == 500
    listed = await service.ok("GET", "/actors", params={"areaId": tingbjerg, "first": 1})
    assert listed["totalCount"] == 500
    after_first = await event_count(service)

    second = await post_file(service, text, dry_run=False)
    assert second.status_code == 200
    assert second.json()["unchangedRows"] == 500 and second.json()["actorsCreated"] == 0
    assert await event_count(service) == after_first, "a re-import is a no-op"

    assert len(report["versions"]) == 1000, "each actor's and each contact's stream"
    assert set(report["versions"].values()) == {1}, "each made by one event"
    assert second.json()["versions"] == {}

    third = await post_file(service, actors_file(rename=7), dry_run=False)
    assert third.json()["actorsChanged"] == 1 and third.json()["unchangedRows"] == 499
    assert await event_count(service) == after_first + 1
    [(renamed, version)] = third.json()["versions"].items()
    assert version == 2 and report["versions"][renamed] == 1


async def test_an_area_is_found_by_its_name_as_the_areas_rule_compares_names(
    service: Actors,
) -> None:
    """A name names one area whatever its case and spacing (the area's own rule), so a
    file naming it with another case or spacing finds it."""
    area_id = await service.area("Nørre Tingbjerg")
    text = f"{HEADER}\n" + "ext-1,SSP Nord,ssp,,,frontline,NØRRE   tingbjerg" + "," * 10 + "\n"
    done = await post_file(service, text, dry_run=False)
    assert done.status_code == 200, done.text
    assert done.json()["actorsCreated"] == 1
    listed = await service.ok("GET", "/actors", params={"areaId": area_id})
    assert [a["name"] for a in listed["items"]] == ["SSP Nord"]


async def test_progress_is_streamed_for_large_files(service: Actors) -> None:
    await service.area("Tingbjerg")
    await service.area("Husum")
    response = await post_file(service, actors_file(), dry_run=True, Accept="application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    progress = [line for line in lines if "progress" in line]
    assert [p["done"] for p in progress] == [100, 200, 300, 400, 500]
    assert lines[-1]["report"]["rows"] == 500 and not lines[-1]["report"]["written"]


async def test_a_file_without_the_required_columns_is_refused(service: Actors) -> None:
    response = await post_file(service, "name,sector\nX,ssp\n", dry_run=True)
    assert response.status_code == 422 and response.json()["field"] == "external_id"
    partner = await service.http.post(
        "/imports/actors",
        content=b"external_id,name,sector\n",
        headers={**token(roles=("partner",), actor="a"), "Content-Type": "text/csv"},
    )
    assert partner.status_code == 403


async def test_a_file_with_the_nul_character_is_refused_naming_its_line(service: Actors) -> None:
    """PostgreSQL's text cannot hold U+0000: the import was a 500 there, halfway."""
    before = await event_count(service)
    text = "external_id,name,sector\nx1,SSP Nord,ssp\nx2,SSP\x00Syd,ssp\n"
    response = await post_file(service, text, dry_run=False)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "file"
    assert "line 3" in response.json()["detail"]
    assert await event_count(service) == before


async def test_a_contact_id_carries_nothing_of_the_persons_name(service: Actors) -> None:
    """Ids outlive erasure (stream ids, message keys, incident roles): an id made from
    the name would let a list of names find an erased person offline. The import
    stays idempotent without it, and a person erased and still in the file comes back
    under a new id that says nothing of the old one."""
    import uuid

    await service.area("Tingbjerg")
    await service.area("Husum")
    text = actors_file(3)
    assert (await post_file(service, text, dry_run=False)).status_code == 200
    actors = {a["externalId"]: a["actorId"] for a in (await service.ok("GET", "/actors"))["items"]}
    [contact] = await service.ok("GET", f"/actors/{actors['ext-001']}/contacts")
    # what an attacker tries: the old recipe over a list of names (its namespace is public)
    namespace = uuid.UUID("6f1c2a52-5d0e-4b7e-9a51-1d8f2f4f6a10")
    guesses = {
        f"contact-{uuid.uuid5(namespace, f'0101:ext-001:{name.lower()}').hex}"
        for name in ("Ahmed Hansen", "Person 001", "Mette Nielsen")
    }
    guesses |= {f"actor-{uuid.uuid5(namespace, '0101:ext-001').hex}"}
    assert contact["contactId"] not in guesses and actors["ext-001"] not in guesses

    again = await post_file(service, text, dry_run=False)
    assert again.json()["contactsAdded"] == 0 and again.json()["unchangedRows"] == 3
    await service.ok("POST", f"/contacts/{contact['contactId']}/erase")
    after_erasure = await post_file(service, text, dry_run=False)
    assert after_erasure.status_code == 200, after_erasure.text
    assert after_erasure.json()["contactsAdded"] == 1
    [back] = await service.ok("GET", f"/actors/{actors['ext-001']}/contacts")
    assert back["contactId"] != contact["contactId"] and back["name"] == "Person 001"
