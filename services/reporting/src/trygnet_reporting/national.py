"""The national tables: counts across every municipality, for national bodies only.

What a national body may learn, and how the tables keep to it:
- one quarter at a time, once it is over (``national_periods``): tables of different
  periods never share a figure, so none can be subtracted from another;
- every table has the same shape whatever the data: one row for every municipality
  that takes part in Trygnet (any document of it, of any kind) and one column for
  every value of the vocabulary, so whether a row or column is there tells nothing;
- every count below 5, zero included, is withheld, and further figures until none
  can be worked out (``suppression``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.bounded import Bounded
from trygnet_core.consumer_tracking import stored_positions
from trygnet_reporting import contributions
from trygnet_reporting.municipalities import municipality
from trygnet_reporting.national_periods import Quarter
from trygnet_reporting.practice_exchange import SUPPORT_OFFER
from trygnet_reporting.report_documents import report_docs
from trygnet_reporting.suppression import suppress
from trygnet_vocabulary.activities import FindingKind
from trygnet_vocabulary.actors import Sector, Theme
from trygnet_vocabulary.incidents import IncidentKind
from trygnet_vocabulary.words import Word

Doc = dict[str, Any]


Counted = Callable[
    [AsyncConnection, list[str], str | None, str], Awaitable[dict[str, dict[str, int]]]
]
"""(connection, municipalities, first month or none, last month) → per municipality,
per column, the count."""


@dataclass(frozen=True)
class NationalTable:
    title: str
    words: type[Word]
    """The vocabulary whose values are the columns, every one of them in every table
    (a value outside: ``other``); the answer names it (``vocabulary``), so a client can
    read the columns as that vocabulary's words."""
    counted: Counted
    """How the table's counts are worked out (``by_documents`` or a rule of its own)."""
    stock: bool = False
    """A count of what exists at the end of the quarter (its start does not apply)."""

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return tuple(word.value for word in self.words)


def by_documents(
    kind: str, columns: Callable[[Doc], list[str]], month: Callable[[Doc], str]
) -> Counted:
    """Counts of one kind of document: each counts in the ``columns`` it gives (none:
    not counted) if the ``month`` it gives is in the months asked."""

    async def counted(
        conn: AsyncConnection, tenants: list[str], since: str | None, until: str
    ) -> dict[str, dict[str, int]]:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        found = await conn.execute(
            select(report_docs.c.tenant_id, report_docs.c.body).where(report_docs.c.kind == kind)
        )
        for row in found:
            at = month(row.body)
            if (since is None or at >= since) and at <= until:
                counts[row.tenant_id].update(columns(row.body))
        return {tenant: dict(found) for tenant, found in counts.items()}

    return counted


NATIONAL_TABLES: dict[str, NationalTable] = {
    "incidents-by-kind": NationalTable(
        "incidents by municipality and kind",
        IncidentKind,
        by_documents("incident", lambda d: [d["kind"]], lambda d: str(d["reportedAt"])[:7]),
    ),
    "activities-by-theme": NationalTable(
        "activities by municipality and theme (an activity with two themes counts under both)",
        Theme,
        by_documents(
            "group",
            lambda d: list(d["themes"]) if d["kind"] == "activity" else [],
            lambda d: str(d.get("createdAt") or "")[:7],
        ),
    ),
    "findings-by-kind": NationalTable(
        "safety-walk findings by municipality and kind",
        FindingKind,
        by_documents(
            "walk",
            lambda d: [f["kind"] for f in d["findings"].values()],
            lambda d: str(d["walkedOn"])[:7],
        ),
    ),
    "actors-by-sector": NationalTable(
        "active actors by municipality and sector",
        Sector,
        by_documents(
            "actor",
            lambda d: [d["sector"]] if d["status"] == "active" else [],
            lambda d: str(d.get("registeredAt") or "")[:7],
        ),
        stock=True,
    ),
    "contributions-by-sector": NationalTable(
        "contributions by municipality and the sector of the actor that made them "
        "(activities led or joined, fora, meetings, follow-ups, response roles and tasks, "
        "safety-walk actions)",
        Sector,
        contributions.by_sector,
    ),
}


NationalKey = tuple[str, str]
"""(table, quarter)"""


CONSUMER = "reporting"
"""The name reporting's consumer keeps its positions under, in every replica."""
Generation = tuple[tuple[str, int, int, int], ...]
"""Where the projections stand: every partition's next offset (and relay epoch)."""


class NationalFigures:
    """National tables computed since the projections last changed.

    A table reads every municipality's documents of a kind (thousands of them for 98
    municipalities) and is the same until an event is applied. So the tables are kept
    for the ``generation`` they were computed in and all dropped when it moves; a table
    computed while it moved is not kept. The generation is read from the database
    (``projections_generation``), not from this process's consumer: with several
    replicas, the event another replica applied moves it too. Bounded, since the
    quarter makes the keys: the one computed longest ago goes first."""

    def __init__(self, size: int = 256) -> None:
        self._generation: Generation | None = None
        self._kept: Bounded[NationalKey, dict[str, Any]] = Bounded(size)

    def get(self, key: NationalKey, generation: Generation) -> dict[str, Any] | None:
        if generation != self._generation:
            self._kept.clear()
            self._generation = generation
        return self._kept.get(key)

    def put(self, key: NationalKey, generation: Generation, table: dict[str, Any]) -> None:
        if generation == self._generation:
            self._kept.put(key, table)


async def projections_generation(conn: AsyncConnection, consumer: str) -> Generation:
    """Every position the consumer's replicas have applied up to, as stored with the
    projections (one small query): equal positions, equal projections, since the
    projections are a function of the log read up to there."""
    stored = await stored_positions(conn, consumer)
    return tuple((topic, part, at.next_offset, at.epoch) for (topic, part), at in stored.items())


async def taking_part(conn: AsyncConnection) -> list[str]:
    """Every municipality with anything in Trygnet: the rows of every national table.
    A national body's support offers are its own documents, and it is no municipality."""
    rows = await conn.execute(
        select(report_docs.c.tenant_id).where(report_docs.c.kind != SUPPORT_OFFER).distinct()
    )
    return sorted(row[0] for row in rows)


async def national(conn: AsyncConnection, name: str, quarter: Quarter) -> dict[str, Any]:
    """One of ``NATIONAL_TABLES`` for one quarter across every municipality: counts
    only, every count below 5 (zero too) withheld and, where needed, others too so
    none can be worked out.

    Incidents count by the month reported, activities by the month created, findings
    by the month walked; active actors are a stock: those registered by the quarter's
    end."""
    table = NATIONAL_TABLES[name]
    since = None if table.stock else quarter.first_month
    until = quarter.last_month
    tenants = await taking_part(conn)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    known = set(table.vocabulary)
    for tenant, found in (await table.counted(conn, tenants, since, until)).items():
        for column, count in found.items():
            counts[tenant][column if column in known else "other"] += count
    result = suppress(
        {tenant: dict(counts[tenant]) for tenant in tenants}, columns=table.vocabulary
    ).to_json()
    for row in result["rows"]:
        row["municipality"] = municipality(row["row"]).to_json()
    return {
        "table": name,
        "title": table.title,
        "vocabulary": table.words.__name__,
        "period": quarter.label,
        "from": quarter.first_month,
        "to": quarter.last_month,
        **result,
    }


def today() -> date:
    """The day the national figures are published as of (a quarter is over or not)."""
    return datetime.now(UTC).date()
