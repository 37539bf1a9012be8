"""A read asked once per request, however many fields ask it.

Aliases of one report with the same arguments (``{ a: directory { count } b: directory
{ count } }``), or a fragment spread twice, would each call the service; here they share
one call, as a DataLoader shares one lookup of an id. The query's cost still counts
every alias (``query_cost``), so sharing makes honest repetition cheap without making
hostile repetition cheaper to get accepted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from trygnet_gateway.context import Info

Read = tuple[str, tuple[tuple[str, Any], ...]]


async def read_once(
    info: Info, service: str, path: str, params: Iterable[tuple[str, Any]] = ()
) -> Any:
    """``GET path?params`` of ``service`` as the caller, once in this request."""
    context = info.context

    async def load(reads: list[Read]) -> list[Any]:
        calls = (context.call(service, "GET", p, params=list(q)) for p, q in reads)
        return await asyncio.gather(*calls, return_exceptions=True)

    return await context.loader(f"reads of {service}", load).load((path, tuple(params)))
