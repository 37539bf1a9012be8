"""The filters a page takes from its query string, as the API's own enums: an unknown
value is no filter (a stale bookmark still opens the page), never an error."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from fastapi import Request

from trygnet_portal.client.areas import Areas
from trygnet_portal.client.enums import Level, Sector, Theme
from trygnet_portal.client.gateway import Gateway
from trygnet_portal.gateway import Failure, ask

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def enum_of(kind: type[E], value: str | None) -> E | None:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def whole(raw: str | None, allowed: range) -> int | None:
    """A whole number in ``allowed`` as the query string gives it, else None. Only the
    ASCII digits count: ``str.isdigit`` takes ``²`` too, which ``int`` refuses."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(allowed.stop)):
        return None
    number = int(text)
    return number if number in allowed else None


@dataclass(frozen=True)
class Filters:
    area: str | None = None
    sector: Sector | None = None
    level: Level | None = None
    theme: Theme | None = None
    search: str = ""

    @classmethod
    def of(cls, request: Request) -> Filters:
        query = request.query_params
        return cls(
            area=query.get("area") or None,
            sector=enum_of(Sector, query.get("sector")),
            level=enum_of(Level, query.get("level")),
            theme=enum_of(Theme, query.get("theme")),
            search=(query.get("q") or "").strip()[:100],
        )

    @property
    def any(self) -> bool:
        return bool(self.area or self.sector or self.level or self.theme or self.search)

    def matches(self, *texts: str | None) -> bool:
        """The free-text search: every word in one of ``texts``, case and accents as typed."""
        if not self.search:
            return True
        haystack = " ".join(text for text in texts if text).casefold()
        return all(word in haystack for word in self.search.casefold().split())


async def with_areas(
    gateway: Gateway, part: str, call: Awaitable[T]
) -> tuple[Areas | Failure, T | Failure]:
    """A filtered page's ``part`` (``ask``) beside the municipality's areas, which its
    area filter offers: both asked at once."""
    return await asyncio.gather(ask("part.areas", gateway.areas()), ask(part, call))


SECTORS = tuple(Sector)
LEVELS = tuple(Level)
THEMES = tuple(Theme)
