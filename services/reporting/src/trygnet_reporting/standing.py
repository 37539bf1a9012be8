"""Where something an actor was given to do stands: done, still to do, or overdue.

One rule for forum follow-ups, safety-walk actions and incident tasks, in every report
that counts them: an item is still to do while it is open (or, an action, in progress),
and overdue while still to do past its due day. Done is done; a cancelled follow-up or
task and a rejected action are neither done nor to do.
"""

from __future__ import annotations

from typing import Final

STILL_TO_DO: Final = frozenset({"open", "in_progress"})


def still_to_do(status: str) -> bool:
    return status in STILL_TO_DO


def overdue(status: str, due: str, today: str) -> bool:
    """Still to do, and its due day (ISO) is before ``today`` (ISO)."""
    return still_to_do(status) and due < today


def count(counts: dict[str, int], status: str, due: str, today: str) -> None:
    """Add an item to ``done`` / ``open`` / ``overdue`` counts (overdue ones are open too)."""
    if status == "done":
        counts["done"] += 1
    elif still_to_do(status):
        counts["open"] += 1
        counts["overdue"] += overdue(status, due, today)
