"""Reading the exchange: every municipality's shared practices, and the support offers
that match a municipality.

THE ONE DELIBERATE EXCEPTION TO TENANT ISOLATION. Every other read of the reports is
scoped to the caller's municipality. ``practices`` reads the ``practice`` documents of
every municipality, because each of them was shared on purpose by its municipality's
coordinator for exactly this. What keeps it safe:

- only ``practice`` documents are read across municipalities, and a practice document
  holds the shared snapshot alone (``practice_exchange.SHARED``): nothing of the
  activity its municipality did not share, no personal data;
- the answer names the sharing municipality (code, name, country) and, for the
  caller's own municipality only, the activity shared, so its coordinator can
  withdraw it; another municipality never learns which activity it was (a
  practice's id is a digest, not the activity's id);
- only coordinators and national bodies read it (partners, police and integration
  clients keep to their own municipality);
- every read is audited: one log line (``trygnet.audit``) names the reader's
  municipality, role and filters and which municipalities' practices it was shown,
  never the search text, a person or a practice's content.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.auth import Principal
from trygnet_core.errors import BadUserInput, Forbidden
from trygnet_core.paging import MAX_PAGE, Cursors
from trygnet_core.tenancy import TenantId
from trygnet_reporting.municipalities import municipality
from trygnet_reporting.practice_exchange import PRACTICE, SUPPORT_OFFER
from trygnet_reporting.report_documents import report_docs

audit = logging.getLogger("trygnet.audit")

MAX_SEARCH: Final = 200


def may_search(principal: Principal) -> None:
    if not principal.has_role("coordinator", "national"):
        raise Forbidden(
            "the practices of every municipality are for coordinators and national bodies"
        )


async def practices(
    conn: AsyncConnection,
    reader: Principal,
    *,
    cursors: Cursors,
    theme: str | None = None,
    target_age: int | None = None,
    search: str | None = None,
    first: int = 50,
    after: str | None = None,
    activity_id: str | None = None,
) -> dict[str, Any]:
    """A page of shared practices of every municipality, by title (audited);
    ``activity_id`` finds the practice the reader's own municipality shared of it."""
    may_search(reader)
    if not 1 <= first <= MAX_PAGE:
        raise BadUserInput(f"first must be between 1 and {MAX_PAGE}", field="first")
    if search is not None and len(search) > MAX_SEARCH:
        raise BadUserInput(f"search is at most {MAX_SEARCH} characters", field="search")
    if target_age is not None and not 0 <= target_age <= 120:
        raise BadUserInput("targetAge is an age from 0 to 120", field="targetAge")
    start = list(cursors.decode(after, 3)) if after else None
    query = select(report_docs.c.tenant_id, report_docs.c.doc_id, report_docs.c.body).where(
        report_docs.c.kind == PRACTICE
    )
    if activity_id is not None:  # the reader's own practice: its municipality's documents only
        query = query.where(report_docs.c.tenant_id == reader.tenant)
    rows = await conn.execute(query)  # else every municipality's: see the module's docstring
    found = sorted(
        (
            ([row.body["title"].casefold(), row.tenant_id, row.doc_id], row)
            for row in rows
            if _matches(row.body, theme, target_age, search)
            and (activity_id is None or row.body["activityId"] == activity_id)
        ),
        key=lambda pair: pair[0],
    )
    following = [pair for pair in found if start is None or pair[0] > start]
    page = following[:first]
    made = [cursors.encode(*key) for key, _ in page]
    answer = {
        "items": [_practice(row.tenant_id, row.doc_id, row.body, reader) for _, row in page],
        "cursors": made,
        "totalCount": len(found),
        "pageInfo": {
            "startCursor": made[0] if made else None,
            "endCursor": made[-1] if made else None,
            "hasPreviousPage": start is not None,
            "hasNextPage": len(following) > first,
        },
    }
    audit.info(
        "practices read across municipalities",
        extra={
            "audit": "practices",
            "reader_tenant": reader.tenant,
            "reader_roles": sorted(reader.roles),
            "theme": theme,
            "target_age": target_age,
            "searched": bool(search),
            "shown": len(page),
            "shown_municipalities": sorted({row.tenant_id for _, row in page}),
        },
    )
    return answer


def _matches(
    body: Mapping[str, Any], theme: str | None, age: int | None, search: str | None
) -> bool:
    if theme is not None and theme not in (body.get("themes") or []):
        return False
    if age is not None:
        low, high = body.get("targetAgeFrom"), body.get("targetAgeTo")
        if (low is not None and age < low) or (high is not None and age > high):
            return False
        if low is None and high is None:
            return False
    if search:
        words = search.casefold().split()
        text = " ".join(
            str(body.get(name) or "") for name in ("title", "description", "targetGroup")
        ).casefold()
        return all(word in text for word in words)
    return True


def _practice(
    tenant: str, doc_id: str, body: Mapping[str, Any], reader: Principal
) -> dict[str, Any]:
    own = tenant == reader.tenant
    shown = {name: value for name, value in body.items() if name not in ("activityId", "sharedAt")}
    return {
        "id": hashlib.sha256(f"{tenant}/{doc_id}".encode()).hexdigest()[:24],
        "municipality": municipality(tenant).to_json(),
        "sharedAt": body["sharedAt"],
        **shown,
        "activityId": body["activityId"] if own else None,
    }


async def support_offers(
    conn: AsyncConnection, reader: Principal, *, theme: str | None, today: date
) -> dict[str, Any]:
    """The offers whose deadline is ahead (soonest first, then those without one) that
    match the reader's municipality: an offer's themes (none: any) meet the themes of
    the activities serving its strategy's focus areas, and its kinds of area (none: any)
    meet the kinds of its areas. A national body sees every offer."""
    if not reader.has_role("coordinator", "partner", "police", "national") and not any(
        scope.startswith("reporting:") for scope in reader.scopes
    ):
        raise Forbidden("your role does not read the support offers")
    rows = (
        await conn.execute(  # the national bodies' offers are every municipality's to read
            select(report_docs.c.doc_id, report_docs.c.body).where(
                report_docs.c.kind == SUPPORT_OFFER
            )
        )
    ).all()
    everything = reader.has_role("national")
    themes, kinds = (set(), set()) if everything else await _focus(conn, reader.tenant)
    offers = [
        {"id": row.doc_id, **row.body}
        for row in rows
        if (theme is None or theme in row.body["themes"])
        and (row.body["deadline"] is None or row.body["deadline"] >= today.isoformat())
        and (
            everything
            or (_meets(row.body["themes"], themes) and _meets(row.body["areaKinds"], kinds))
        )
    ]
    offers.sort(key=lambda o: (o["deadline"] is None, o["deadline"] or "", o["title"].casefold()))
    return {"offers": offers, "themes": sorted(themes), "areaKinds": sorted(kinds)}


def _meets(wanted: Sequence[str], held: set[str]) -> bool:
    return not wanted or bool(held.intersection(wanted))


async def _focus(conn: AsyncConnection, tenant: TenantId) -> tuple[set[str], set[str]]:
    """The municipality's themes (of the activities serving its focus areas) and the
    kinds of its areas in use."""
    rows = await conn.execute(
        select(report_docs.c.kind, report_docs.c.body).where(
            report_docs.c.tenant_id == tenant, report_docs.c.kind.in_(("group", "area"))
        )
    )
    themes: set[str] = set()
    kinds: set[str] = set()
    for row in rows:
        if row.kind == "area" and not row.body.get("retired"):
            kinds.add(row.body["kind"])
        elif row.body.get("kind") == "activity" and row.body.get("focusAreas"):
            themes.update(row.body.get("themes") or [])
    return themes, kinds
