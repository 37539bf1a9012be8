"""The safety walk report's types: walks, residents who came along, findings per kind and
the actions they led to, by state."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_gateway.answers import of_answer, of_counts
from trygnet_gateway.reporting.types.beside import AreaAsked
from trygnet_gateway.vocabulary import FindingKind


@strawberry.type(description="How many findings of one kind.")
class FindingCount:
    kind: FindingKind = strawberry.field(description="The kind.")
    findings: int = strawberry.field(description="How many.")


@strawberry.type(description="The actions findings led to, by state.")
class WalkActions:
    open: int = strawberry.field(description="Actions not done yet (open or in progress).")
    done: int = strawberry.field(description="Actions done.")
    rejected: int = strawberry.field(description="Actions rejected (with a reason).")
    overdue: int = strawberry.field(
        description="Of the open ones, those past their deadline (lower is better)."
    )


@strawberry.type(description="Safety walks: what they found and how fast it was fixed.")
class SafetyWalkReport(AreaAsked):
    walks: int = strawberry.field(description="How many walks.")
    residents: int = strawberry.field(description="Residents who came along.")
    findings_by_kind: list[FindingCount] = strawberry.field(description="Findings per kind.")
    actions: WalkActions = strawberry.field(description="The actions on the findings, by state.")
    median_days_to_fix: float | None = strawberry.field(
        description="Median days from the walk to an action done; null if none is done "
        "yet (lower is better)."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> SafetyWalkReport:
        by_kind = of_counts(FindingCount, item["findingsByKind"])
        return of_answer(cls, item, findings_by_kind=by_kind)
