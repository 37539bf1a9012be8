"""The few Markdown pieces the report is made of: tables, rates, ratios."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

TIMES: Final = "\u00d7"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def figure(best: dict[str, Any]) -> str:
    """``12,345 ev/s (1,234 cmd/s)``."""
    return f"{best['events_per_second']:,.0f} ev/s ({best['commands_per_second']:,.0f} cmd/s)"


def ratio(value: float, *, goal: float) -> str:
    """The ratio with a times sign, in bold when it reaches the goal."""
    text = f"{value:.2f}{TIMES}"
    return f"**{text}**" if value >= goal else text


def us(value: float) -> str:
    return f"{value:,.0f} µs"
